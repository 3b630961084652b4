import { ConfigError } from '../core/errors.js'
import { StageTiming } from '../core/timing.js'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { KeyParts } from '../cache/keys.js'
import { Config } from '../config/parse.js'
import { diagnose } from '../diagnose/index.js'
import { Finding } from '../core/finding.js'
import { readInterpreter } from '../environment/interpreter.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { preflight } from '../preflight/index.js'
import { runEnvironment } from '../environment/run-env.js'
import { childBaseEnv } from '../environment/child-env.js'
import {
  commonDir,
  copyProject,
  gitEnvironment,
  inCopy,
  isLocalReference,
  ProjectCopy,
  ProjectTooLarge
} from '../environment/project-copy.js'
import { cacheDirs } from '../environment/cache-dirs.js'
import { Installer } from '../install/installer.js'
import { selectInstaller } from '../install/select.js'
import { createWorkDir, removeWorkDir, WorkDir } from '../environment/workspace.js'
import { Log } from '../core/log.js'
import { runProbe } from '../probe/run.js'
import { Report } from '../report/model.js'
import { buildReport } from '../report/build.js'
import { RunState, timed } from './run-state.js'
import { loadRequirements } from '../requirements/discover.js'
import { RequirementSet } from '../requirements/types.js'
import { ProcessRunner } from '../util/process.js'
import { verifyFixes } from '../verify/index.js'
import { applyOverrides, legacyKerasPair } from '../override/apply.js'
import { copyWithEdits } from '../requirements/copy.js'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'

/** Cross-run caching, supplied by the action (the CLI keeps its on-disk caches and needs none of this). */
export interface CacheHooks {
  /** Before the installer is chosen: the folder a bootstrapped uv lives in. */
  restoreTools(dir: string): Promise<void>
  /** Before the venv is made: the installer's download cache and the bytecode cache, keyed on what decides them. */
  restoreInstaller(dirs: string[], parts: KeyParts): Promise<void>
}

export interface CheckDeps {
  runner: ProcessRunner
  log: Log
  /** Parent of the throwaway work folder: RUNNER_TEMP on a runner, the OS temp dir elsewhere. */
  tempRoot: string
  /** Report paths are relative to this (GITHUB_WORKSPACE on a runner, the current directory elsewhere). */
  pathBase: string
  baseEnv: NodeJS.ProcessEnv
  /** Told the work folder (and its owner token) as soon as it exists, so a cancelled or killed run can remove it. */
  onWorkDir?: (work: { root: string; token: string } | undefined) => void
  cache?: CacheHooks
}

const INSTALL_TIMEOUT_MS = 45 * 60_000

/** One check of one environment: requirements → venv → install → probe → diagnose. The venv never outlives it. */
export async function check(config: Config, deps: CheckDeps): Promise<Report> {
  const startedAt = new Date()
  const stages: StageTiming[] = []
  const requirements = await timed(stages, deps.log, 'requirements', async () =>
    loadRequirements(config.workingDirectory, config.requirements, {
      // `${VAR}` expands as the installer will expand it: from the environment the installer really gets.
      env: { ...childBaseEnv(deps.baseEnv), ...config.env },
      root: repositoryRoot(deps.pathBase, config.workingDirectory),
      allowOutside: config.allowOutsideWorkspace,
      selection: { extras: config.extras, groups: config.groups }
    })
  )
  if (
    requirements.requirements.length === 0 &&
    requirements.problems.length === 0 &&
    !requirements.projectDir &&
    config.extraPackages.length === 0 &&
    !config.tensorflowVersion
  ) {
    const names = requirements.files.map(f => path.relative(config.workingDirectory, f) || f)
    throw new ConfigError(
      `requirements: ${names.join(', ')} ${names.length === 1 ? 'lists' : 'list'} no requirements (empty, or only ` +
        'comments and options). Add your requirements, or point the requirements input at the right file.'
    )
  }
  const overrides = applyOverrides(requirements, { tensorflow: config.tensorflowVersion, keras: config.kerasVersion })
  if (config.legacyKeras) {
    config = { ...config, env: { ...config.env, TF_USE_LEGACY_KERAS: '1' } }
  }
  const state: RunState = {
    declared: requirements,
    overrides,
    extras: [...overrides.additions, ...config.extraPackages],
    stages,
    requirements: overrides.requirements,
    preflight: [],
    pipCheck: [],
    probeEnv: {},
    installerNote: '',
    pythonVersion: ''
  }
  await runPreflight(config, deps, state)
  if (config.preflightOnly) return buildReport(config, state, startedAt, findingsOf(config, deps, state))
  const work = createWorkDir(deps.tempRoot, stableName(config, state))
  deps.onWorkDir?.(work)
  try {
    await runStages(config, deps, work, state)
    state.findings = findingsOf(config, deps, state)
    await verify(config, deps, work, state)
  } finally {
    removeWorkDir(work.root)
    deps.onWorkDir?.(undefined)
  }
  return buildReport(config, state, startedAt, state.findings ?? findingsOf(config, deps, state))
}

