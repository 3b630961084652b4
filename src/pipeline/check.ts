import { type Config } from '../config/types.js'
import { type Finding, type Verification } from '../core/finding.js'
import { StageClock } from '../core/log.js'
import { diagnose, type DiagnoseInput } from '../diagnose/index.js'
import { pruneBytecode } from '../environment/bytecode-cache.js'
import { cacheDirs } from '../environment/cache-dirs.js'
import { childBaseEnv } from '../environment/child-env.js'
import { type InterpreterReading, readInterpreterOnce } from '../environment/interpreter.js'
import { createWorkDir, removeWorkDir, stableName } from '../environment/workspace.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { type OverridePlan, planOverrides } from '../override/plan.js'
import { preflight } from '../preflight/index.js'
import { buildReport } from '../report/build.js'
import { type Report } from '../report/model.js'
import { type CheckOutcome } from '../report/outcome.js'
import { type RequirementSet } from '../requirements/types.js'
import { filesRead, readDeclared } from './declared.js'
import { type CheckDeps } from './deps.js'
import { type EnvironmentRun, type RunContext, runInEnvironment } from './environment.js'
import { checkFixes } from './fixes.js'
import { planUnproven, proveFixPlan } from './plan.js'
import { alignFindings } from '../fixplan/align.js'
import { withEdits } from '../fixplan/edited-set.js'
import { type FixPlan } from '../fixplan/types.js'

export type { CacheHooks, CheckDeps } from './deps.js'

/** What the stages before the work folder produced. */
interface Prepared {
  clock: StageClock
  declared: RequirementSet
  plan: OverridePlan
  interpreter: InterpreterReading
  /** The static rules' findings, before any real run confirmed or disproved them. */
  preflight: Finding[]
}

/** What the run produced, for the report: how far it got, its findings and the fix checks. */
interface Ran {
  outcome: CheckOutcome
  findings: Finding[]
  verifications: Map<Finding, Verification>
  /** The one change that removes every error together, and what proved it (undefined when nothing failed). */
  fixPlan?: FixPlan
}

/**
 * One check of one environment: requirements → preflight → environment → resolve → install → probe → diagnose →
 * verify.
 */
export async function check(config: Config, deps: CheckDeps): Promise<Report> {
  const startedAt = new Date()
  const clock = new StageClock(deps.log)
  const declared = await clock.stage('requirements', async () => readDeclared(config, deps.pathBase, deps.baseEnv))
  const interpreter = await readInterpreterOnce(deps.runner, config.python, childBaseEnv(deps.baseEnv))
  const plan = planOverrides(declared, {
    tensorflow: config.tensorflowVersion,
    keras: config.kerasVersion,
    legacyKeras: config.legacyKeras,
    env: config.env,
    extraPackages: config.extraPackages,
    python: interpreter.info?.markers.python_version
  })
  const found = await clock.stage('preflight', async () => runPreflight(config, deps, plan, interpreter))
  const prepared: Prepared = { clock, declared, plan, interpreter, preflight: found }
  const ran = config.preflightOnly
    ? stopped(config, deps, prepared, { kind: 'preflight-only' })
    : stopsTheInstaller(declared)
      ? stopped(config, deps, prepared, { kind: 'refused-input' })
      : await inWorkDir(config, deps, prepared)
  return buildReport({
    ...ran,
    stages: clock.stages,
    startedAt,
    workingDirectory: config.workingDirectory,
    requirementFiles: plan.judged.files,
    project: plan.judged.projectDir,
    override: plan.label,
    python: interpreter.info?.markers.python_full_version ?? ''
  })
}

/**
 * A requirement file the installer cannot read through: a line it rejects, a file it cannot decode, or an include
 * that was refused (outside the repository, not a regular file; installing would make the installer read it
 * itself). pip and uv stop there before resolving anything, so nothing is installed. (pyproject.toml's problems,
 * like an undeclared extra, are the build backend's to judge.)
 */
function stopsTheInstaller(set: RequirementSet): boolean {
  return set.problems.some(p => p.kind === 'include' || !p.location.file.endsWith('pyproject.toml'))
}

/** The static rules, over the requirements as the overrides leave them, for this interpreter. */
function runPreflight(config: Config, deps: CheckDeps, plan: OverridePlan, reading: InterpreterReading): Finding[] {
  const found = preflight({
    requirements: plan.judged,
    markerEnv: reading.info?.markers,
    env: plan.env,
    pathBase: deps.pathBase,
    knowledge: KNOWLEDGE,
    platforms: config.platforms,
    // uv drops what the overrides switch off; pip cannot (the probe then sees what pip installed).
    dropped: config.installer === 'pip' ? [] : plan.uvDropped
  })
  const unresolvable = found.filter(f => f.severity === 'error' && f.provenBy === 'install')
  if (unresolvable.length > 0 && !config.preflightOnly)
    deps.log.info(
      `Preflight: these requirements cannot resolve (${unresolvable.map(f => f.id).join(', ')}); resolving anyway for the installer's own word.`
    )
  return found
}

