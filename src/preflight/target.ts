import { type Target } from '../knowledge/ecosystem.js'
import { type WheelPlatform } from '../knowledge/index-types.js'
import { markerEnvironmentFor, wheelPlatformOf } from '../knowledge/platform-env.js'
import { type MarkerEnvironment } from '../requirements/markers.js'

export const PLATFORM_LABELS: Record<WheelPlatform, string> = {
  'linux-x86_64': 'Linux x86-64',
  'linux-aarch64': 'Linux arm64',
  'macos-x86_64': 'macOS x86-64 (Intel)',
  'macos-arm64': 'macOS arm64 (Apple silicon)',
  'windows-x86_64': 'Windows x86-64'
}

const minorOf = (python: string) => python.split('.').slice(0, 2).join('.')

/** The run's own interpreter as a target; undefined when it was not asked or its platform is not one we know. */
export function runTarget(env: MarkerEnvironment | undefined): Target | undefined {
  const platform = env && wheelPlatformOf(env)
  if (!env || !platform || !env.python_version) return undefined
  return { platform, python: minorOf(env.python_version), env }
}

/** The same Python (with its patch level when known) on another platform. */
export function targetOn(platform: WheelPlatform, python: string): Target {
  return { platform, python: minorOf(python), env: markerEnvironmentFor(platform, python) }
}

/** The same platform with another Python minor (to judge a set for the Python its pins were built for). */
export function withPython(target: Target, python: string): Target {
  return targetOn(target.platform, python)
}
