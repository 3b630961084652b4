import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import * as path from 'node:path'
import { createPythonVenv, type VenvPlan, type VenvResult } from '../environment/venv.js'
import { type ProcessRunner } from '../util/process.js'
import { type Installer, type InstallPlan, targets, toInstallResult } from './installer.js'
import { fetchFailureLines, parsePipFailure } from './pip-errors.js'
import { type InstallResult } from './types.js'
import { CHECK_TIMEOUT_MS, VENV_TIMEOUT_MS } from '../core/timeouts.js'

// No prompts, no progress bars, and no bytecode compilation (half of pip's time for TensorFlow).
const INSTALL_FLAGS = ['--disable-pip-version-check', '--no-input', '--no-compile', '--progress-bar', 'off']

export function pipInstallArgs(
  plan: Pick<InstallPlan, 'files' | 'projectDir' | 'projectExtras' | 'extraPackages'>
): string[] {
  return ['install', ...INSTALL_FLAGS, ...targets(plan)]
}

export interface PipOptions {
  /** The interpreter whose pip drives the venv from outside (`python -m pip --python VENV`), or '' to use the venv's own pip. */
  host: string
  version: string
  cacheDir: string
}

export function pipInstaller(runner: ProcessRunner, options: PipOptions): Installer {
  const outside = options.host !== ''
  // From outside: `host -m pip --python VENVPY ...`; inside (old host pip): the venv's own `python -m pip`.
  const command = (python: string, args: string[]): [string, string[]] =>
    outside ? [options.host, ['-m', 'pip', '--python', python, ...args]] : [python, ['-m', 'pip', ...args]]
  const withCache = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PIP_CACHE_DIR: options.cacheDir })

  async function pipRun(pipArgs: string[], plan: InstallPlan): Promise<InstallResult> {
    const debugLog = plan.scratchDir ? mkdtempSync(path.join(plan.scratchDir, 'pip-log-')) : ''
    const [cmd, args] = command(plan.python, debugLog ? [...pipArgs, '--log', path.join(debugLog, 'pip.log')] : pipArgs)
    const result = await runner.run(cmd, args, {
      cwd: plan.cwd,
      env: withCache(plan.env),
      timeoutMs: plan.timeoutMs,
      onOutput: plan.onOutput
    })
    const fetchLines = result.exitCode === 0 ? '' : fetchFailures(debugLog)
    if (debugLog) rmSync(debugLog, { recursive: true, force: true })
    const parse = (output: string) => parsePipFailure(output + fetchLines)
    return toInstallResult('pip', [cmd, ...args], result, plan.timeoutMs, parse)
  }

  async function createVenv(plan: VenvPlan): Promise<VenvResult> {
    const venv = await createPythonVenv(runner, plan.interpreter, plan.dir, !outside)
    if (!venv.ok || !outside || !plan.seedWheel) return venv
    // What `python -m venv` gives on Python ≤3.11: the bundled setuptools (the installer may upgrade it later).
    const [cmd, args] = command(venv.python, ['install', ...INSTALL_FLAGS, '--no-deps', '--no-index', plan.seedWheel])
    const seed = await runner.run(cmd, args, { env: withCache(plan.env), timeoutMs: VENV_TIMEOUT_MS })
    const log = venv.log + seed.stdout + seed.stderr
    if (seed.exitCode !== 0)
      return {
        ...venv,
        ok: false,
        error: `Seeding setuptools into the venv failed: ${seed.stderr.trim().slice(-300)}`,
        log
      }
    return { ...venv, seconds: venv.seconds + seed.seconds, log }
  }

  return {
    name: 'pip',
    version: options.version,
    cacheDir: options.cacheDir,
    createVenv,
    install: plan => pipRun(pipInstallArgs(plan), plan),
    resolve: plan => pipRun(['install', '--dry-run', '--ignore-installed', ...INSTALL_FLAGS, ...targets(plan)], plan),
    async check(python, env) {
      const [cmd, args] = command(python, ['check', '--disable-pip-version-check'])
      const result = await runner.run(cmd, args, { env: withCache(env), timeoutMs: CHECK_TIMEOUT_MS })
      return parsePipCheck(result.stdout)
    }
  }
}

/** Parses `pip check` output: one line per broken dependency ("x 1.0 has requirement y<2, but you have y 2.1."). */
export function parsePipCheck(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l =>
      /has requirement|requires .*(which is not installed|but you have)|is not supported on this platform/.test(l)
    )
}

/** The fetch failures in pip's `--log` file (see fetchFailureLines), or '' when there is no log. */
function fetchFailures(debugLog: string): string {
  if (!debugLog) return ''
  try {
    return fetchFailureLines(readFileSync(path.join(debugLog, 'pip.log'), 'utf8'))
  } catch {
    return ''
  }
}
