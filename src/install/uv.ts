import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { venvError, type VenvPlan, type VenvResult } from '../environment/venv.js'
import { venvPython } from '../util/platform-paths.js'
import { type ProcessRunner } from '../util/process.js'
import { type Installer, type InstallPlan, targets, toInstallResult } from './installer.js'
import { uvIndexEnv } from './pip-config.js'
import { installedPackages, withInstalled } from './installed.js'
import { type InstallResult, type Resolution, type ResolvedPackage } from './types.js'
import { parseUvCompile } from './uv-compile.js'
import { parseUvCheck, parseUvFailure } from './uv-errors.js'
import { CHECK_TIMEOUT_MS, VENV_TIMEOUT_MS } from '../core/timeouts.js'

export interface UvOptions {
  uv: string
  version: string
  cacheDir: string
}

/** uv's own mechanism for replacing the repository's requirements (tensorflow-version and friends). */
const overrides = (plan: InstallPlan): string[] => (plan.overridesFile ? ['--override', plan.overridesFile] : [])

/** What `python -m venv` gives on Python ≤3.11: the bundled setuptools (the install may upgrade it later). */
async function seedSetuptools(
  runner: ProcessRunner,
  uv: string,
  env: NodeJS.ProcessEnv,
  venv: VenvResult,
  wheel: string
): Promise<VenvResult> {
  const args = ['pip', 'install', '--quiet', '--python', venv.python, '--no-deps', '--offline', wheel]
  const seed = await runner.run(uv, args, { env, timeoutMs: VENV_TIMEOUT_MS })
  const log = venv.log + seed.stdout + seed.stderr
  const seconds = venv.seconds + seed.seconds
  if (seed.exitCode === 0) return { ...venv, seconds, log }
  return {
    ...venv,
    ok: false,
    seconds,
    log,
    error: `Seeding setuptools into the venv failed: ${seed.stderr.trim().slice(-300)}`
  }
}

/**
 * `uv pip compile` reads files only: the project (`DIR[extras]`) and the extra packages the install gets as
 * arguments go into one more requirements file, written in `dir`, so that the same set is resolved.
 */
export function compileInputs(plan: InstallPlan, dir: string): string[] {
  const extra = targets({ ...plan, files: [] })
  if (extra.length === 0) return plan.files
  const file = path.join(dir, 'arguments.in')
  writeFileSync(file, extra.join('\n') + '\n')
  return [...plan.files, file]
}

/** The resolved set from the file uv compiled, or why it could not be read. */
function readCompiled(file: string, installed: ResolvedPackage[]): Pick<Resolution, 'packages' | 'unavailable'> {
  try {
    return { packages: withInstalled(parseUvCompile(readFileSync(file, 'utf8')), installed) }
  } catch (error) {
    return {
      unavailable: `uv's compiled requirements could not be read: ${error instanceof Error ? error.message : String(error)}`
    }
  }
}

/** The install's resolution, nothing installed: the requirements file uv compiles is the resolved set. */
async function uvResolveSet(
  uvRun: (args: string[], plan: InstallPlan) => Promise<InstallResult>,
  plan: InstallPlan
): Promise<Resolution> {
  // In the run's own folder (removed with it) the compiled file stays, for the install to take as it is.
  const dir = mkdtempSync(path.join(plan.scratchDir ?? os.tmpdir(), 'uv-resolve-'))
  try {
    const out = path.join(dir, 'resolved.txt')
    // What the venv holds goes in as uv's preferences (pins in an existing output file), as the install keeps it.
    const installed = plan.before ?? installedPackages(plan.python)
    writeFileSync(out, installed.map(p => `${p.name}==${p.version}\n`).join(''))
    const args = ['pip', 'compile', '--quiet', '--no-header', '--python', plan.python, '--output-file', out]
    const result = await uvRun([...args, ...overrides(plan), ...compileInputs(plan, dir)], plan)
    if (!result.ok) return result
    const read = readCompiled(out, installed)
    return { ...result, ...read, ...(plan.scratchDir && !read.unavailable ? { pinned: out } : {}) }
  } finally {
    if (!plan.scratchDir) rmSync(dir, { recursive: true, force: true })
  }
}

/** The install: the resolve stage's pins as they are when the plan has them, else the inputs resolved again. */
function installArgs(plan: InstallPlan): string[] {
  const offline = plan.offline ? ['--offline'] : []
  if (plan.pinned) return ['pip', 'install', ...offline, '--no-deps', '--python', plan.python, '-r', plan.pinned]
  return ['pip', 'install', ...offline, '--python', plan.python, ...overrides(plan), ...targets(plan)]
}

/** uv: creates the venv and installs into it from outside; never downloads a Python of its own. */
export function uvInstaller(runner: ProcessRunner, options: UvOptions): Installer {
  const env = (base: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...base,
    ...uvIndexEnv(base),
    UV_CACHE_DIR: options.cacheDir,
    // Only the interpreter the user chose: a managed Python download would test something else.
    UV_PYTHON_DOWNLOADS: 'never',
    UV_NO_PROGRESS: '1'
  })

  async function uvRun(args: string[], plan: InstallPlan): Promise<InstallResult> {
    const result = await runner.run(options.uv, args, {
      cwd: plan.cwd,
      env: env(plan.env),
      timeoutMs: plan.timeoutMs,
      onOutput: plan.onOutput,
      lowPriority: plan.lowPriority
    })
    return toInstallResult('uv', [options.uv, ...args], result, plan.timeoutMs, parseUvFailure)
  }

  async function createVenv(plan: VenvPlan): Promise<VenvResult> {
    const made = await runner.run(options.uv, ['venv', '--quiet', '--python', plan.interpreter, plan.dir], {
      env: env(plan.env),
      timeoutMs: VENV_TIMEOUT_MS
    })
    const python = venvPython(plan.dir)
    const log = made.stdout + made.stderr
    if (made.exitCode !== 0) {
      const error = /No interpreter found|not found/.test(made.stderr)
        ? `The interpreter "${plan.interpreter}" was not found. Install Python first (for example with actions/setup-python) or set the python input to its path.`
        : venvError(plan.interpreter, made, `"uv venv --python ${plan.interpreter}"`)
      return { ok: false, python, seconds: made.seconds, error, log }
    }
    const venv = { ok: true, python, seconds: made.seconds, error: '', log }
    return plan.seedWheel ? seedSetuptools(runner, options.uv, env(plan.env), venv, plan.seedWheel) : venv
  }

  return {
    name: 'uv',
    version: options.version,
    cacheDir: options.cacheDir,
    createVenv,
    install: plan => uvRun(installArgs(plan), plan),
    resolve: plan =>
      uvRun(['pip', 'install', '--dry-run', '--python', plan.python, ...overrides(plan), ...targets(plan)], plan),
    resolveSet: plan => uvResolveSet(uvRun, plan),
    async check(python, base) {
      const result = await runner.run(options.uv, ['pip', 'check', '--python', python], {
        env: env(base),
        timeoutMs: CHECK_TIMEOUT_MS
      })
      return parseUvCheck(result.stdout + result.stderr)
    }
  }
}
