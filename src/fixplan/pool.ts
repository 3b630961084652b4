import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { comparePythons } from '../knowledge/coverage.js'
import { markerEnvironmentFor } from '../knowledge/platform-env.js'
import { Locator } from '../requirements/locate.js'
import { type RequirementSet } from '../requirements/types.js'
import { linesByKey, tensorflowKey } from './agree.js'
import { EditBook, editedRequirement } from './book.js'
import { type Draft, draftFor } from './draft.js'
import { type Bench, focused } from './judge.js'
import { byCost, costOf } from './rank.js'
import { keptTarget, tfInPlay, tfTargets } from './targets.js'
import { World } from './world.js'

// The drafts a search judges: every TensorFlow target (with and without legacy Keras), the same lines on other
// Pythons, and the run's own fixes. A few dozen in practice; never more than this.
const MAX_DRAFTS = 300

export interface Scored {
  draft: Draft
  python?: string
  flavour: boolean
}

/** The run's own fixes together, as one draft (on the lines they name, or added to the file they name). */
export function hinted(bench: Bench, world: World, hints: Edit[]): Scored[] {
  if (hints.length === 0) return []
  const book = new EditBook(new Locator(bench.set.requirements, bench.pathBase))
  for (const hint of hints) {
    const req = editedRequirement(hint, bench.set.requirements, bench.pathBase)
    if (req) book.change(req, hint.after)
    else if (hint.before === '') book.add(path.resolve(bench.pathBase, hint.file), hint.after)
  }
  return [{ draft: { book, env: {}, world }, flavour: false }]
}

/**
 * The packages worth screening: those the release history covers, TensorFlow's builds, and whatever the TensorFlow
 * the plan may land on requires (typing-extensions, wrapt, ...). Every other line is left to the rules and the
 * resolver.
 */
export function relevantKeys(world: World, set: RequirementSet, request?: string): Set<string> {
  const relevant = new Set([...world.target.index.packages(), ...TENSORFLOW_PACKAGES])
  const tfLines = linesByKey(
    world,
    set.requirements.filter(r => TENSORFLOW_PACKAGES.includes(r.key))
  )
  const tf = tfInPlay(tensorflowKey(tfLines), tfLines)
  for (const t of tf ? tfTargets(world, tf, request) : [])
    for (const dep of world.requiresOf(t.key, t.version, t.extras)) relevant.add(dep.name)
  return relevant
}

export function drafts(bench: Bench, world: World, input: { tensorflow?: string; hints?: Edit[] }): Scored[] {
  const locator = new Locator(bench.set.requirements, bench.pathBase)
  const byKey = linesByKey(world, focused(bench, bench.set.requirements))
  const tf = tfInPlay(tensorflowKey(byKey), byKey)
  const out: Scored[] = []
  const targets = tf ? tfTargets(world, tf, input.tensorflow) : [undefined]
  for (const target of targets) {
    for (const legacy of [false, true]) {
      const draft = draftFor(world, locator, byKey, tf, { target, legacy })
      if (draft) out.push({ draft, flavour: !!tf && !!target && target.key !== tf.key })
    }
  }
  if (input.tensorflow === undefined) out.push(...otherPythons(bench, world, locator))
  out.push(...hinted(bench, world, input.hints ?? []))
  // Judged cheapest first, so that the time budget, if it ever runs out, cuts the least likely plans.
  const cost = (s: Scored) =>
    costOf(s.draft.book.list(), s.draft.env, { python: s.python !== undefined, flavour: s.flavour }, bench.linesOf)
  return out
    .map(s => ({ s, c: cost(s) }))
    .sort((a, b) => byCost(a.c, b.c))
    .map(x => x.s)
    .slice(0, MAX_DRAFTS)
}

/** The same lines (and the ties they need) on another Python, for when no change of lines works on this one. */
function otherPythons(bench: Bench, world: World, locator: Locator): Scored[] {
  const { knowledge, platform, python } = world.target
  const pythons = [...new Set(knowledge.tensorflow.releases.flatMap(r => r.python))].sort(comparePythons)
  return pythons
    .filter(p => p !== python)
    .flatMap(p => {
      const other = new World({ ...world.target, python: p, markers: markerEnvironmentFor(platform, p) })
      const byKey = linesByKey(other, focused(bench, bench.set.requirements))
      const tf = tfInPlay(tensorflowKey(byKey), byKey)
      const kept = tf ? keptTarget(other, tf) : undefined
      if (tf && !kept) return []
      const draft = draftFor(other, locator, byKey, tf, { target: kept })
      return draft ? [{ draft, python: p, flavour: false }] : []
    })
}
