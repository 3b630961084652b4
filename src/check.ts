import { Config } from './config.js'
import { diagnose } from './diagnose/index.js'
import { Finding } from './diagnose/finding.js'
import { readInterpreter } from './environment/interpreter.js'
import { KNOWLEDGE } from './knowledge/index.js'
import { preflight } from './preflight/index.js'
import { MarkerEnvironment } from './requirements/markers.js'
import { runEnvironment } from './env.js'
import { createVenv, VenvResult } from './environment/venv.js'
import { createWorkDir, removeWorkDir, WorkDir } from './environment/workspace.js'
import { parsePipCheck, pipInstall } from './install/pip.js'
import { InstallResult } from './install/types.js'
import { Log } from './log.js'
import { ProbeResult, runProbe } from './probe/run.js'
import { summarizeEnvironment } from './report/environment.js'
import { Report, StageTiming } from './report/model.js'
import { statusOf } from './report/verdict.js'
import { loadRequirements } from './requirements/discover.js'
import { RequirementSet } from './requirements/types.js'
import { ProcessRunner } from './util/process.js'
import { VERSION } from './version.js'

export interface CheckDeps {
  runner: ProcessRunner
  log: Log
  /** Parent of the throwaway work folder: RUNNER_TEMP on a runner, the OS temp dir elsewhere. */
  tempRoot: string
  /** Report paths are relative to this (GITHUB_WORKSPACE on a runner, the current directory elsewhere). */
  pathBase: string
  baseEnv: NodeJS.ProcessEnv
  /** Told the work folder as soon as it exists, so a cancelled or killed run can still remove it. */
  onWorkDir?: (dir: string | undefined) => void
}

interface RunState {
  stages: StageTiming[]
  requirements: RequirementSet
  interpreter?: MarkerEnvironment
  preflight: Finding[]
  venv?: VenvResult
  install?: InstallResult
  probe?: ProbeResult
  pipCheck: string[]
  probeEnv: NodeJS.ProcessEnv
}

const INSTALL_TIMEOUT_MS = 45 * 60_000

/** One check of one environment: requirements → venv → install → probe → diagnose. The venv never outlives it. */
export async function check(config: Config, deps: CheckDeps): Promise<Report> {
  const startedAt = new Date()
  const stages: StageTiming[] = []
  const requirements = await timed(stages, deps.log, 'requirements', async () =>
    loadRequirements(config.workingDirectory, config.requirements, {
      env: { ...deps.baseEnv, ...config.env },
      selection: { extras: config.extras, groups: config.groups }
    })
  )
  const state: RunState = { stages, requirements, preflight: [], pipCheck: [], probeEnv: {} }
  await runPreflight(config, deps, state)
  if (config.preflightOnly) return buildReport(config, deps, state, startedAt)
  const work = createWorkDir(deps.tempRoot)
  deps.onWorkDir?.(work.root)
  try {
    await runStages(config, deps, work, state)
  } finally {
    removeWorkDir(work.root)
    deps.onWorkDir?.(undefined)
  }
  return buildReport(config, deps, state, startedAt)
}

/** Static rules before anything is installed; the interpreter is asked for its marker variables (20 ms). */
async function runPreflight(config: Config, deps: CheckDeps, state: RunState): Promise<void> {
  state.interpreter = await readInterpreter(deps.runner, config.python)
  state.preflight = await timed(state.stages, deps.log, 'preflight', async () =>
    preflight({
      requirements: state.requirements,
      markerEnv: state.interpreter,
      env: config.env,
      pathBase: deps.pathBase,
      knowledge: KNOWLEDGE
    })
  )
  const unresolvable = state.preflight.filter(f => f.severity === 'error' && f.provenBy === 'install')
  if (unresolvable.length > 0 && !config.preflightOnly) {
    deps.log.info(
      `Preflight: these requirements cannot resolve (${unresolvable.map(f => f.id).join(', ')}); installing anyway for the installer's own word.`
    )
  }
}

async function runStages(config: Config, deps: CheckDeps, work: WorkDir, state: RunState): Promise<void> {
  const { log, runner } = deps
  state.venv = await timed(
    state.stages,
    log,
    'environment',
    () => createVenv(runner, config.python, work.venv),
    r => r.ok
  )
  if (!state.venv.ok) {
    log.untrusted(state.venv.log)
    return
  }
  const env = runEnvironment({ base: deps.baseEnv, user: config.env, venvDir: work.venv, kerasHome: work.kerasHome })
  state.probeEnv = env
  const python = state.venv.python
  state.install = await timed(
    state.stages,
    log,
    'install',
    () =>
      pipInstall(runner, {
        python,
        files: state.requirements.files,
        projectDir: state.requirements.projectDir,
        projectExtras: state.requirements.projectExtras,
        extraPackages: [...state.requirements.groupRequirements, ...config.extraPackages],
        env,
        cwd: config.workingDirectory,
        timeoutMs: INSTALL_TIMEOUT_MS,
        onOutput: chunk => log.untrusted(chunk)
      }),
    r => r.ok
  )
  if (!state.install.ok) return
  // pip check reads metadata only: it runs beside the probe instead of after it.
  const [probe, pipCheck] = await Promise.all([
    timed(
      state.stages,
      log,
      'probe',
      () =>
        runProbe(runner, {
          python,
          resultsFile: work.probeResults,
          scratchDir: work.root,
          workingDirectory: config.workingDirectory,
          smokeImports: config.smokeImports,
          env,
          timeoutMs: config.timeoutMinutes * 60_000,
          onOutput: chunk => log.untrusted(chunk)
        }),
      r => r.completed
    ),
    runner.run(python, ['-m', 'pip', 'check', '--disable-pip-version-check'], { env, timeoutMs: 120_000 })
  ])
  state.probe = probe
  state.pipCheck = parsePipCheck(pipCheck.stdout)
}

async function timed<T>(
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

function buildReport(config: Config, deps: CheckDeps, state: RunState, startedAt: Date): Report {
  const findings = diagnose({
    requirements: state.requirements,
    preflight: state.preflight,
    pathBase: deps.pathBase,
    venvError: state.venv && !state.venv.ok ? state.venv.error : undefined,
    install: state.install,
    probe: state.probe,
    pipCheck: state.pipCheck,
    probeEnv: state.probeEnv,
    timeoutMinutes: config.timeoutMinutes
  })
  const status = statusOf(findings, {
    preflightOnly: config.preflightOnly,
    installed: state.install?.ok === true,
    probeCompleted: state.probe?.completed === true
  })
  return {
    schemaVersion: 1,
    tool: { name: 'keras-compat', version: VERSION },
    status,
    mode: config.preflightOnly ? 'preflight-only' : 'full',
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    workingDirectory: config.workingDirectory,
    requirementFiles: state.requirements.files,
    project: state.requirements.projectDir,
    installer: state.install
      ? { name: 'pip', ok: state.install.ok, command: state.install.command, log: state.install.log }
      : null,
    environment: summarizeEnvironment(state.probe, state.venv?.version || state.interpreter?.python_full_version),
    stages: state.stages,
    steps: state.probe?.steps ?? [],
    probeLog: state.probe?.log ?? '',
    findings
  }
}
