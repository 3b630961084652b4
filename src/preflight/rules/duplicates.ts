import { compare } from '@renovatebot/pep440'
import { type Finding } from '../../core/finding.js'
import { type Requirement } from '../../requirements/types.js'
import { type Bound, contains, intersect, isEmpty, parseRange, type VersionRange } from '../../versions/range.js'
import { type PreflightContext } from '../context.js'
import { where } from '../fix.js'

/**
 * The same package on two lines (requirements or constraints, any package) with ranges that cannot both hold.
 *
 * Linear in lines, n log n in distinct specifiers: identical specifiers never clash, so each is judged once; a few
 * distinct ones are compared pair by pair; many are judged by their hulls (intervals on a line all meet pairwise
 * exactly when the largest lower bound is under the smallest upper one), by the single points where two hulls
 * touch, and by the few multi-interval ranges (`!=2.*`) compared with every other. The resolver stays the
 * authority: this rule only says early what the install will say.
 */
const EXACT = 64

interface Hull {
  lower?: Bound
  upper?: Bound
}

interface Entry {
  req: Requirement
  range: VersionRange
  hull: Hull
  /** Position of the line, to report clashes in the order the lines were written. */
  order: number
}

const clashes = (a: Entry, b: Entry) => isEmpty(intersect(a.range, b.range))

function ordered(a: Entry, b: Entry): [Entry, Entry] {
  return a.order < b.order ? [a, b] : [b, a]
}

function pairwise(entries: Entry[], against: Entry[]): [Entry, Entry] | undefined {
  let best: [Entry, Entry] | undefined
  for (const a of entries) {
    for (const b of against) {
      if (a === b || !clashes(a, b)) continue
      const pair = ordered(a, b)
      if (!best || pair[0].order < best[0].order || (pair[0].order === best[0].order && pair[1].order < best[1].order))
        best = pair
    }
  }
  return best
}

function hullOf(range: VersionRange): Hull {
  let lower: Bound | undefined
  let upper: Bound | undefined
  let openBelow = false
  let openAbove = false
  for (const i of range.intervals) {
    if (!i.lower) openBelow = true
    else if (!lower || compare(i.lower.version, lower.version) < 0) lower = i.lower
    if (!i.upper) openAbove = true
    else if (!upper || compare(i.upper.version, upper.version) > 0) upper = i.upper
  }
  return { lower: openBelow ? undefined : lower, upper: openAbove ? undefined : upper }
}

/** Where a bound sits, an exclusive bound just past its version (above it for a lower bound, below for an upper). */
function beyond(a: Bound, b: Bound, side: 'lower' | 'upper'): boolean {
  const c = compare(a.version, b.version)
  if (c !== 0) return side === 'lower' ? c > 0 : c < 0
  return !a.inclusive && b.inclusive
}

/** Two hulls that do not meet: the highest lower bound above the lowest upper bound (Helly, on a line). */
function disjointHulls(entries: Entry[]): [Entry, Entry] | undefined {
  let high: Entry | undefined
  let low: Entry | undefined
  for (const e of entries) {
    if (e.hull.lower && (!high || beyond(e.hull.lower, high.hull.lower!, 'lower'))) high = e
    if (e.hull.upper && (!low || beyond(e.hull.upper, low.hull.upper!, 'upper'))) low = e
  }
  if (!high || !low || high === low) return undefined
  const c = compare(high.hull.lower!.version, low.hull.upper!.version)
  const apart = c > 0 || (c === 0 && !(high.hull.lower!.inclusive && low.hull.upper!.inclusive))
  return apart ? ordered(high, low) : undefined
}

/** Hulls that meet in one version only (one ends where the other starts) which one of the two leaves out. */
function touching(entries: Entry[]): [Entry, Entry] | undefined {
  const marks = entries.flatMap(e => [
    ...(e.hull.lower?.inclusive ? [{ e, v: e.hull.lower.version, lower: true }] : []),
    ...(e.hull.upper?.inclusive ? [{ e, v: e.hull.upper.version, lower: false }] : [])
  ])
  marks.sort((a, b) => compare(a.v, b.v))
  for (let i = 0, j = 0; i < marks.length; i = j) {
    while (j < marks.length && compare(marks[j].v, marks[i].v) === 0) j++
    const group = marks.slice(i, j)
    const v = marks[i].v
    const starts = group.filter(m => m.lower).map(m => m.e)
    const ends = group.filter(m => !m.lower).map(m => m.e)
    for (const [these, those] of [
      [ends, starts],
      [starts, ends]
    ]) {
      const out = these.find(e => !contains(e.range, v))
      const other = out && those.find(e => e !== out)
      if (out && other) return ordered(out, other)
    }
  }
  return undefined
}

const isPoint = (e: Entry) =>
  !!e.hull.lower && !!e.hull.upper && compare(e.hull.lower.version, e.hull.upper.version) === 0

/** A point range (`==1.2`; once hulls all meet there is one such version) that another range leaves out. */
function pointLeftOut(entries: Entry[]): [Entry, Entry] | undefined {
  const point = entries.find(isPoint)
  if (!point) return undefined
  const v = point.hull.lower!.version
  const other = entries.find(e => e !== point && !contains(e.range, v))
  return other ? ordered(point, other) : undefined
}

function findClash(reqs: Requirement[]): [Requirement, Requirement] | undefined {
  const entries: Entry[] = []
  reqs.forEach((req, order) => {
    const range = parseRange(req.specifier)
    if (range) entries.push({ req, range, hull: hullOf(range), order })
  })
  if (entries.length < 2) return undefined
  // A range nothing satisfies clashes with any other line.
  const empty = entries.find(e => isEmpty(e.range))
  if (empty)
    return pick(
      ordered(
        empty,
        entries.find(e => e !== empty)!
      )
    )
  const seen = new Set<string>()
  const distinct = entries.filter(e => !seen.has(e.req.specifier) && seen.add(e.req.specifier))
  if (distinct.length <= EXACT) return pick(pairwise(distinct, distinct))
  const multi = distinct.filter(e => e.range.intervals.length > 1).slice(0, EXACT)
  return pick(disjointHulls(distinct) ?? touching(distinct) ?? pointLeftOut(distinct) ?? pairwise(multi, distinct))
}

const pick = (pair: [Entry, Entry] | undefined): [Requirement, Requirement] | undefined =>
  pair ? [pair[0].req, pair[1].req] : undefined

export function duplicateRequirement(ctx: PreflightContext): Finding[] {
  const byKey = new Map<string, Requirement[]>()
  for (const r of ctx.requirements) {
    if (r.url) continue
    const list = byKey.get(r.key)
    if (list) list.push(r)
    else byKey.set(r.key, [r])
  }
  const findings: Finding[] = []
  for (const reqs of byKey.values()) {
    const clash = reqs.length > 1 ? findClash(reqs) : undefined
    if (!clash) continue
    const [a, b] = clash
    // Lines as written: a name that came from ${VAR} is never shown expanded.
    findings.push({
      id: 'duplicate-requirement',
      severity: 'error',
      title: `\`${a.raw}\` and \`${b.raw}\` ask for the same package with ranges that cannot both hold`,
      explanation:
        'No version satisfies both lines, so the resolver must fail. Often one line is a leftover after an upgrade.',
      fix: 'Keep one of the two lines (usually the newer pin) and delete the other.',
      locations: where(ctx, a, b),
      evidence: '',
      stage: 'preflight',
      provenBy: 'install'
    })
  }
  return findings
}
