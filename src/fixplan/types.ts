import { type Edit, type Verification } from '../core/finding.js'

/** What a candidate costs the user, compared in this order: their Python, their TensorFlow flavour, lines, distance. */
export interface PlanCost {
  changesPython: boolean
  changesFlavour: boolean
  /** Lines changed or added, plus one per variable the runtime must set. */
  lines: number
  /** How far the versions move: TensorFlow's minor steps first, then the others'. */
  distance: number
}

/** One coherent change of the whole set: line edits, and maybe another Python or a variable to set. */
export interface PlanCandidate {
  edits: Edit[]
  /** The Python minor the plan is for: the run's own unless the plan changes it. */
  python: string
  /** Variables the plan needs set where the code runs ({} for none). */
  env: Record<string, string>
  /** The TensorFlow the plan lands on, as `tensorflow-cpu 2.12.1` ('' when the set has none). */
  tensorflow: string
  /** One line for people: what moves where. */
  summary: string
  cost: PlanCost
}

/** What the plan's proof showed: a real install and smoke test, a real resolution, or nothing. */
export interface PlanVerification extends Verification {
  proof: 'smoke-test' | 'resolve' | 'none'
  /** Time the proof took (resolutions, the install and the probe). */
  seconds: number
  /** How many candidates were resolved for real. */
  tried: number
}

/** The report's `fixPlan`: the one change that removes every error finding together, and what proves it. */
export interface FixPlan {
  /** False when no candidate was clean: `summary` then says why, and there is nothing to apply. */
  found: boolean
  edits: Edit[]
  python: string
  env: Record<string, string>
  tensorflow: string
  summary: string
  verification: PlanVerification
  /** The edits as a unified diff `git apply` accepts, paths relative to the repository ('' when none). */
  patch: string
  /** Edits the patch cannot carry (a Poetry table, an undecodable file), each with why. */
  patchNotes: string[]
}
