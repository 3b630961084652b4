import { Config } from '../config/types.js'
import { childBaseEnv } from '../environment/child-env.js'
import { readInterpreter } from '../environment/interpreter.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { planTensorflowMatrix } from '../override/matrix-plan.js'
import { CheckDeps } from '../pipeline/check.js'
import { readDeclared } from '../pipeline/declared.js'

/**
 * The `tensorflow-matrix` output: the repository's requirements read again and the interpreter asked again (a few
 * tens of milliseconds, no install), then the plan over the knowledge. [] when the requirements cannot be read.
 */
export async function tensorflowMatrix(config: Config, deps: CheckDeps): Promise<string[]> {
  let declared
  try {
    declared = readDeclared(config, deps.pathBase, deps.baseEnv)
  } catch {
    return []
  }
  const reading = await readInterpreter(deps.runner, config.python, childBaseEnv(deps.baseEnv))
  return planTensorflowMatrix({
    declared,
    markerEnv: reading.info?.markers,
    env: config.env,
    extraPackages: config.extraPackages,
    keras: config.kerasVersion,
    legacyKeras: config.legacyKeras,
    pathBase: deps.pathBase,
    knowledge: KNOWLEDGE,
    max: config.maxVersions
  })
}
