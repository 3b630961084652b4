import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createPythonVenv, type VenvPlan, type VenvResult } from '../environment/venv.js'
import { type ProcessRunner } from '../util/process.js'
import { type Installer, type InstallPlan, targets, toInstallResult } from './installer.js'
import { fetchFailureLines, parsePipFailure } from './pip-errors.js'
import { parsePipReport } from './pip-report.js'
import { installedPackages, withInstalled } from './installed.js'
import { type InstallResult, type Resolution, type ResolvedPackage } from './types.js'
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

/**
 * The install's resolution, nothing installed: what the report says pip would install, beside what the venv
 * keeps (its seeded setuptools, when that satisfies the requirements, as the install would keep it).
 */
async function pipResolveSet(
  pipRun: (args: string[], plan: InstallPlan) => Promise<InstallResult>,
  version: string,
  plan: InstallPlan
): Promise<Resolution> {
  const dir = mkdtempSync(path.join(plan.scratchDir ?? os.tmpdir(), 'pip-resolve-'))
  try {
    const report = path.join(dir, 'report.json')
    const args = ['install', '--dry-run', '--report', report, ...INSTALL_FLAGS, ...targets(plan)]
    const result = await pipRun(args, plan)
    if (!result.ok && OLD_PIP.test(result.log))
      return {
        ...result,
        ok: true,
        error: undefined,
        unavailable: `pip ${version || '(the venv’s)'} has no --report`
      }
    return result.ok ? { ...result, ...readReport(report, installedPackages(plan.python)) } : result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
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
      onOutput: plan.onOutput,
      lowPriority: plan.lowPriority
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
    resolveSet: plan => pipResolveSet(pipRun, options.version, plan),
    async check(python, env) {
      const [cmd, args] = command(python, ['check', '--disable-pip-version-check'])
      const result = await runner.run(cmd, args, { env: withCache(env), timeoutMs: CHECK_TIMEOUT_MS })
      return parsePipCheck(result.stdout)
    }
  }
}

// pip before 22.2 knows neither option: it stops at the command line, before reading any requirement.
const OLD_PIP = /no such option: --(?:report|dry-run)/

/** The resolved set from pip's report file, or why it could not be read. */
function readReport(file: string, installed: ResolvedPackage[]): Pick<Resolution, 'packages' | 'unavailable'> {
  try {
    return { packages: withInstalled(parsePipReport(readFileSync(file, 'utf8')), installed) }
  } catch (error) {
    return { unavailable: `pip's report could not be read: ${error instanceof Error ? error.message : String(error)}` }
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