/** The stages that need the work folder, which never outlives them: environment, resolve, install, probe, diagnose, fixes. */
async function inWorkDir(config: Config, deps: CheckDeps, prepared: Prepared): Promise<Ran> {
  const { plan, interpreter } = prepared
  if (interpreter.problem)
    return stopped(config, deps, prepared, { kind: 'no-interpreter', problem: interpreter.problem })
  const work = createWorkDir(
    deps.tempRoot,
    stableName({
      pythonVersion: interpreter.info?.markers.python_full_version ?? '',
      python: config.python,
      files: filesRead(plan.judged),
      extraPackages: config.extraPackages,
      extras: config.extras,
      groups: config.groups,
      projectDir: plan.judged.projectDir,
      tempRoot: deps.tempRoot
    })
  )
  deps.onWorkDir?.(work)
  try {
    const ctx: RunContext = { config, deps, ...prepared, interpreter: interpreter.info, work }
    const run = await runInEnvironment(ctx)
    const { outcome, installed } = run
    const diagnosed = diagnose(diagnosis(config, deps, prepared, run))
    const fixPlan = await proveFixPlan(ctx, installed, diagnosed)
    // Per-finding edits are checked as the plan leaves them: none may contradict it.
    const findings = aligned(diagnosed, fixPlan, ctx.declared, deps.pathBase)
    const verifications = installed ? await checkFixes(ctx, installed, findings) : new Map<Finding, Verification>()
    return { outcome, findings, verifications, fixPlan }
  } finally {
    const discard = deps.discardWorkDir ?? removeWorkDir
    discard(work.root)
    pruneBytecode(cacheDirs(deps.baseEnv).pycache, work.stableName)
    deps.onWorkDir?.(undefined)
  }
}

/** Why a plan made before any environment is not proven. */
const UNPROVEN: Partial<Record<CheckOutcome['kind'], string>> = {
  'preflight-only': 'preflight only',
  'refused-input': 'a requirement file cannot be read through, so nothing was resolved'
}

/** A run that ends before any environment: nothing to check fixes in, the plan from the knowledge alone. */
function stopped(config: Config, deps: CheckDeps, prepared: Prepared, outcome: CheckOutcome): Ran {
  const diagnosed = diagnose(diagnosis(config, deps, prepared, { outcome }))
  const basis = {
    config,
    deps,
    declared: prepared.declared,
    plan: prepared.plan,
    markers: prepared.interpreter.info?.markers,
    findings: diagnosed
  }
  const fixPlan = planUnproven(basis, UNPROVEN[outcome.kind] ?? 'no environment to resolve in')
  const findings = aligned(diagnosed, fixPlan, prepared.declared, deps.pathBase)
  return { outcome, findings, verifications: new Map(), fixPlan }
}

/** The findings with their edits made to agree with the plan (the plan applied in memory to see its lines). */
function aligned(findings: Finding[], plan: FixPlan | undefined, declared: RequirementSet, pathBase: string) {
  if (!plan?.found) return findings
  return alignFindings(findings, plan.edits, withEdits(declared, plan.edits, pathBase).requirements)
}

/** What each stage saw, for the diagnosis: the outcome's parts, by how far the run got. */
function diagnosis(config: Config, deps: CheckDeps, prepared: Prepared, run: EnvironmentRun): DiagnoseInput {
  const { outcome, installed, resolved } = run
  const stoppedBecause: Partial<Record<CheckOutcome['kind'], string>> = {
    'no-interpreter': outcome.kind === 'no-interpreter' ? outcome.problem : undefined,
    'no-installer': outcome.kind === 'no-installer' ? outcome.note : undefined,
    'venv-failed': outcome.kind === 'venv-failed' ? outcome.venv.error : undefined
  }
  return {
    requirements: prepared.plan.judged,
    preflight: prepared.preflight,
    pathBase: deps.pathBase,
    venvError: stoppedBecause[outcome.kind],
    resolved: resolved?.findings,
    resolvedOk: resolved?.resolution.ok === true && !resolved.resolution.unavailable,
    install:
      outcome.kind === 'resolve-failed'
        ? outcome.resolve
        : outcome.kind === 'install-failed' || outcome.kind === 'probed'
          ? outcome.install
          : undefined,
    probe: outcome.kind === 'probed' ? outcome.probe : undefined,
    pipCheck: outcome.kind === 'probed' ? outcome.pipCheck : [],
    probeEnv: installed?.env ?? {},
    timeoutMinutes: config.timeoutMinutes,
    python: prepared.interpreter.info?.markers.python_full_version ?? ''
  }
}
