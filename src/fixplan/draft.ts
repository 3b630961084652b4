import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Locator } from '../requirements/locate.js'
import { type Requirement } from '../requirements/types.js'
import { pinnedVersion } from '../versions/nearest.js'
import { contains, overlaps, parseRange, type VersionRange } from '../versions/range.js'
import { EditBook } from './book.js'
import { respecify, rewriteLine } from './style.js'
import { type TfInPlay } from './targets.js'
import { dependencyWant, type TfTarget, type Want, wantFor } from './ties.js'
import { type World } from './world.js'

/** A candidate before the rules have judged it. */
export interface Draft {
  book: EditBook
  env: Record<string, string>
  target?: TfTarget
  world: World
}

interface Drafting {
  world: World
  byKey: Map<string, Requirement[]>
  book: EditBook
  /** Packages settled so far, with the release they get. */
  chosen: Map<string, string>
}

const isTensorflow = (key: string) => TENSORFLOW_PACKAGES.includes(key)

function rangesOf(lines: Requirement[]): VersionRange[] | undefined {
  const ranges = lines.map(l => parseRange(l.specifier))
  return ranges.every(Boolean) ? (ranges as VersionRange[]) : undefined
}

/** Every TensorFlow line gets the target: renamed for a flavour change, re-pinned when it refuses the release. */
function moveTensorflow(d: Drafting, tf: TfInPlay, target: TfTarget): void {
  for (const [key, lines] of d.byKey) {
    if (!isTensorflow(key)) continue
    for (const line of lines) {
      const range = parseRange(line.specifier)
      if (key === tf.key && target.key !== tf.key)
        d.book.change(line, rewriteLine(line, respecify(line.specifier, target.version), target.key, target.extras))
      else if (range && !contains(range, target.version))
        d.book.change(line, rewriteLine(line, respecify(line.specifier, target.version)))
    }
  }
  d.chosen.set(target.key, target.version)
}

/**
 * Settles one package against what is asked of it: its lines stay when they allow a release that fits, else every
 * line that refuses the release made for the target is re-pinned to it. Packages the history does not cover are
 * judged by range alone.
 */
function settle(d: Drafting, key: string, lines: Requirement[], want: Want): void {
  const ranges = rangesOf(lines)
  if (!ranges || lines.some(l => d.book.touches(l))) return
  if (!d.world.covers(key)) {
    if (want.range)
      for (const l of lines)
        if (overlaps(l.specifier, want.range) === false) d.book.change(l, rewriteLine(l, want.range))
    return
  }
  const exact = lines.map(l => pinnedVersion(l.specifier)).filter(Boolean)
  const now = d.world.versions(key, ranges, exact).filter(v => want.allows(v))
  if (now.length > 0) {
    d.chosen.set(key, now[now.length - 1])
    return
  }
  const version = want.pick(d.world.versions(key, []))
  if (!version) return
  d.chosen.set(key, version)
  for (const l of lines) {
    if (!contains(parseRange(l.specifier)!, version))
      d.book.change(l, rewriteLine(l, respecify(l.specifier, version, want.range)))
  }
}

/** Keras 2 kept on a Keras 3 TensorFlow: the keras lines become the matching tf-keras (TF_USE_LEGACY_KERAS=1). */
function toLegacy(d: Drafting, target: TfTarget): boolean {
  const lines = d.byKey.get('keras') ?? []
  const want = wantFor(d.world, target, 'tf-keras')
  const version = want?.pick(d.world.versions('tf-keras', []))
  if (lines.length === 0 || !want || !version) return false
  for (const l of lines) d.book.change(l, rewriteLine(l, respecify(l.specifier, version, want.range), 'tf-keras', []))
  d.chosen.set('tf-keras', version)
  return true
}

/** What the settled releases require of the set's other lines (tensorflow-io → tensorflow-io-gcs-filesystem). */
function secondLevel(d: Drafting, target?: TfTarget): void {
  for (const [key, version] of [...d.chosen]) {
    const extras = key === target?.key ? target.extras : []
    for (const dep of d.world.requiresOf(key, version, extras)) {
      const lines = d.byKey.get(dep.name)
      if (!lines || d.chosen.has(dep.name) || isTensorflow(dep.name)) continue
      const want = dependencyWant(d.world, key, version, extras, dep.name)
      if (want) settle(d, dep.name, lines, want)
    }
  }
}

/**
 * The draft for one TensorFlow target: TensorFlow moved, every package tied to it (TensorFlow's Requires-Dist,
 * packages that require TensorFlow, the companions table) settled against the target, then what those releases
 * require. `legacy` keeps Keras 2 through tf-keras instead of moving keras to Keras 3.
 */
export function draftFor(
  world: World,
  locator: Locator,
  byKey: Map<string, Requirement[]>,
  tf: TfInPlay | undefined,
  options: { target?: TfTarget; legacy?: boolean }
): Draft | undefined {
  const d: Drafting = { world, byKey, book: new EditBook(locator), chosen: new Map() }
  const { target } = options
  if (tf && target) moveTensorflow(d, tf, target)
  if (options.legacy && (!target || !toLegacy(d, target))) return undefined
  if (target) {
    const keys = [...byKey.keys()].filter(k => !isTensorflow(k)).sort()
    for (const key of keys) {
      const want = wantFor(world, target, key)
      if (want) settle(d, key, byKey.get(key)!, want)
    }
  }
  secondLevel(d, target)
  return { book: d.book, env: options.legacy ? { TF_USE_LEGACY_KERAS: '1' } : {}, target, world }
}
