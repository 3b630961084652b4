import { MarkerEnvironment } from '../requirements/markers.js'
import { ProcessRunner } from '../util/process.js'

// Prints the PEP 508 marker variables of the interpreter, as pip evaluates them.
// keras_compat_seed: the setuptools wheel ensurepip bundles (Python <= 3.11), so a venv made without pip gets what
// \`python -m venv\` would have given it.
const SCRIPT = `import glob, json, os, platform, sys
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

/** Asks the chosen interpreter for its marker variables (about 20 ms). Undefined when it cannot be run. */
export async function readInterpreter(runner: ProcessRunner, python: string): Promise<InterpreterInfo | undefined> {
  const result = await runner.run(python, ['-c', SCRIPT], { timeoutMs: 30_000 })
  if (result.exitCode !== 0) return undefined
  try {
    const {
      keras_compat_seed: seedWheel,
      keras_compat_executable: executable,
      ...markers
    } = JSON.parse(result.stdout.trim()) as MarkerEnvironment
    return { markers, seedWheel: seedWheel ?? '', executable: executable || python }
  } catch {
    return undefined
  }
}
