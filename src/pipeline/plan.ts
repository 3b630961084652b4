import { type Config } from '../config/types.js'
import { type Finding } from '../core/finding.js'
import { noPlan, planFrom, unproven } from '../fixplan/plan.js'
import { type PlanInput, searchPlans } from '../fixplan/search.js'
import { type FixPlan } from '../fixplan/types.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { KNOWLEDGE_INDEX } from '../knowledge/index-data.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { type OverridePlan } from '../override/plan.js'
import { type RequirementSet } from '../requirements/types.js'
import { type CheckDeps } from './deps.js'
import { type Installed, type RunContext } from './environment.js'
import { prove } from './plan-proof.js'

/** What the plan is searched from: the declared files (the plan edits those), the run's interpreter and variables. */
export interface PlanBasis {
  config: Config
  deps: CheckDeps
  declared: RequirementSet
  plan: OverridePlan
  markers?: MarkerEnvironment
  /** The run's findings: their errors ask for the plan, and their edits are hints for it. */
  findings: Finding[]
}

const errorsIn = (findings: Finding[]) => findings.some(f => f.severity === 'error')

function searchInput(basis: PlanBasis): PlanInput | string {
  const request = basis.config.tensorflowVersion
  if (request?.nightly) return 'nightly builds are not in the knowledge, so no plan can land on one'
  return {
    requirements: basis.declared,
    pathBase: basis.deps.pathBase,
    markers: basis.markers,
    env: basis.plan.env,
    knowledge: KNOWLEDGE,
    index: KNOWLEDGE_INDEX,
    tensorflow: request?.specifier,
    hints: basis.findings.filter(f => f.severity === 'error').flatMap(f => f.edits ?? [])
  }
}

/** The plan from the knowledge alone, labelled with why nothing proved it (preflight only, no environment). */
export function planUnproven(basis: PlanBasis, why: string): FixPlan | undefined {
  if (!errorsIn(basis.findings)) return undefined
  const python = basis.markers?.python_version ?? ''
  const input = searchInput(basis)
  if (typeof input === 'string') return noPlan(input, python)
  const search = searchPlans(input)
  const best = search.candidates[0]
  if (!best) return noPlan(search.reason, python)
  return planFrom(best, unproven(why), { set: basis.declared, pathBase: basis.deps.pathBase })
}

/**
 * The fix plan of a run that found errors: searched from the knowledge, then proven in the work folder as far as
 * verify-fix asks (undefined when there is no error to fix).
 */
export async function proveFixPlan(
  ctx: RunContext,
  installed: Installed | undefined,
  findings: Finding[]
): Promise<FixPlan | undefined> {
  const basis: PlanBasis = { ...ctx, markers: ctx.interpreter?.markers, findings }
  if (!errorsIn(findings)) return undefined
  if (!installed) return planUnproven(basis, 'no environment to resolve in')
  if (ctx.config.verifyFix === 'none') return planUnproven(basis, 'verify-fix is none')
  return ctx.clock.stage(
    'fix plan',
    async () => {
      const input = searchInput(basis)
      const python = basis.markers?.python_version ?? ''
      if (typeof input === 'string') return noPlan(input, python)
      const search = searchPlans(input)
      if (search.candidates.length === 0) return noPlan(search.reason, python)
      const proven = await prove(ctx, installed, search.candidates)
      return planFrom(proven.candidate, proven.verification, { set: ctx.declared, pathBase: ctx.deps.pathBase })
    },
    plan => plan.verification.status === 'verified'
  )
}
