import { type MarkerEnvironment } from '../requirements/markers.js'
import { type WheelPlatform } from './index-types.js'

export const WHEEL_PLATFORMS: readonly WheelPlatform[] = [
  'linux-x86_64',
  'linux-aarch64',
  'macos-x86_64',
  'macos-arm64',
  'windows-x86_64'
]

// What a CPython on each platform reports for the PEP 508 variables that tell platforms apart.
const PLATFORM_MARKERS: Record<WheelPlatform, MarkerEnvironment> = {
  'linux-x86_64': { sys_platform: 'linux', platform_system: 'Linux', platform_machine: 'x86_64', os_name: 'posix' },
  'linux-aarch64': { sys_platform: 'linux', platform_system: 'Linux', platform_machine: 'aarch64', os_name: 'posix' },
  'macos-x86_64': { sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'x86_64', os_name: 'posix' },
  'macos-arm64': { sys_platform: 'darwin', platform_system: 'Darwin', platform_machine: 'arm64', os_name: 'posix' },
  'windows-x86_64': { sys_platform: 'win32', platform_system: 'Windows', platform_machine: 'AMD64', os_name: 'nt' }
}

/**
 * PEP 508 variables of a CPython on a platform, for judging a platform the run is not on. python is "3.11" or
 * "3.11.7"; without the patch, python_full_version is left out, so a marker on it stays undecided rather than
 * guessed.
 */
export function markerEnvironmentFor(platform: WheelPlatform, python: string): MarkerEnvironment {
  const [major, minor, patch] = python.split('.')
  const env: MarkerEnvironment = {
    ...PLATFORM_MARKERS[platform],
    python_version: `${major}.${minor}`,
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython'
  }
  if (patch !== undefined) {
    env.python_full_version = python
    env.implementation_version = python
  }
  return env
}

/** The wheel platform of an interpreter, from its marker variables; undefined for one the knowledge does not cover. */
export function wheelPlatformOf(env: MarkerEnvironment): WheelPlatform | undefined {
  const machine = (env.platform_machine ?? '').toLowerCase()
  const x86 = machine === 'x86_64' || machine === 'amd64'
  const arm = machine === 'arm64' || machine === 'aarch64'
  switch (env.platform_system) {
    case 'Linux':
      return x86 ? 'linux-x86_64' : arm ? 'linux-aarch64' : undefined
    case 'Darwin':
      return x86 ? 'macos-x86_64' : arm ? 'macos-arm64' : undefined
    case 'Windows':
      return x86 ? 'windows-x86_64' : undefined
  }
  return undefined
}
