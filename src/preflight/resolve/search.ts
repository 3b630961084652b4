import { type EcosystemView, type Offer, type Target } from '../../knowledge/ecosystem.js'
import { type DistRequirement } from '../../knowledge/index-types.js'
import { type Requirement } from '../../requirements/types.js'
import { and, isExactPin, type Joint, namesPrerelease, pick, SpecMasks } from './specs.js'
import { type Cause, type ChosenRelease, type DeadEnd, type Demand } from './types.js'

/** Releases tried before the search gives up (a real set needs a few dozen; hostile ones are cut off). */
export const STEP_BUDGET = 20_000
const MAX_CAUSES = 400

interface PackageState extends Joint {
  key: string
  offers: Offer[]
  masks: SpecMasks
  demands: Demand[]
  /** Demands that ask for an install (not `-c` lines). */
  needed: number
  extras: string[]
  pin?: Offer
  /** Specifiers checked against the pin while it stood: what the rest of the search saw of it. */
  observed?: Set<string>
  /** Root line order (pip resolves the user's requirements in the order given). */
  order: number
}

class OutOfSteps extends Error {}

/** A release that failed, with what the search saw of it: a later one that looks the same fails the same way. */
interface Tried {
  deps: string
  observed: Set<string>
  offer: Offer
}

/**
 * A depth-first resolver over the knowledge, in pip's order: the package to decide next is the one pinned with ==,
 * then the shallowest, then the user's order; its releases newest first; a release is taken when what it requires
 * can still hold (checked at once against every standing demand), else the next; exhausted, the search backs up.
 * A release that looks to the rest of the search exactly like one that already failed (same requirements, same
 * answers to every check made against it) is skipped: that keeps a cap like numpy<1.22 from being retried per patch.
 */
export class Search {
  readonly causes: Cause[] = []
  readonly deadEnds: DeadEnd[] = []
  private readonly states = new Map<string, PackageState>()
  private readonly trail: (() => void)[] = []
  private steps = 0

  constructor(
    private readonly view: EcosystemView,
    private readonly target: Target,
    /** Packages the run's overrides switch off (uv's `--override`): a release's demand on them is dropped. */
    private readonly dropped: ReadonlySet<string> = new Set()
  ) {}

  /** True when every demand can hold; false on a conflict; throws OutOfSteps past the budget. */
  run(roots: Demand[]): boolean | 'undecided' {
    try {
      for (const d of roots) this.seed(d)
      // A package nothing can satisfy from the start ends the search before it begins.
      for (const s of this.states.values()) {
        if (s.needed > 0 && pick(s.offers, s).length === 0)
          this.deadEnds.push({ key: s.key, demands: [...s.demands], offered: s.offers.length })
      }
      return this.deadEnds.length === 0 && this.solve()
    } catch (error) {
      if (error instanceof OutOfSteps) return 'undecided'
      throw error
    }
  }

  chosen(): Map<string, ChosenRelease> {
    const out = new Map<string, ChosenRelease>()
    for (const s of this.states.values()) {
      if (s.pin && s.needed > 0)
        out.set(s.key, {
          key: s.key,
          version: s.pin.version,
          availability: s.pin.availability,
          extras: s.extras,
          demands: s.demands
        })
    }
    return out
  }

  private solve(): boolean {
    const state = this.next()
    if (!state) return true
    const candidates = pick(state.offers, state)
    if (candidates.length === 0) {
      this.deadEnds.push({ key: state.key, demands: [...state.demands], offered: state.offers.length })
      return false
    }
    const tried: Tried[] = []
    for (const offer of candidates) {
      const deps = this.depsKey(state, offer)
      if (tried.some(t => t.deps === deps && sameAnswers(state.masks, t, offer))) continue
      if (++this.steps > STEP_BUDGET) throw new OutOfSteps()
      const mark = this.trail.length
      if (this.pin(state, offer) && this.solve()) return true
      tried.push({ deps, observed: state.observed ?? new Set(), offer })
      this.undo(mark)
    }
    return false
  }

  /** pip's preference: pinned with ==, then nearest the user's requirements, then their order, then any bound. */
  private next(): PackageState | undefined {
    let best: PackageState | undefined
    let bestKey: (number | string)[] = []
    for (const s of this.states.values()) {
      if (s.pin || s.needed === 0) continue
      const key = [s.exact > 0 ? 0 : 1, this.depth(s), s.order, s.demands.some(d => d.specifier) ? 0 : 1, s.key]
      if (!best || compareKeys(key, bestKey) < 0) [best, bestKey] = [s, key]
    }
    return best
  }

  private depth(s: PackageState, seen = new Set<string>()): number {
    if (s.demands.some(d => d.line && !d.constraint)) return 1
    seen.add(s.key)
    let best = Infinity
    for (const d of s.demands) {
      const parent = d.by && !seen.has(d.by.key) ? this.states.get(d.by.key) : undefined
      if (parent) best = Math.min(best, this.depth(parent, seen) + 1)
    }
    return best
  }

  private pin(state: PackageState, offer: Offer): boolean {
    state.pin = offer
    state.observed = new Set()
    this.trail.push(() => {
      state.pin = undefined
      state.observed = undefined
    })
    return this.requireAll(state, this.dependencies(state.key, offer, state.extras))
  }

