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

/** The same for macOS on Apple silicon and Windows x86-64, as those interpreters report them. */
export function platformMarkers(platform: 'darwin' | 'win32', python = '3.11') {
  return platform === 'darwin'
    ? { ...linuxMarkers(python), sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64' }
    : {
        ...linuxMarkers(python),
        sys_platform: 'win32',
        platform_system: 'Windows',
        platform_machine: 'AMD64',
        os_name: 'nt'
      }
}
