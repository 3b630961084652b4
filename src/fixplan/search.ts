import { type KnowledgeIndex } from '../knowledge/index-data.js'
import { type Knowledge } from '../knowledge/types.js'
import { type Edit } from '../core/finding.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { type RequirementSet } from '../requirements/types.js'
import { MAX_PLANNED_LINES } from '../override/matrix-plan.js'
import { type Bench, focused, judge } from './judge.js'
import { distinctLines, linesOf, ontoKept, spread } from './distinct.js'
import { drafts, hinted, relevantKeys, type Scored } from './pool.js'
import { byCost, costOf, describe } from './rank.js'
import { comparePythons } from '../knowledge/coverage.js'
import { wheelPlatformOf } from '../knowledge/platform-env.js'
import { type PlanCandidate } from './types.js'
import { World } from './world.js'

export interface PlanInput {
  /** The requirements as the repository declares them: the plan's edits are edits of these files. */
  requirements: RequirementSet
  pathBase: string
  /** The run's interpreter: the plan is for its Python and platform unless it must change the Python. */
  markers?: MarkerEnvironment
  /** The run's variables (the env input): TF_USE_LEGACY_KERAS there changes what the rules expect. */
  env: Record<string, string>
  knowledge: Knowledge
  index: KnowledgeIndex
  /** A tensorflow-version request (PEP 440, '' for the newest): the plan must land on its newest match. */
  tensorflow?: string
  /**
   * The line edits the run's own error findings propose (a numpy cap after an ABI failure the probe saw): one more
   * candidate, and the only one when the knowledge finds nothing wrong with the lines as they are.
   */
  hints?: Edit[]
}

export interface PlanSearch {
  /** Clean candidates, best first. */
  candidates: PlanCandidate[]
  /** Why there is none, when there is none. */
  reason: string
}

// The time judging may take: well under a second on real sets; a hostile set of thousands of lines stops at the
// budget with the best found so far. Six clean candidates are enough: the proof resolves four at most.
const BUDGET_MS = 1500
const KEPT = 6

const none = (reason: string): PlanSearch => ({ candidates: [], reason })

function candidate(bench: Bench, scored: Scored, runPython: string): PlanCandidate | string[] {
  const { draft } = scored
  const lines = bench.linesOf
  const verdict = judge(bench, draft.world, { edits: draft.book.list(), env: draft.env })
  if (!verdict.clean) return verdict.remaining
  const python = scored.python ?? runPython
  if (verdict.edits.length === 0 && python === runPython && Object.keys(draft.env).length === 0) return []
  return {
    edits: verdict.edits,
    python,
    env: draft.env,
    tensorflow: draft.target ? `${draft.target.key} ${draft.target.version}` : '',
    summary: describe(verdict.edits, scored.python, draft.env, lines),
    cost: costOf(
      verdict.edits,
      draft.env,
      {
        python: python !== runPython,
        flavour: scored.flavour,
        pythonSteps: Math.abs(comparePythons(python, runPython))
      },
      lines
    )
  }
}

/**
 * The candidate plans for a set whose run found errors, best first: each a coherent change that the static rules
 * and the release history judge clean for the run's Python and platform (or, failing that, another Python).
 */
export function searchPlans(input: PlanInput): PlanSearch {
  const platform = input.markers && wheelPlatformOf(input.markers)
  if (!input.markers || !platform)
    return none('the interpreter could not be read or its platform is not one the knowledge covers')
  const python = input.markers.python_version
  const world = new World({ knowledge: input.knowledge, index: input.index, python, platform, markers: input.markers })
  // Judged on the distinct lines; the plan found is made on every copy at the end.
  const distinct = distinctLines(input.requirements, input.pathBase)
  const bench: Bench = {
    set: distinct.set,
    pathBase: input.pathBase,
    env: input.env,
    relevant: relevantKeys(world, distinct.set, input.tensorflow),
    // Weighed and described by every line a plan will change, copies included.
    linesOf: linesOf(distinct)
  }
  // Each candidate edits every tied line: past this many distinct ones a search would cost more than the check.
  const tied = focused(bench, distinct.set.requirements).length
  if (tied > MAX_PLANNED_LINES)
    return none(
      `the requirements hold ${tied.toLocaleString('en-US')} distinct lines of TensorFlow and the packages tied to it (more than ${MAX_PLANNED_LINES.toLocaleString('en-US')}): no plan is searched`
    )
  const hints = ontoKept(distinct, input.hints ?? [])
  const asIs = judge(bench, world, { edits: [], env: {} }, false)
  // Lines the knowledge finds nothing wrong with are not moved on a guess: only the run's own fixes are tried then.
  const clean = input.tensorflow === undefined && asIs.clean
  const pool = clean ? hinted(bench, world, hints) : drafts(bench, world, { tensorflow: input.tensorflow, hints })
  if (pool.length === 0)
    return none(
      'the knowledge finds no version conflict in these requirements: the errors are not a matter of versions'
    )
  const started = Date.now()
  const found: PlanCandidate[] = []
  const seen = new Set<string>()
  let standing = asIs.remaining
  for (const scored of pool) {
    // Judged cheapest first: once enough are clean, the rest would only rank below them.
    if (Date.now() - started > BUDGET_MS || found.length >= KEPT) break
    const c = candidate(bench, scored, python)
    if (Array.isArray(c)) {
      if (clean) standing = c
      continue
    }
    const id = JSON.stringify([c.edits, c.python, c.env])
    if (!seen.has(id)) {
      seen.add(id)
      found.push(c)
    }
  }
  found.sort((a, b) => byCost(a.cost, b.cost))
  if (found.length > 0)
    return { candidates: found.slice(0, KEPT).map(c => ({ ...c, edits: spread(distinct, c.edits) })), reason: '' }
  return none(
    `no change of TensorFlow and what is tied to it clears every error; still standing: ${standing.join('; ')}`
  )
}
