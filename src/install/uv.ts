import { venvError, VenvPlan, VenvResult } from '../environment/venv.js'
import { venvPython } from '../util/platform-paths.js'
import { ProcessRunner } from '../util/process.js'
import { Installer, InstallPlan, targets, toInstallResult } from './installer.js'
import { uvIndexEnv } from './pip-config.js'
import { InstallResult } from './types.js'
import { parseUvCheck, parseUvFailure } from './uv-errors.js'
import { CHECK_TIMEOUT_MS, VENV_TIMEOUT_MS } from '../core/timeouts.js'

export interface UvOptions {
  uv: string
  version: string
  cacheDir: string
}

/** uv's own mechanism for replacing the repository's requirements (tensorflow-version and friends). */
const overrides = (plan: InstallPlan): string[] => (plan.overridesFile ? ['--override', plan.overridesFile] : [])

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
      onOutput: plan.onOutput
    })
    return toInstallResult('uv', [options.uv, ...args], result, plan.timeoutMs, parseUvFailure)
  }

  async function createVenv(plan: VenvPlan): Promise<VenvResult> {
    const made = await runner.run(options.uv, ['venv', '--quiet', '--python', plan.interpreter, plan.dir], {
      env: env(plan.env),
      timeoutMs: VENV_TIMEOUT_MS
    })
    const python = venvPython(plan.dir)
    let log = made.stdout + made.stderr
    if (made.exitCode !== 0) {
      const error = /No interpreter found|not found/.test(made.stderr)
        ? `The interpreter "${plan.interpreter}" was not found. Install Python first (for example with actions/setup-python) or set the python input to its path.`
        : venvError(plan.interpreter, made, `"uv venv --python ${plan.interpreter}"`)
      return { ok: false, python, seconds: made.seconds, error, log }
    }
    let seconds = made.seconds
    if (plan.seedWheel) {
      // What `python -m venv` gives on Python ≤3.11: the bundled setuptools (the install may upgrade it later).
      const args = ['pip', 'install', '--quiet', '--python', python, '--no-deps', '--offline', plan.seedWheel]
      const seed = await runner.run(options.uv, args, { env: env(plan.env), timeoutMs: VENV_TIMEOUT_MS })
      log += seed.stdout + seed.stderr
      seconds += seed.seconds
      if (seed.exitCode !== 0)
        return {
          ok: false,
          python,
          seconds,
          error: `Seeding setuptools into the venv failed: ${seed.stderr.trim().slice(-300)}`,
          log
        }
    }
    return { ok: true, python, seconds, error: '', log }
  }

  return {
    name: 'uv',
    version: options.version,
    cacheDir: options.cacheDir,
    createVenv,
    install: plan => uvRun(['pip', 'install', '--python', plan.python, ...overrides(plan), ...targets(plan)], plan),
    resolve: plan =>
      uvRun(['pip', 'install', '--dry-run', '--python', plan.python, ...overrides(plan), ...targets(plan)], plan),
    async check(python, base) {
      const result = await runner.run(options.uv, ['pip', 'check', '--python', python], {
        env: env(base),
        timeoutMs: CHECK_TIMEOUT_MS
      })
      return parseUvCheck(result.stdout + result.stderr)
    }
  }
}
