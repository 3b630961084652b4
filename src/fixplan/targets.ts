import { compareVersions } from '../versions/compare.js'
import { minorOf } from '../core/packages.js'
import { type Requirement } from '../requirements/types.js'
import { pinnedVersion } from '../versions/nearest.js'
import { parseRange, type VersionRange } from '../versions/range.js'
import { type TfTarget } from './ties.js'
import { type World } from './world.js'

/** The repository's TensorFlow: its package (flavour), its lines, the extras written on them. */
export interface TfInPlay {
  key: string
  lines: Requirement[]
  extras: string[]
  /** The version the lines pin, for distances ('' when they do not pin one). */
  pinned: string
}

export function tfInPlay(key: string | undefined, byKey: Map<string, Requirement[]>): TfInPlay | undefined {
  const lines = key ? byKey.get(key) : undefined
  if (!key || !lines) return undefined
  const pinned = lines.map(l => pinnedVersion(l.specifier)).find(Boolean) ?? ''
  return { key, lines, extras: [...new Set(lines.flatMap(l => l.extras))], pinned }
}

/**
 * The builds a flavour gives way to when it has no release here: the plain `tensorflow` package (it took over
 * macOS, Intel and aarch64 builds, and GPU support). tensorflow-gpu users keep a GPU build: `tensorflow[and-cuda]`
 * where the release declares that extra (2.14 and later).
 */
function successor(world: World, tf: TfInPlay, version: string): string[] {
  if (tf.key !== 'tensorflow-gpu') return tf.extras
  const cuda = world.requiresOf('tensorflow', version, ['and-cuda']).length
  return cuda > world.requiresOf('tensorflow', version).length ? ['and-cuda'] : []
}

/** In the minor of the pinned version, the nearest release at or above it; in any other, the newest. */
function choose(versions: string[], pinned: string): string | undefined {
  if (pinned && versions.length > 0 && minorOf(versions[0]) === minorOf(pinned))
    return versions.find(v => compareVersions(v, pinned) >= 0) ?? versions[versions.length - 1]
  return versions[versions.length - 1]
}

function inMinor(world: World, tf: TfInPlay, minor: string, request: VersionRange[]): TfTarget | undefined {
  const range = parseRange(`==${minor}.*`)!
  for (const key of tf.key === 'tensorflow' ? [tf.key] : [tf.key, 'tensorflow']) {
    // `==2.12.*` as a range also holds 2.13.0rc0 (below 2.13): only the minor's own releases count.
    const own = world.versions(key, [range, ...request]).filter(v => minorOf(v) === minor)
    const version = choose(own, tf.pinned)
    if (version) return { key, version, extras: key === tf.key ? tf.extras : successor(world, tf, version) }
  }
  return undefined
}

/**
 * The TensorFlow releases a plan may land on: what the lines already pick (nothing moves), and in every minor the
 * knowledge table describes, the release nearest the pin (else the newest), in the repository's flavour when it has
 * one here. A tensorflow-version request narrows them to its newest match.
 */
export function tfTargets(world: World, tf: TfInPlay, request?: string): TfTarget[] {
  const minors = world.target.knowledge.tensorflow.minors.map(m => m.minor)
  if (request !== undefined) {
    const asked = parseRange(request)
    if (!asked) return []
    const all = minors.map(m => inMinor(world, tf, m, [asked])).filter((t): t is TfTarget => t !== undefined)
    return all.slice(-1)
  }
  const kept = keptTarget(world, tf)
  const targets = minors.map(m => inMinor(world, tf, m, [])).filter((t): t is TfTarget => t !== undefined)
  return kept ? [kept, ...targets] : targets
}

/** The release the lines pick as they are (the newest they allow here), if they allow one. */
export function keptTarget(world: World, tf: TfInPlay): TfTarget | undefined {
  const ranges = tf.lines.map(l => parseRange(l.specifier))
  const version = ranges.every(Boolean) ? world.versions(tf.key, ranges as VersionRange[]).pop() : undefined
  return version ? { key: tf.key, version, extras: tf.extras } : undefined
}
