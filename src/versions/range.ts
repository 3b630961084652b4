import { valid } from '@renovatebot/pep440'
import { compareVersions } from './compare.js'

/**
 * PEP 440 specifiers as sets of versions, so that rules can ask "can both hold?" of any two ranges — the user's
 * pin and TensorFlow's requirement, or two lines for the same package — without a list of released versions.
 *
 * A range is a union of intervals; `!=` removes single points. Pre-release subtleties (a specifier without a
 * pre-release excludes them) are ignored: they never make a conflict, only a choice.
 */
export interface Bound {
  version: string
  inclusive: boolean
}

export interface Interval {
  lower?: Bound
  upper?: Bound
}

export interface VersionRange {
  intervals: Interval[]
  excluded: string[]
}

export const ANY: VersionRange = { intervals: [{}], excluded: [] }
const EMPTY: VersionRange = { intervals: [], excluded: [] }

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*$/

/** The next release after a prefix: `2.15` → `2.16`, `2` → `3` (for `==2.15.*` and `~=`). */
function bumpLast(parts: string[]): string {
  const out = parts.slice()
  out[out.length - 1] = String(Number(out[out.length - 1]) + 1)
  return out.join('.')
}

function releaseParts(version: string): string[] {
  const m = /^(?:\d+!)?(\d+(?:\.\d+)*)/.exec(version)
  return m ? m[1].split('.') : []
}

function clauseRange(op: string, version: string): VersionRange | undefined {
  if (version.endsWith('.*')) {
    const prefix = version.slice(0, -2)
    if (!valid(prefix)) return undefined
    const inside: Interval = {
      lower: { version: prefix, inclusive: true },
      upper: { version: bumpLast(prefix.split('.')), inclusive: false }
    }
    if (op === '==') return { intervals: [inside], excluded: [] }
    if (op === '!=')
      return {
        intervals: [
          { upper: { ...inside.lower!, inclusive: false } },
          { lower: { ...inside.upper!, inclusive: true } }
        ],
        excluded: []
      }
    return undefined
  }
  if (!valid(version)) return undefined
  const at = (inclusive: boolean): Bound => ({ version, inclusive })
  switch (op) {
    case '==':
    case '===':
      return { intervals: [{ lower: at(true), upper: at(true) }], excluded: [] }
    case '!=':
      return { intervals: [{}], excluded: [version] }
    case '>=':
      return { intervals: [{ lower: at(true) }], excluded: [] }
    case '>':
      return { intervals: [{ lower: at(false) }], excluded: [] }
    case '<=':
      return { intervals: [{ upper: at(true) }], excluded: [] }
    case '<':
      return { intervals: [{ upper: at(false) }], excluded: [] }
    case '~=': {
      const parts = releaseParts(version)
      if (parts.length < 2) return undefined
      return {
        intervals: [{ lower: at(true), upper: { version: bumpLast(parts.slice(0, -1)), inclusive: false } }],
        excluded: []
      }
    }
  }
  return undefined
}

/** Parses a specifier (`>=2.15,<2.16`, `~=2.16.1`, `==2.15.*`, '' for any). Undefined when it cannot be read. */
// Parsed ranges by specifier text. A set repeats the same few specifiers (and the fix-plan search asks again for
// every candidate), so parsing each once keeps the work linear in the lines. Cleared when full: a bound on memory,
// not a policy. Ranges handed out are frozen: one caller cannot change another's.
const parsed = new Map<string, VersionRange | undefined>()
const PARSED_MAX = 10_000

function frozen(range: VersionRange): VersionRange {
  range.intervals.forEach(i => Object.freeze(i))
  Object.freeze(range.intervals)
  Object.freeze(range.excluded)
  return Object.freeze(range)
}

export function parseRange(specifier: string): VersionRange | undefined {
  if (parsed.has(specifier)) return parsed.get(specifier)
  const range = parseUncached(specifier)
  if (parsed.size >= PARSED_MAX) parsed.clear()
  parsed.set(specifier, range && frozen(range))
  return range
}

function parseUncached(specifier: string): VersionRange | undefined {
  const text = specifier.trim()
  if (text === '') return ANY
  let range = ANY
  for (const clause of text.split(',')) {
    const m = CLAUSE.exec(clause)
    if (!m) return undefined
    const part = clauseRange(m[1], m[2])
    if (!part) return undefined
    range = intersect(range, part)
  }
  return range
}

function maxLower(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b
  if (!b) return a
  const c = compareVersions(a.version, b.version)
  if (c !== 0) return c > 0 ? a : b
  return { version: a.version, inclusive: a.inclusive && b.inclusive }
}

function minUpper(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b
  if (!b) return a
  const c = compareVersions(a.version, b.version)
  if (c !== 0) return c < 0 ? a : b
  return { version: a.version, inclusive: a.inclusive && b.inclusive }
}

function intervalEmpty(i: Interval): boolean {
  if (!i.lower || !i.upper) return false
  const c = compareVersions(i.lower.version, i.upper.version)
  return c > 0 || (c === 0 && !(i.lower.inclusive && i.upper.inclusive))
}

function isPoint(i: Interval): string | undefined {
  return i.lower && i.upper && compareVersions(i.lower.version, i.upper.version) === 0 ? i.lower.version : undefined
}

export function intersect(a: VersionRange, b: VersionRange): VersionRange {
  const intervals: Interval[] = []
  for (const x of a.intervals) {
    for (const y of b.intervals) {
      const i = { lower: maxLower(x.lower, y.lower), upper: minUpper(x.upper, y.upper) }
      if (!intervalEmpty(i)) intervals.push(i)
    }
  }
  return intervals.length === 0 ? EMPTY : { intervals, excluded: [...a.excluded, ...b.excluded] }
}

/** True when no version at all can satisfy the range (an interval of one excluded point counts as empty). */
export function isEmpty(range: VersionRange): boolean {
  return range.intervals.every(i => {
    if (intervalEmpty(i)) return true
    const point = isPoint(i)
    return point !== undefined && range.excluded.some(x => compareVersions(x, point) === 0)
  })
}

export function contains(range: VersionRange, version: string): boolean {
  if (!valid(version) || range.excluded.some(x => compareVersions(x, version) === 0)) return false
  return range.intervals.some(i => {
    const lowOk =
      !i.lower ||
      compareVersions(version, i.lower.version) > 0 ||
      (i.lower.inclusive && compareVersions(version, i.lower.version) === 0)
    const highOk =
      !i.upper ||
      compareVersions(version, i.upper.version) < 0 ||
      (i.upper.inclusive && compareVersions(version, i.upper.version) === 0)
    return lowOk && highOk
  })
}

/** Can two specifiers hold at once? Undefined when either cannot be read (then no rule may claim a conflict). */
export function overlaps(a: string, b: string): boolean | undefined {
  const ra = parseRange(a)
  const rb = parseRange(b)
  if (!ra || !rb) return undefined
  return !isEmpty(intersect(ra, rb))
}
