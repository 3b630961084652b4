import { StageTiming } from '../core/timing.js'
import { Finding } from '../core/finding.js'
import { InterpreterInfo } from '../environment/interpreter.js'
import { Installer, VenvResult } from '../install/installer.js'
import { InstallResult } from '../install/types.js'
import { ProjectCopy } from '../environment/project-copy.js'
import { Log } from '../core/log.js'
import { AppliedOverrides } from '../override/apply.js'
import { ProbeResult } from '../probe/run.js'
import { RequirementSet } from '../requirements/types.js'

/** What one check has learnt so far: each stage reads what the earlier ones left and adds its own result. */
export interface RunState {
  stages: StageTiming[]
  /** As the rules judge it: overridden lines carry the requested versions. */
  requirements: RequirementSet
  /** As the repository declares it: what is installed (with overrides applied by the installer). */
  declared: RequirementSet
  overrides: AppliedOverrides
  /** Packages added for this run: overrides' additions, legacy-keras's tf-keras, then extra-packages. */
  extras: string[]
  interpreter?: InterpreterInfo
  /** Why the interpreter cannot be used at all (too old): the run stops before the venv and says so. */
  interpreterProblem?: string
  installer?: Installer
  installerNote: string
  pythonVersion: string
  preflight: Finding[]
  venv?: VenvResult
  install?: InstallResult
  probe?: ProbeResult
  pipCheck: string[]
  probeEnv: NodeJS.ProcessEnv
  findings?: Finding[]
  /** uv's overrides file, when the run overrides pins (verification resolves with it too). */
  overridesFile?: string
  /** The copy of the repository the install and the probe run from, when its own code runs. */
  copy?: ProjectCopy
  /** Where the installer runs: the working directory, in the copy when there is one. */
  cwd?: string
}

/** Runs one stage under its log group and records how long it took and whether it went well. */
export async function timed<T>(
  stages: StageTiming[],
  log: Log,
  name: string,
  fn: () => Promise<T>,
  ok: (value: T) => boolean = () => true
): Promise<T> {
  const started = Date.now()
  return log.stage(
    name,
    async () => {
      const value = await fn()
      stages.push({ name, seconds: (Date.now() - started) / 1000, ok: ok(value) })
      return value
    },
    ok
  )
}
