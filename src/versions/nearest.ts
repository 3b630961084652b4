import { compare, valid } from '@renovatebot/pep440'

const PRERELEASE = /(a|b|rc|dev)\d*/i

/** The released versions closest to a wanted one: the nearest below and above, prereleases only if wanted. */
export function nearestVersions(wanted: string, available: string[], count = 3): string[] {
  const pre = PRERELEASE.test(wanted)
  const sorted = available.filter(v => valid(v) && (pre || !PRERELEASE.test(v))).sort(compare)
  if (!valid(wanted)) return sorted.slice(-count)
  const above = sorted.findIndex(v => compare(v, wanted) > 0)
  const at = above < 0 ? sorted.length : above
  const start = Math.max(0, Math.min(at - Math.floor(count / 2), sorted.length - count))
  return sorted.slice(start, start + count)
}

/** The version an exact pin asks for (`==2.16.0` → `2.16.0`), or '' when the specifier is not one exact pin. */
export function pinnedVersion(specifier: string): string {
  const m = /^===?([^,*]+)$/.exec(specifier.trim())
  return m ? m[1].trim() : ''
}
