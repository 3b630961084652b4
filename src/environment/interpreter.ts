import { MarkerEnvironment } from '../requirements/markers.js'
import { ProcessRunner } from '../util/process.js'

// Prints the PEP 508 marker variables of the interpreter, as pip evaluates them.
const SCRIPT = `import json, os, platform, sys
impl = sys.implementation
v = impl.version
iv = "%d.%d.%d" % (v.major, v.minor, v.micro) + ("" if v.releaselevel == "final" else v.releaselevel[0] + str(v.serial))
print(json.dumps({"implementation_name": impl.name, "implementation_version": iv, "os_name": os.name,
  "platform_machine": platform.machine(), "platform_release": platform.release(), "platform_system": platform.system(),
  "platform_version": platform.version(), "python_full_version": platform.python_version(),
  "platform_python_implementation": platform.python_implementation(),
  "python_version": ".".join(platform.python_version_tuple()[:2]), "sys_platform": sys.platform}))`

/** Asks the chosen interpreter for its marker variables (about 20 ms). Undefined when it cannot be run. */
export async function readInterpreter(runner: ProcessRunner, python: string): Promise<MarkerEnvironment | undefined> {
  const result = await runner.run(python, ['-c', SCRIPT], { timeoutMs: 30_000 })
  if (result.exitCode !== 0) return undefined
  try {
    return JSON.parse(result.stdout.trim()) as MarkerEnvironment
  } catch {
    return undefined
  }
}
