import { type Config } from '../config/types.js'
import { type StageClock } from '../core/log.js'
import { type InterpreterInfo } from '../environment/interpreter.js'
import { type VenvResult } from '../environment/venv.js'
import { type WorkDir } from '../environment/workspace.js'
import { type Installer } from '../install/installer.js'
import { type OverridePlan } from '../override/plan.js'
import { type RequirementSet } from '../requirements/types.js'
import { type CheckDeps } from './deps.js'

/** What the environment stages share: read-only, made once by check(). */
export interface RunContext {
  config: Config
  deps: CheckDeps
  clock: StageClock
  declared: RequirementSet
  plan: OverridePlan
  interpreter?: InterpreterInfo
  work: WorkDir
}

/** What the later stages (fix checks) need of a run that got as far as a venv. */
export interface Installed {
  installer: Installer
  venv: VenvResult
  /** The environment the install and the probe ran with. */
  env: NodeJS.ProcessEnv
  /** Where the installer ran: the working directory, in the project copy when there is one. */
  cwd: string
  overridesFile: string
}
