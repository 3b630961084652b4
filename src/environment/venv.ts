import { type ProcessResult, type ProcessRunner } from '../util/process.js'
import { venvPython } from '../util/platform-paths.js'
import { VENV_TIMEOUT_MS } from '../core/timeouts.js'

export interface VenvPlan {
  interpreter: string
  dir: string
  /** The setuptools wheel that `python -m venv` would have put in (ensurepip's, Python ≤3.11), or ''. */
  seedWheel: string
  env: NodeJS.ProcessEnv
}

export interface VenvResult {
  ok: boolean
  /** The venv's interpreter. */
  python: string
  seconds: number
  /** What went wrong, in words a user can act on. */
  error: string
  log: string
}

/** Says what went wrong when a venv could not be made, in words a user can act on. */
export function venvError(interpreter: string, result: ProcessResult, how: string): string {
  const notFound = result.exitCode === null && !result.signal && /ENOENT/.test(result.stderr)
  if (notFound) {
    return `The interpreter "${interpreter}" was not found. Install Python first (for example with actions/setup-python) or set the python input to its path.`
  }
  const noVenv = /No module named venv|ensurepip is not available/.test(result.stderr)
  if (noVenv) {
    return `"${interpreter}" has no working venv module. On Debian/Ubuntu install python3-venv, or use actions/setup-python.`
  }
  return `${how} failed (exit ${result.exitCode ?? result.signal}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`
}

/** `python -m venv` (0.1 s without pip; about 3 s with it). The runner's own Python is only used to create it. */
export async function createPythonVenv(
  runner: ProcessRunner,
  interpreter: string,
  dir: string,
  withPip: boolean
): Promise<VenvResult> {
  const args = ['-m', 'venv', ...(withPip ? [] : ['--without-pip']), dir]
  const result = await runner.run(interpreter, args, { timeoutMs: VENV_TIMEOUT_MS })
  const log = result.stdout + result.stderr
  const python = venvPython(dir)
  if (result.exitCode === 0) return { ok: true, python, seconds: result.seconds, error: '', log }
  return {
    ok: false,
    python,
    seconds: result.seconds,
    error: venvError(interpreter, result, `"${interpreter} -m venv"`),
    log
  }
}