  private requireAll(state: PackageState, deps: DistRequirement[]): boolean {
    const by = { key: state.key, version: state.pin!.version }
    for (const dep of deps) {
      const demand: Demand = { key: dep.name, specifier: dep.specifier, extras: dep.extras, constraint: false, by }
      if (!this.demand(demand)) return false
    }
    return true
  }

  /** A user's line, before the search: never taken back, so it is folded in place with nothing to undo. */
  private seed(d: Demand): void {
    const s = this.stateOf(d.key)
    if (!s) return
    if (s.demands.length === 0) s.mask = s.mask.slice()
    s.demands.push(d)
    s.masks.applyTo(s.mask, d.specifier)
    s.namingPre += namesPrerelease(d.specifier) ? 1 : 0
    s.exact += isExactPin(d.specifier) ? 1 : 0
    s.needed += d.constraint ? 0 : 1
    if (!d.constraint) for (const e of d.extras) if (!s.extras.includes(e)) s.extras = [...s.extras, e]
  }

  /** Adds a demand, and says whether it can still hold: against the chosen version, or against what is left. */
  demand(d: Demand): boolean {
    const s = this.stateOf(d.key)
    if (!s) return true
    const before = { mask: s.mask, namingPre: s.namingPre, exact: s.exact, needed: s.needed, extras: s.extras }
    s.demands.push(d)
    s.mask = and(s.mask, s.masks.mask(d.specifier))
    s.namingPre += namesPrerelease(d.specifier) ? 1 : 0
    s.exact += isExactPin(d.specifier) ? 1 : 0
    s.needed += d.constraint ? 0 : 1
    const added = d.constraint ? [] : d.extras.filter(e => !s.extras.includes(e))
    if (added.length > 0) s.extras = [...s.extras, ...added]
    this.trail.push(() => {
      s.demands.pop()
      Object.assign(s, before)
    })
    if (s.pin) return this.againstPin(s, d, added)
    if (s.needed > 0 && pick(s.offers, s).length === 0) {
      if (d.by) this.blame(d, s)
      return false
    }
    return true
  }

  private againstPin(s: PackageState, d: Demand, addedExtras: string[]): boolean {
    s.observed!.add(d.specifier)
    const at = s.offers.indexOf(s.pin!)
    if (!s.masks.mask(d.specifier)[at]) {
      if (d.by) this.blame(d, s)
      return false
    }
    if (addedExtras.length === 0) return true
    const before = new Set(
      this.dependencies(
        s.key,
        s.pin!,
        s.extras.filter(e => !addedExtras.includes(e))
      ).map(r => r.line)
    )
    return this.requireAll(
      s,
      this.dependencies(s.key, s.pin!, s.extras).filter(r => !before.has(r.line))
    )
  }

  private blame(d: Demand, s: PackageState): void {
    if (this.causes.length >= MAX_CAUSES) return
    const against = s.demands.filter(x => x !== d)
    const lines = new Set<Requirement>()
    for (const x of [d, ...against]) this.rootsOf(x, lines, new Set())
    this.causes.push({
      key: d.by!.key,
      version: d.by!.version,
      dependency: s.key,
      specifier: d.specifier,
      against,
      pinned: s.pin?.version,
      lines: [...lines],
      allowedBy: [...(this.states.get(d.by!.key)?.demands ?? [])]
    })
  }

  /** The user's lines behind a demand: its own, or those behind the release that made it. */
  private rootsOf(d: Demand, out: Set<Requirement>, seen: Set<string>): void {
    if (d.line) out.add(d.line)
    if (!d.by || seen.has(d.by.key)) return
    seen.add(d.by.key)
    for (const x of this.states.get(d.by.key)?.demands ?? []) this.rootsOf(x, out, seen)
  }

  private stateOf(key: string): PackageState | undefined {
    let s = this.states.get(key)
    if (s) return s
    const offers = this.view.offered(key, this.target)
    if (!offers) return undefined
    s = {
      key,
      offers,
      masks: new SpecMasks(offers),
      mask: new Uint8Array(offers.length).fill(1),
      namingPre: 0,
      exact: 0,
      demands: [],
      needed: 0,
      extras: [],
      order: this.states.size
    }
    this.states.set(key, s)
    return s
  }

  /** A release's requirements on packages the knowledge covers; the rest are outside this resolution. */
  private dependencies(key: string, offer: Offer, extras: string[]): DistRequirement[] {
    const all = this.view.dependencies(key, offer.version, this.target, extras)
    return (all ?? []).filter(r => r.name !== '' && this.view.covers(r.name) && !this.dropped.has(r.name))
  }

  private depsKey(state: PackageState, offer: Offer): string {
    return this.dependencies(state.key, offer, state.extras)
      .map(r => r.line)
      .sort()
      .join('\n')
  }

  private undo(mark: number): void {
    while (this.trail.length > mark) this.trail.pop()!()
  }
}

function sameAnswers(masks: SpecMasks, tried: Tried, offer: Offer): boolean {
  const a = masks.offers.indexOf(tried.offer)
  const b = masks.offers.indexOf(offer)
  for (const spec of tried.observed) if (masks.mask(spec)[a] !== masks.mask(spec)[b]) return false
  return true
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    return typeof a[i] === 'number' && typeof b[i] === 'number'
      ? (a[i] as number) - (b[i] as number)
      : String(a[i]).localeCompare(String(b[i]))
  }
  return 0
}
