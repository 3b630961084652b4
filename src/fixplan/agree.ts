import { compareVersions } from '../versions/compare.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Requirement } from '../requirements/types.js'
import { pinnedVersion } from '../versions/nearest.js'
import { overlaps, parseRange, type VersionRange } from '../versions/range.js'
import { wantFor } from './ties.js'
import { type World } from './world.js'

// Releases tried per package (newest first) before saying none agrees: the resolver prefers new ones too.
const TRIED = 12

/** The lines that apply on the target (markers true, no direct reference), by package. */
export function linesByKey(world: World, requirements: Requirement[]): Map<string, Requirement[]> {
  const byKey = new Map<string, Requirement[]>()
  for (const r of requirements) {
    if (!r.key || r.url || !world.applies(r.marker)) continue
    const lines = byKey.get(r.key)
    if (lines) lines.push(r)
    else byKey.set(r.key, [r])
  }
  return byKey
}

/** The TensorFlow package the set asks for: the first requirement line of a TensorFlow build. */
export function tensorflowKey(byKey: Map<string, Requirement[]>): string | undefined {
  const first = [...byKey.values()].flat().find(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')
  return first?.key
}

interface Installable {
  byKey: Map<string, Requirement[]>
  /** Versions pip could install per package the release history covers, oldest first. */
  choices: Map<string, string[]>
  problems: string[]
}

function rangesOf(lines: Requirement[]): VersionRange[] | undefined {
  const ranges = lines.map(l => parseRange(l.specifier))
  return ranges.every(Boolean) ? (ranges as VersionRange[]) : undefined
}

function installable(world: World, byKey: Map<string, Requirement[]>): Installable {
  const { python, platform } = world.target
  const choices = new Map<string, string[]>()
  const problems: string[] = []
  for (const [key, lines] of byKey) {
    const ranges = rangesOf(lines)
    if (!world.covers(key) || !ranges || !lines.some(l => l.kind === 'requirement')) continue
    const versions = world.versions(key, ranges, lines.map(l => pinnedVersion(l.specifier)).filter(Boolean))
    if (versions.length > 0) choices.set(key, versions)
    else
      problems.push(
        `${key}: no release with a wheel for Python ${python} on ${platform} satisfies ${lines.map(l => `\`${l.raw}\``).join(' and ')}`
      )
  }
  return { byKey, choices, problems }
}

/**
 * Whether what a release requires of another package with lines in the set can still be had. A package that is not
 * TensorFlow but requires another TensorFlow build than the set's (tf-keras 2.16+ and tensorflow-text require
 * `tensorflow`) would install a second TensorFlow into the same folder: that never holds. A TensorFlow package
 * requiring its own platform build (tensorflow → tensorflow-intel) is TensorFlow's own business.
 */
function dependencyHolds(
  world: World,
  state: Installable,
  from: string,
  dep: { name: string; specifier: string },
  tf?: string
) {
  const another = TENSORFLOW_PACKAGES.includes(dep.name) && !state.byKey.has(dep.name)
  if (another && tf && dep.name !== tf && !TENSORFLOW_PACKAGES.includes(from)) return false
  const name = another && tf ? tf : dep.name
  const lines = state.byKey.get(name)
  if (!lines) return true
  const wanted = parseRange(dep.specifier)
  const ranges = rangesOf(lines)
  if (!wanted || !ranges) return true
  if (!world.covers(name)) return lines.every(l => overlaps(l.specifier, dep.specifier) !== false)
  return world.versions(name, [...ranges, wanted]).length > 0
}

function releaseAgrees(world: World, state: Installable, key: string, version: string, tf?: string): boolean {
  const extras = [...new Set((state.byKey.get(key) ?? []).flatMap(l => l.extras))]
  return world.requiresOf(key, version, extras).every(d => dependencyHolds(world, state, key, d, tf))
}

const newestFirst = (versions: string[]) => [...versions].sort((a, b) => compareVersions(b, a)).slice(0, TRIED)

/** Some TensorFlow the lines allow that every tied package (companions, tf-keras, ...) has a release for. */
function tiesHold(world: World, state: Installable, tf: string): boolean {
  const tfVersions = state.choices.get(tf)
  if (!tfVersions) return true
  const extras = [...new Set((state.byKey.get(tf) ?? []).flatMap(l => l.extras))]
  return newestFirst(tfVersions).some(version =>
    [...state.choices].every(([key, versions]) => {
      const want = wantFor(world, { key: tf, extras, version }, key)
      return !want || versions.some(v => want.allows(v))
    })
  )
}

/**
 * What the release history says cannot work in these lines on the target: a package with no installable release
 * the lines allow, a package whose every allowed release requires what other lines refuse (one level of
 * Requires-Dist), or TensorFlow with companions no allowed release of it fits. The resolver stays the authority;
 * this is how a candidate plan is screened before it is resolved for real.
 */
export function disagreements(world: World, requirements: Requirement[]): string[] {
  const state = installable(world, linesByKey(world, requirements))
  const tf = tensorflowKey(state.byKey)
  for (const [key, versions] of state.choices) {
    if (!newestFirst(versions).some(v => releaseAgrees(world, state, key, v, tf)))
      state.problems.push(`${key}: every allowed release requires what other lines refuse`)
  }
  if (tf && !tiesHold(world, state, tf))
    state.problems.push(`${tf}: no allowed release fits the pins of the packages tied to it`)
  return state.problems
}
