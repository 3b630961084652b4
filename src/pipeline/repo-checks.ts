import * as path from 'node:path'
import { type Config } from '../config/types.js'
import { type StageClock } from '../core/log.js'
import { type WorkDir } from '../environment/workspace.js'
import { type CodeScanInput, type ModelTarget, type ProbeResult, withRecord } from '../probe/run.js'
import { SMOKE_COMMAND_STEP } from '../probe/steps.js'
import { scanCode, shownPrefix } from './code-scan.js'
import { type CheckDeps } from './deps.js'
import { discoverModels } from './models.js'
import { runSmokeCommand } from './smoke-command.js'

/** What these stages read of the run (environment.ts's RunContext has it all). */
interface RunContext {
  config: Config
  deps: CheckDeps
  clock: StageClock
  work: WorkDir
}

/** What they read of the installed venv (environment.ts's Installed). */
interface Installed {
  venv: { python: string }
  env: NodeJS.ProcessEnv
  /** The working directory, in the project copy when there is one. */
  cwd: string
}

/** What the probe needs to check what the repository itself uses, and the code scan running beside it. */
export interface RepositoryChecks {
  plan: { models: ModelTarget[]; codeScan: CodeScanInput }
  /** The code scan, running while the probe imports TensorFlow; it ends within its own time limit. */
  scanned: Promise<void>
}

function findModels(ctx: RunContext): ModelTarget[] {
  const { config, deps } = ctx
  const found = discoverModels(
    config.models ?? { mode: 'auto' },
    config.workingDirectory,
    deps.pathBase,
    path.join(ctx.work.root, 'models')
  )
  for (const note of found.notes) deps.log.info(`Models: ${note}`)
  if (found.targets.length > 0) deps.log.info(`Models to load: ${found.targets.map(t => t.id).join(', ')}`)
  return found.targets
}

/**
 * Before the probe: the repository's model files found and copied into the work folder; and its Python files
 * scanned for the Keras and TensorFlow names they use, in a process of its own that keeps running beside the probe
 * (the probe reads its file when it gets to the code, after TensorFlow's import, the toy model and the models).
 */
export async function prepareRepositoryChecks(ctx: RunContext, installed: Installed): Promise<RepositoryChecks> {
  const { deps, config } = ctx
  const out = path.join(ctx.work.root, 'code-scan.json')
  const scanned = scanCode(
    deps.runner,
    {
      python: installed.venv.python,
      root: installed.cwd,
      shownAs: shownPrefix(deps.pathBase, config.workingDirectory),
      out,
      env: installed.env
    },
    deps.log
  )
  const models = await ctx.clock.stage('models', async () => findModels(ctx))
  return { plan: { models, codeScan: { file: out } }, scanned }
}

/** After the probe: the repository's own smoke command, whose record joins the probe's (when one is configured). */
export async function afterProbe(ctx: RunContext, installed: Installed, probe: ProbeResult): Promise<ProbeResult> {
  const command = ctx.config.smokeCommand
  if (!command) return probe
  // A probe stopped at the time limit already took the run's time; a second wait as long would tell nothing new.
  if (probe.timedOut)
    return withRecord(probe, {
      step: SMOKE_COMMAND_STEP,
      status: 'skipped',
      seconds: 0,
      data: {},
      reason: 'the probe hit the time limit'
    })
  const record = await ctx.clock.stage(
    'smoke command',
    () =>
      runSmokeCommand(ctx.deps.runner, {
        command,
        cwd: installed.cwd,
        env: installed.env,
        timeoutMs: ctx.config.timeoutMinutes * 60_000,
        onOutput: chunk => ctx.deps.log.untrusted(chunk)
      }),
    r => r.status === 'ok'
  )
  return withRecord(probe, record)
}
