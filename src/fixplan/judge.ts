import { type Edit, type Finding } from '../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { preflight } from '../preflight/index.js'
import { parseRequirementLine } from '../requirements/line.js'
import { normalizeName } from '../requirements/names.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'
import { disagreements } from './agree.js'
import { editedRequirement } from './book.js'
import { withEdits } from './edited-set.js'
import { type World } from './world.js'

/** What the rules are asked about: the repository's set, where edits are relative to, the run's variables. */
export interface Bench {
  set: RequirementSet
  pathBase: string
  env: Record<string, string>
  /**
   * The packages the release history can say anything about here (its own, TensorFlow's, what TensorFlow requires):
   * only their lines are screened, so that a file of thousands of other lines costs the screen nothing.
   */
  relevant?: Set<string>
  /** How many of the repository's lines an edit of `set` stands for (a line kept once for its copies: all of them). */
  linesOf?: (edit: Edit) => number
}

/** The lines of the packages worth screening. */
export function focused(bench: Bench, requirements: Requirement[]): Requirement[] {
  const relevant = bench.relevant
  return relevant ? requirements.filter(r => relevant.has(r.key)) : requirements
}

export interface Verdict {
  clean: boolean
  /** The draft's edits with the rules' own fixes for what was left (added lines, caps). */
  edits: Edit[]
  /** What still stands against the candidate: error finding ids and disagreements. */
  remaining: string[]
}

// The rules' fixes are taken for at most this many rounds: each round can only add lines the previous one asked for.
const REPAIR_ROUNDS = 2

const addsTensorflow = (edit: Edit) => {
  const parsed = parseRequirementLine(edit.after)
  return parsed.ok && TENSORFLOW_PACKAGES.includes(normalizeName(parsed.value.name))
}

/**
 * A rule's fix the plan may take: a line the draft did not already decide, never a TensorFlow line (the target
 * decides those), never a line added twice.
 */
function acceptable(bench: Bench, taken: Set<string>, fix: Edit): boolean {
  if (fix.before === '') return !addsTensorflow(fix) && !taken.has(slot(fix))
  const req = editedRequirement(fix, bench.set.requirements, bench.pathBase)
  return !!req && !TENSORFLOW_PACKAGES.includes(req.key) && !taken.has(slot(fix))
}

/** What an edit occupies: its line, or for an added line its text (one of each per plan). */
const slot = (edit: Edit) => (edit.before === '' ? `+${edit.after}` : `${edit.file}\0${edit.line}`)

/** The fixes to take this round: acceptable ones, one per slot, the first rule's in the rules' own order. */
function takeable(bench: Bench, edits: Edit[], errors: Finding[]): Edit[] {
  const taken = new Set(edits.map(slot))
  const out: Edit[] = []
  for (const fix of errors.flatMap(f => f.edits ?? [])) {
    if (!acceptable(bench, taken, fix)) continue
    taken.add(slot(fix))
    out.push(fix)
  }
  return out
}

function errorsOf(bench: Bench, world: World, set: RequirementSet, env: Record<string, string>): Finding[] {
  const findings = preflight({
    requirements: set,
    markerEnv: world.target.markers,
    env: { ...bench.env, ...env },
    pathBase: bench.pathBase,
    knowledge: world.target.knowledge
  })
  return findings.filter(f => f.severity === 'error')
}

/**
 * Judges a candidate with the static rules as the oracle: it is clean when preflight on the edited set (in memory,
 * for the target's Python and platform) reports no error and the release history finds nothing that cannot work
 * together. What the rules still object to is fixed with their own edits first, when they propose any (`repair`).
 */
export function judge(
  bench: Bench,
  world: World,
  draft: { edits: Edit[]; env: Record<string, string> },
  repair = true
): Verdict {
  let edits = draft.edits
  let set = withEdits(bench.set, edits, bench.pathBase)
  let errors = errorsOf(bench, world, set, draft.env)
  for (let round = 0; repair && round < REPAIR_ROUNDS && errors.length > 0; round++) {
    // One fix per line (two rules may both want the numpy line): the first rule's, in the rules' own order.
    const unique = takeable(bench, edits, errors)
    if (unique.length === 0) break
    edits = [...edits, ...unique]
    set = withEdits(bench.set, edits, bench.pathBase)
    errors = errorsOf(bench, world, set, draft.env)
  }
  const problems = disagreements(world, focused(bench, set.requirements))
  const remaining = [...new Set(errors.map(f => f.id)), ...problems]
  return { clean: remaining.length === 0, edits, remaining }
}