/** Static rules before anything is installed; the interpreter is asked for its marker variables (20 ms). */
async function runPreflight(config: Config, deps: CheckDeps, state: RunState): Promise<void> {
  const reading = await readInterpreter(deps.runner, config.python, childBaseEnv(deps.baseEnv))
  state.interpreter = reading.info
  state.interpreterProblem = reading.problem
  state.pythonVersion = state.interpreter?.markers.python_full_version ?? ''
  if (config.legacyKeras) {
    state.extras.unshift(legacyKerasPair(state.declared, config.tensorflowVersion, newestMinor(state)))
    // tf-keras requires the `tensorflow` package itself; beside tensorflow-cpu that installs two TensorFlows writing
    // the same files. uv's override drops that pull (pip cannot: the probe then reports tensorflow-duplicate).
    if (state.overrides.flavour !== 'tensorflow')
      state.overrides.lines.push("tensorflow; sys_platform == 'keras-compat-never'")
  }
  state.preflight = await timed(state.stages, deps.log, 'preflight', async () =>
    preflight({
      requirements: state.requirements,
      markerEnv: state.interpreter?.markers,
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

/** The repository: the workspace, or (CLI) the folder that holds both the current directory and DIR. */
function repositoryRoot(pathBase: string, workingDirectory: string): string {
  return commonDir([pathBase, workingDirectory])
}

/**
 * The repository's code runs (a project or local path is built, or its modules are imported): then it runs from a
 * copy in the work folder, which holds the working directory, every requirement file read and every local path.
 */
function needsProjectCopy(config: Config, set: RequirementSet): boolean {
  return Boolean(set.projectDir) || config.smokeImports.length > 0 || localRequirements(set).length > 0
}

const localRequirements = (set: RequirementSet) => set.requirements.filter(r => r.editable || isLocalReference(r.url))

function projectCopy(config: Config, state: RunState, work: WorkDir, log: Log): ProjectCopy {
  const set = state.declared
  const local = localRequirements(set)
  const localPaths = local.map(r => path.resolve(config.workingDirectory, r.url.replace(/^file:(\/\/)?/i, '')))
  const read = [...set.files, ...set.requirements.map(r => r.location.file)]
  const source = commonDir([config.workingDirectory, ...read.map(f => path.dirname(f)), ...localPaths])
  try {
    const copy = copyProject(source, path.join(work.root, 'project'))
    if (copy.skipped.length > 0) log.info(`Not copied (not needed to build or import): ${copy.skipped.join(', ')}`)
    return copy
  } catch (error) {
    if (error instanceof ProjectTooLarge) throw new ConfigError(`working-directory: ${error.message}`)
    throw error
  }
}

/** The newest TensorFlow minor the table knows for this Python (what `latest` installs). */
function newestMinor(state: RunState): string {
  const python = state.interpreter?.markers.python_version
  const releases = KNOWLEDGE.tensorflow.releases.filter(r => !python || r.python.includes(python))
  return releases[releases.length - 1]?.minor ?? '2.21'
}

/**
 * What the installer is given. Overrides go through the installer's own mechanism: uv's `--override` file; pip has
 * none, so it installs from edited copies of the requirement files in the work folder (never the user's files).
 */
function installTargets(config: Config, deps: CheckDeps, work: WorkDir, state: RunState, installer: Installer) {
  const base = {
    files: state.declared.files,
    overridesFile: '',
    extraPackages: [...state.declared.groupRequirements, ...state.extras]
  }
  if (state.overrides.lines.length === 0) return base
  if (installer.name === 'uv') {
    const overridesFile = path.join(work.root, 'overrides.txt')
    writeFileSync(overridesFile, state.overrides.lines.join('\n') + '\n')
    return { ...base, overridesFile }
  }
  if (state.overrides.replaced.length === 0) return base
  if (state.declared.projectDir) {
    throw new ConfigError(
      `${config.tensorflowVersion ? 'tensorflow-version' : 'keras-version'}: a pyproject.toml project can only be overridden by uv (pip has no override mechanism); set installer: uv.`
    )
  }
  const edits = overrideEdits(state)
  return { ...base, files: copyWithEdits(state.declared, deps.pathBase, edits, path.join(work.root, 'requirements')) }
}

/** The overridden lines as edits of the repository's files (for pip, which installs from edited copies). */
function overrideEdits(state: RunState) {
  return state.overrides.replaced.map(r => ({
    file: r.requirement.location.file,
    line: r.requirement.location.line,
    before: r.requirement.raw,
    after: r.text
  }))
}

/** Same interpreter, requirements and overrides → same venv path (so cached bytecode applies). */
function stableName(config: Config, state: RunState): string {
  const hash = createHash('sha256').update(state.pythonVersion).update(config.python)
  for (const file of new Set([
    ...state.requirements.files,
    ...state.requirements.requirements.map(r => r.location.file)
  ])) {
    hash.update(file).update(existsSync(file) ? readFileSync(file) : '')
  }
  hash.update(JSON.stringify([config.extraPackages, config.extras, config.groups, state.requirements.projectDir]))
  return hash.digest('hex').slice(0, 12)
}

async function runStages(config: Config, deps: CheckDeps, work: WorkDir, state: RunState): Promise<void> {
  const { log, runner } = deps
  if (state.interpreterProblem) {
    state.venv = { ok: false, python: '', seconds: 0, error: state.interpreterProblem, log: '' }
    return
  }
  const dirs = cacheDirs(deps.baseEnv)
  await deps.cache?.restoreTools(dirs.tools)
  const interpreter = state.interpreter?.executable || config.python
  const selected = await selectInstaller(runner, {
    choice: config.installer,
    python: interpreter,
    dirs,
    env: childBaseEnv(deps.baseEnv)
  })
  state.installerNote = selected.note
  // The note can quote pip's own output: it goes where package output goes.
  log.untrusted(`Installer: ${selected.note}\n`)
  const installer = selected.installer
  if (!installer) {
    state.venv = { ok: false, python: '', seconds: 0, error: selected.note, log: '' }
    return
  }
  state.installer = installer
  await deps.cache?.restoreInstaller([installer.cacheDir, dirs.pycache], {
    os: process.platform,
    arch: process.arch,
    python: state.pythonVersion,
    installer: installer.name,
    installerVersion: installer.version,
    files: [...new Set([...state.requirements.files, ...state.requirements.requirements.map(r => r.location.file)])],
    overrides: [
      ...config.extraPackages,
      ...config.extras.map(e => `extra:${e}`),
      ...config.groups.map(g => `group:${g}`)
    ]
  })
  const env = runEnvironment({
    base: deps.baseEnv,
    user: config.env,
    venvDir: work.venv,
    kerasHome: work.kerasHome,
    tempDir: work.temp,
    pycachePrefix: dirs.pycache
  })
  state.probeEnv = env
  state.venv = await timed(
    state.stages,
    log,
    'environment',
    () =>
      installer.createVenv({
        interpreter,
        dir: work.venv,
        seedWheel: state.interpreter?.seedWheel ?? '',
        env
      }),
    r => r.ok
  )
  if (!state.venv.ok) {
    log.untrusted(state.venv.log)
    return
  }
  const python = state.venv.python
  const copy = needsProjectCopy(config, state.declared)
    ? await timed(state.stages, log, 'project copy', async () => projectCopy(config, state, work, log))
    : undefined
  state.copy = copy
  const inProject = (p: string) => (copy ? inCopy(copy, p) : p)
  const cwd = inProject(config.workingDirectory)
  state.cwd = cwd
  const targets = installTargets(config, deps, work, state, installer)
  targets.files = targets.files.map(inProject)
  state.overridesFile = targets.overridesFile
  state.install = await timed(
    state.stages,
    log,
    'install',
    () =>
      installer.install({
        python,
        ...targets,
        projectDir: state.declared.projectDir && inProject(state.declared.projectDir),
        projectExtras: state.declared.projectExtras,
        env: copy ? { ...env, ...gitEnvironment(copy) } : env,
        cwd,
        timeoutMs: INSTALL_TIMEOUT_MS,
        scratchDir: work.root,
        onOutput: chunk => log.untrusted(chunk)
      }),
    r => r.ok
  )
  if (!state.install.ok) return
  // The installer's check reads metadata only: it runs beside the probe instead of after it.
  const [probe, pipCheck] = await Promise.all([
    timed(
      state.stages,
      log,
      'probe',
      () =>
        runProbe(runner, {
          python,
          scratchDir: work.temp,
          workingDirectory: cwd,
          smokeImports: config.smokeImports,
          env,
          timeoutMs: config.timeoutMinutes * 60_000,
          onOutput: chunk => log.untrusted(chunk)
        }),
      r => r.completed
    ),
    installer.check(python, env)
  ])
  state.probe = probe
  // With legacy-keras, our own override drops tf-keras's pull of `tensorflow` (tensorflow-cpu provides the module):
  // the check's "tensorflow is not installed" is then expected, not a finding.
  const droppedTensorflow = state.overrides.lines.some(l => l.startsWith('tensorflow;'))
  state.pipCheck = droppedTensorflow
    ? pipCheck.filter(l => !/requires `?tensorflow[<>=!~`, ]/.test(l) || !/not installed/.test(l))
    : pipCheck
}

/** Checks each proposed fix with a dry run in the venv, before the venv goes away. */
async function verify(config: Config, deps: CheckDeps, work: WorkDir, state: RunState): Promise<void> {
  const findings = state.findings ?? []
  if (!state.installer || !state.venv?.ok) return
  const installer = state.installer
  const results = await timed(state.stages, deps.log, 'verify fixes', () =>
    verifyFixes(findings, {
      requirements: state.declared,
      extraEdits: installer.name === 'pip' ? overrideEdits(state) : [],
      pathBase: deps.pathBase,
      scratch: work.root,
      installer,
      python: state.venv!.python,
      base: {
        extraPackages: [...state.declared.groupRequirements, ...state.extras],
        overridesFile: state.overridesFile,
        env: state.probeEnv,
        cwd: state.cwd ?? config.workingDirectory,
        timeoutMs: 10 * 60_000,
        scratchDir: work.root
      }
    })
  )
  for (const [finding, verification] of results) finding.verification = verification
}

function findingsOf(config: Config, deps: CheckDeps, state: RunState): Finding[] {
  return diagnose({
    requirements: state.requirements,
    preflight: state.preflight,
    pathBase: deps.pathBase,
    venvError: state.venv && !state.venv.ok ? state.venv.error : undefined,
    install: state.install,
    probe: state.probe,
    pipCheck: state.pipCheck,
    probeEnv: state.probeEnv,
    timeoutMinutes: config.timeoutMinutes,
    python: state.pythonVersion
  })
}
