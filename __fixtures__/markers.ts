// PEP 508 marker variables of a CPython on Linux x86-64, for rule and marker tests.
export function linuxMarkers(python = '3.11') {
  return {
    python_version: python,
    python_full_version: `${python}.7`,
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: 'x86_64',
    os_name: 'posix',
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython'
  }
}
