import { type RequirementSet } from '../requirements/types.js'
import { patchFor } from './patch.js'
import { type FixPlan, type PlanCandidate, type PlanVerification } from './types.js'

/** A verification that proves nothing, with why. */
export function unproven(detail: string, tried = 0, seconds = 0): PlanVerification {
  return { status: 'not-verified', detail, proof: 'none', seconds, tried }
}

/** The report's plan for a candidate and what its proof showed, with its patch over the repository's files. */
export function planFrom(
  candidate: PlanCandidate,
  verification: PlanVerification,
  where: { set: RequirementSet; pathBase: string }
): FixPlan {
  const patch = patchFor(where.set, where.pathBase, candidate.edits)
  return {
    found: true,
    edits: candidate.edits,
    python: candidate.python,
    env: candidate.env,
    tensorflow: candidate.tensorflow,
    summary: candidate.summary,
    verification,
    patch: patch.text,
    patchNotes: patch.notes
  }
}

/** No plan: the reason in the summary, nothing to apply. */
export function noPlan(reason: string, python: string): FixPlan {
  return {
    found: false,
    edits: [],
    python,
    env: {},
    tensorflow: '',
    summary: reason,
    verification: unproven(reason),
    patch: '',
    patchNotes: []
  }
}
