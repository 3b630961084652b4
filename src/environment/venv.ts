import { ProcessRunner } from '../util/process.js'
import { venvPython } from './paths.js'

export interface VenvResult {
  ok: boolean
  python: string
  /** The venv's Python version, e.g. 3.11.7. */
  version: string
  seconds: number
  /** What went wrong, in words a user can act on. */
  error: string
  log: string
}

/** Creates a venv with the chosen interpreter. The runner's own Python is only used to create it, never changed. */
export async function createVenv(runner: ProcessRunner, interpreter: string, venvDir: string): Promise<VenvResult> {
  const result = await runner.run(interpreter, ['-m', 'venv', venvDir], { timeoutMs: 5 * 60_000 })
  const log = result.stdout + result.stderr
  const python = venvPython(venvDir)
  if (result.exitCode === 0) {
    // Asked here (20 ms) so the python-version output is known even when the install fails later.
    const version = await runner.run(python, ['-c', 'import platform; print(platform.python_version())'])
    return { ok: true, python, version: version.stdout.trim(), seconds: result.seconds, error: '', log }
  }
  const notFound = result.exitCode === null && !result.signal && /ENOENT/.test(result.stderr)
  const error = notFound
    ? `The interpreter "${interpreter}" was not found. Install Python first (for example with actions/setup-python) or set the python input to its path.`
    : `"${interpreter} -m venv" failed (exit ${result.exitCode ?? result.signal}). If the venv module is missing, install it (Debian/Ubuntu: apt-get install python3-venv) or use actions/setup-python.`
  return { ok: false, python, version: '', seconds: result.seconds, error, log }
}
