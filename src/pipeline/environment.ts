import { installerKeyParts } from '../cache/keys.js'
import { bytecodePrefix } from '../environment/bytecode-cache.js'
import { type CacheDirs, cacheDirs } from '../environment/cache-dirs.js'
import { childBaseEnv } from '../environment/child-env.js'
import { gitEnvironment, inCopy, type ProjectCopy } from '../environment/project-copy.js'
import { runEnvironment } from '../environment/run-env.js'
import { type VenvResult } from '../environment/venv.js'
import { installedPackages } from '../install/installed.js'
import { type Installer, type InstallPlan } from '../install/installer.js'
import { selectInstaller } from '../install/select.js'
import { INSTALL_TIMEOUT_MS } from '../core/timeouts.js'
import { probeStageOk, runProbe } from '../probe/run.js'
import { type CheckOutcome } from '../report/outcome.js'
import { filesRead } from './declared.js'
import { makeProjectCopy, needsProjectCopy } from './project.js'
import { earlyApplies, installEarly, installJudged } from './install-early.js'
import { lastPins } from './last-pins.js'
import { type Resolved, resolveFirst } from './resolve.js'
import { type Installed, type RunContext } from './run-context.js'
import { afterProbe, prepareRepositoryChecks } from './repo-checks.js'
import { installTargets } from './targets.js'
import { removeTree } from '../util/remove-tree.js'

export type { Installed, RunContext } from './run-context.js'

async function chooseInstaller(ctx: RunContext, dirs: CacheDirs): Promise<Installer | string> {
  const { deps, config } = ctx
  await deps.cache?.restoreTools(dirs.tools)
  const selected = await selectInstaller(deps.runner, {
    choice: config.installer,
    python: ctx.interpreter?.executable || config.python,
    dirs,
    env: childBaseEnv(deps.baseEnv)
  })
  // The note can quote pip's own output: it goes where package output goes.
  deps.log.untrusted(`Installer: ${selected.note}\n`)
  return selected.installer ?? selected.note
}

async function makeVenv(ctx: RunContext, installer: Installer, dirs: CacheDirs) {
  const { config, deps, work } = ctx
  await deps.cache?.restoreInstaller(
    [installer.cacheDir, dirs.pycache, dirs.resolutions],
    installerKeyParts({
      python: ctx.interpreter?.markers.python_full_version ?? '',
      installer: installer.name,
      installerVersion: installer.version,
      files: filesRead(ctx.plan.judged),
      extraPackages: config.extraPackages,
      extras: config.extras,
      groups: config.groups
    })
  )
  const env = runEnvironment({
    base: deps.baseEnv,
    user: ctx.plan.env,
    venvDir: work.venv,
    kerasHome: work.kerasHome,
    tempDir: work.temp,
    pycachePrefix: bytecodePrefix(dirs.pycache, work)
  })
  const venv = await ctx.clock.stage(
    'environment',
    () => createVenv(ctx, installer, env),
    r => r.ok
  )
  if (!venv.ok) deps.log.untrusted(venv.log)
  return { venv, env }
}

/** The run's venv, made (again) empty: the chosen interpreter, seeded as `python -m venv` would seed it. */
function createVenv(ctx: RunContext, installer: Installer, env: NodeJS.ProcessEnv) {
  removeTree(ctx.work.venv)
  return installer.createVenv({
    interpreter: ctx.interpreter?.executable || ctx.config.python,
    dir: ctx.work.venv,
    seedWheel: ctx.interpreter?.seedWheel ?? '',
    env
  })
}

/** The copy the repository's code runs from, when it runs at all. */
function projectCopy(ctx: RunContext): Promise<ProjectCopy | undefined> {
  if (!needsProjectCopy(ctx.declared, ctx.config.smokeImports, ctx.config.smokeCommand))
    return Promise.resolve(undefined)
  return ctx.clock.stage('project copy', async () =>
    makeProjectCopy(ctx.declared, ctx.config.workingDirectory, `${ctx.work.root}/project`, ctx.deps.log)
  )
}

/** What the installer is given, and where it runs: the same for the resolution and the install. */
async function installPlan(ctx: RunContext, installer: Installer, venv: VenvResult, env: NodeJS.ProcessEnv) {
  const { config, deps, declared } = ctx
  const copy = await projectCopy(ctx)
  const inProject = (p: string) => (copy ? inCopy(copy, p) : p)
  const targets = installTargets(ctx.plan, declared, installer.name, {
    workRoot: ctx.work.root,
    pathBase: deps.pathBase,
    overrideInput: config.tensorflowVersion ? 'tensorflow-version' : 'keras-version'
  })
  const cwd = inProject(config.workingDirectory)
  const plan: InstallPlan = {
    python: venv.python,
    files: targets.files.map(inProject),
    overridesFile: targets.overridesFile,
    extraPackages: [...declared.groupRequirements, ...ctx.plan.addedPackages],
    projectDir: declared.projectDir && inProject(declared.projectDir),
    projectExtras: declared.projectExtras,
    env: copy ? { ...env, ...gitEnvironment(copy) } : env,
    cwd,
    timeoutMs: INSTALL_TIMEOUT_MS,
    scratchDir: ctx.work.root,
    onOutput: chunk => deps.log.untrusted(chunk)
  }
  const installed: Installed = { installer, venv, env, cwd, overridesFile: targets.overridesFile }
  return { plan, installed }
}

