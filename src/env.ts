import { prependPath, scriptsDir } from './environment/paths.js'

/** Variables that change which Keras TensorFlow serves: cleared unless the user sets them in `env`. */
const KERAS_SWITCHES = ['KERAS_BACKEND', 'TF_USE_LEGACY_KERAS']
/** Variables that would point Python outside the venv. */
const PYTHON_LEAKS = ['PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONUSERBASE', 'PIP_REQUIRE_VIRTUALENV']

export interface EnvPlan {
  base: NodeJS.ProcessEnv
  user: Record<string, string>
  venvDir: string
  kerasHome: string
  /** Where Python keeps bytecode across runs (our cache, never the user's tree); '' leaves Python's default. */
  pycachePrefix?: string
  platform?: NodeJS.Platform
}

/** The environment for the install and the probe: the venv first on PATH, Keras's home in our work folder. */
export function runEnvironment(plan: EnvPlan): NodeJS.ProcessEnv {
  const platform = plan.platform ?? process.platform
  const env: NodeJS.ProcessEnv = { ...plan.base }
  for (const name of [...KERAS_SWITCHES, ...PYTHON_LEAKS]) delete env[name]
  // Windows spells it Path; whichever key the runner has is the one to extend.
  const pathKey = Object.keys(env).find(k => k.toUpperCase() === 'PATH') ?? 'PATH'
  env[pathKey] = prependPath(scriptsDir(plan.venvDir, platform), env[pathKey], platform)
  env.VIRTUAL_ENV = plan.venvDir
  env.KERAS_HOME = plan.kerasHome
  env.PIP_NO_INPUT = '1'
  env.PYTHONIOENCODING = 'utf-8'
  if (plan.pycachePrefix) {
    // TensorFlow's first import compiles ~8 s of bytecode; kept under a stable venv path, the next run reuses it.
    env.PYTHONPYCACHEPREFIX = plan.pycachePrefix
    delete env.PYTHONDONTWRITEBYTECODE
  }
  return { ...env, ...plan.user }
}
