import { INTERPRETER_TIMEOUT_MS } from '../core/timeouts.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { type ProcessRunner } from '../util/process.js'

/** The oldest Python the probe, pip's `--python` and uv all accept. */
const MIN_PYTHON = [3, 8]

// Prints the PEP 508 marker variables of the interpreter, as pip evaluates them.
// keras_compat_seed: the setuptools wheel ensurepip bundles (Python <= 3.11), so a venv made without pip gets what
// \`python -m venv\` would have given it.
// The first lines run on any Python, 2.7 included, so that a too-old interpreter is named instead of crashing.
const SCRIPT = `import sys
if sys.version_info < (${MIN_PYTHON.join(', ')}):
    sys.stdout.write('{"keras_compat_too_old": "%d.%d.%d"}\\n' % tuple(sys.version_info[:3]))
    sys.exit(0)
import glob, json, os, platform
def seed():
    try:
        import ensurepip
    except ImportError:
        return ""
    found = glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "setuptools-*.whl"))
    return found[0] if found else ""
impl = sys.implementation
v = impl.version
iv = "%d.%d.%d" % (v.major, v.minor, v.micro) + ("" if v.releaselevel == "final" else v.releaselevel[0] + str(v.serial))
print(json.dumps({"implementation_name": impl.name, "implementation_version": iv, "os_name": os.name,
  "platform_machine": platform.machine(), "platform_release": platform.release(), "platform_system": platform.system(),
  "platform_version": platform.version(), "python_full_version": platform.python_version(),
  "platform_python_implementation": platform.python_implementation(),
  "python_version": ".".join(platform.python_version_tuple()[:2]), "sys_platform": sys.platform,
  "keras_compat_seed": seed(), "keras_compat_executable": sys.executable}))`

export interface InterpreterInfo {
  markers: MarkerEnvironment
  /** ensurepip's setuptools wheel, or '' (Python 3.12+ bundles none). */
  seedWheel: string
  /**
   * The interpreter's absolute path. Used from then on instead of a bare `python3`, which would resolve to the
   * venv's own Python once the venv is first on PATH.
   */
  executable: string
}

/**
 * What the interpreter said: its facts, or a problem that stops the run before any venv (a Python too old for the
 * installers and the probe). Neither when it cannot be run at all: creating the venv then says why, in its words.
 */
export interface InterpreterReading {
  info?: InterpreterInfo
  problem?: string
}

/**
 * Asks the chosen interpreter for its marker variables (about 20 ms), in the allow-listed environment: a runner's
 * PYTHONPATH could otherwise run a sitecustomize of its choosing with the whole environment in reach.
 */
export async function readInterpreter(
  runner: ProcessRunner,
  python: string,
  env: NodeJS.ProcessEnv
): Promise<InterpreterReading> {
  const result = await runner.run(python, ['-c', SCRIPT], { timeoutMs: INTERPRETER_TIMEOUT_MS, env })
  if (result.exitCode !== 0) return {}
  try {
    const {
      keras_compat_seed: seedWheel,
      keras_compat_executable: executable,
      keras_compat_too_old: tooOld,
      ...markers
    } = JSON.parse(result.stdout.trim()) as MarkerEnvironment
    if (tooOld) return { problem: tooOldMessage(python, tooOld) }
    return { info: { markers, seedWheel: seedWheel ?? '', executable: executable || python } }
  } catch {
    return {}
  }
}

function tooOldMessage(python: string, version: string): string {
  return (
    `"${python}" is Python ${version}, too old: keras-compat needs Python ${MIN_PYTHON.join('.')} or newer for its ` +
    'venv, installers and probe (TensorFlow 2.14 and newer need 3.9 or newer). Add actions/setup-python with a ' +
    "python-version such as '3.11' before this step, or point the python input (CLI: --python) at a newer interpreter."
  )
}

// An interpreter's answer does not change within a process: one reading per runner and interpreter, shared by the
// check and the tensorflow-matrix plan (two readings at once through a pyenv shim cost two cores a tenth of a second
// at the start of every run).
const readings = new WeakMap<ProcessRunner, Map<string, Promise<InterpreterReading>>>()

/** readInterpreter, asked once per runner and interpreter; never rejected (an interpreter that cannot run reads as {}). */
export function readInterpreterOnce(
  runner: ProcessRunner,
  python: string,
  env: NodeJS.ProcessEnv
): Promise<InterpreterReading> {
  let byPython = readings.get(runner)
  if (!byPython) readings.set(runner, (byPython = new Map()))
  let found = byPython.get(python)
  if (!found) {
    found = readInterpreter(runner, python, env).catch((): InterpreterReading => ({}))
    byPython.set(python, found)
  }
  return found
}