async function probe(ctx: RunContext, installed: Installed) {
  const { config, deps } = ctx
  const repo = await prepareRepositoryChecks(ctx, installed)
  // The installer's check reads metadata only: it runs beside the probe instead of after it.
  const [probed, check] = await Promise.all([
    ctx.clock.stage(
      'probe',
      () =>
        runProbe(deps.runner, {
          python: installed.venv.python,
          scratchDir: ctx.work.temp,
          workingDirectory: installed.cwd,
          smokeImports: config.smokeImports,
          env: installed.env,
          timeoutMs: config.timeoutMinutes * 60_000,
          onOutput: chunk => deps.log.untrusted(chunk),
          ...repo.plan,
          smokeCommand: Boolean(config.smokeCommand)
        }),
      probeStageOk
    ),
    installed.installer.check(installed.venv.python, installed.env)
  ])
  await repo.scanned
  const result = await afterProbe(ctx, installed, probed)
  return { result, pipCheck: check.filter(line => !ctx.plan.tolerated(line)) }
}

/** The interpreter the pins are for: its version and platform. */
function pinsPython(ctx: RunContext): string {
  const m = ctx.interpreter?.markers
  return m ? `${m.python_full_version} ${m.sys_platform} ${m.platform_machine}` : ctx.config.python
}

/** How far the environment stages got, what the fixes need, and what the resolve stage judged. */
export interface EnvironmentRun {
  outcome: CheckOutcome
  installed?: Installed
  resolved?: Resolved
}

/**
 * The stages that need the work folder: installer, venv, resolve, install, probe. Each failure ends the run there,
 * as the outcome of that kind (a resolution that fails skips the install: nothing is downloaded); `installed` is
 * set from the venv on, for the fix checks.
 */
export async function runInEnvironment(ctx: RunContext): Promise<EnvironmentRun> {
  const dirs = cacheDirs(ctx.deps.baseEnv)
  const installer = await chooseInstaller(ctx, dirs)
  if (typeof installer === 'string') return { outcome: { kind: 'no-installer', note: installer } }
  const { venv, env } = await makeVenv(ctx, installer, dirs)
  if (!venv.ok) return { outcome: { kind: 'venv-failed', installer, venv } }
  const planned = await installPlan(ctx, installer, venv, env)
  const { installed } = planned
  // What the venv holds before anything is installed, read once: the resolution's preferences, whatever an early
  // install does to the venv meanwhile.
  const plan = { ...planned.plan, before: installedPackages(venv.python) }
  const early = earlyApplies(ctx.declared, installer, plan)
  const last = early ? lastPins(dirs.resolutions, { python: pinsPython(ctx), plan }, ctx.work.root) : undefined
  // Beside the early install the resolution runs at the lowest priority: it mostly waits on the index, while its
  // bursts on a busy core slowed uv's linking of TensorFlow by a third (the install after it keeps the plan's own).
  const resolving = resolveFirst(ctx, installer, early ? { ...plan, lowPriority: true } : plan)
  const installing = installEarly({ declared: ctx.declared, log: ctx.deps.log }, installer, plan, last?.file)
  const resolved = await resolving
  last?.save(resolved.resolution)
  if (!resolved.resolution.ok) {
    // Nothing is kept of it; it only must not outlive the folder it installs into.
    await installing
    return { outcome: { kind: 'resolve-failed', installer, venv, resolve: resolved.resolution }, installed, resolved }
  }
  // The set judged before any download is the set installed: its pins, when they say everything the inputs do.
  const result = await ctx.clock.stage(
    'install',
    () =>
      installJudged({ declared: ctx.declared, log: ctx.deps.log }, installer, plan, resolved.resolution, installing, {
        remakeVenv: () => createVenv(ctx, installer, env)
      }),
    r => r.ok
  )
  if (!result.ok) return { outcome: { kind: 'install-failed', installer, venv, install: result }, installed, resolved }
  ctx.deps.onInstalled?.(installedPackages(venv.python))
  const probed = await probe(ctx, installed)
  return {
    outcome: { kind: 'probed', installer, venv, install: result, probe: probed.result, pipCheck: probed.pipCheck },
    installed,
    resolved
  }
}
