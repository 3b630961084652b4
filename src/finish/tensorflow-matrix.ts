import { type Config } from '../config/types.js'
import { childBaseEnv } from '../environment/child-env.js'
import { type InterpreterReading, readInterpreterOnce } from '../environment/interpreter.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { MAX_PLANNED_LINES, planTensorflowMatrix } from '../override/matrix-plan.js'
import { type CheckDeps } from '../pipeline/check.js'
import { readDeclared } from '../pipeline/declared.js'

/** The interpreter's answer for the plan: the check's own reading (readInterpreterOnce). */
function reading(config: Config, deps: CheckDeps): Promise<InterpreterReading> {
  return readInterpreterOnce(deps.runner, config.python, childBaseEnv(deps.baseEnv))
}

/** Asks the interpreter for the plan now, so that its answer overlaps the check instead of following it. */
export function warmPlan(config: Config, deps: CheckDeps): void {
  void reading(config, deps)
}

/**
 * The `tensorflow-matrix` output: the repository's requirements read again (a few milliseconds, no install) with the
 * interpreter's one reading, then the plan over the knowledge. [] when the requirements cannot be read.
 */
export async function tensorflowMatrix(config: Config, deps: CheckDeps): Promise<string[]> {
  let declared
  try {
    declared = readDeclared(config, deps.pathBase, deps.baseEnv)
  } catch {
    return []
  }
  const { info } = await reading(config, deps)
  const planned = planTensorflowMatrix({
    declared,
    markerEnv: info?.markers,
    env: config.env,
    extraPackages: config.extraPackages,
    keras: config.kerasVersion,
    legacyKeras: config.legacyKeras,
    pathBase: deps.pathBase,
    knowledge: KNOWLEDGE,
    max: config.maxVersions
  })
  if (!planned)
    deps.log.info(
      `tensorflow-matrix: over ${MAX_PLANNED_LINES} distinct TensorFlow-related lines, so no plan was made.`
    )
  return planned ?? []
}
