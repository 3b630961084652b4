import { childBaseEnv } from './child-env.js'
import { prependPath, scriptsDir } from '../util/platform-paths.js'

export interface EnvPlan {
  /** The process environment: only its allow-listed part is passed on (see environment/child-env.ts). */
  base: NodeJS.ProcessEnv
  user: Record<string, string>
  venvDir: string
  kerasHome: string
  /** A folder of the run's own for temporary files, so nothing the code under test writes there outlives the run. */
  tempDir?: string
  /** Where Python keeps bytecode across runs (our cache, never the user's tree); '' leaves Python's default. */
  pycachePrefix?: string
  platform?: NodeJS.Platform
}

/**
 * The environment for the install and the probe: the allow-listed variables of the runner, the venv first on PATH,
 * Keras's home and temporary files in our work folder, then the user's `env` input on top. Variables that change
 * which Keras TensorFlow serves (KERAS_BACKEND, TF_USE_LEGACY_KERAS) and every PYTHON* variable are absent unless
 * the user sets them.
 */
export function runEnvironment(plan: EnvPlan): NodeJS.ProcessEnv {
  const platform = plan.platform ?? process.platform
  const env = childBaseEnv(plan.base)
  // Windows spells it Path; whichever key the runner has is the one to extend.
  const pathKey = Object.keys(env).find(k => k.toUpperCase() === 'PATH') ?? 'PATH'
  env[pathKey] = prependPath(scriptsDir(plan.venvDir, platform), env[pathKey], platform)
  env.VIRTUAL_ENV = plan.venvDir
  env.KERAS_HOME = plan.kerasHome
  env.PIP_NO_INPUT = '1'
  env.PYTHONIOENCODING = 'utf-8'
  // A runner's ~/.local site-packages would put packages from outside the venv on the probe's path.
  env.PYTHONNOUSERSITE = '1'
  if (plan.tempDir) for (const name of ['TMPDIR', 'TEMP', 'TMP']) env[name] = plan.tempDir
  if (plan.pycachePrefix) {
    // TensorFlow's first import compiles ~8 s of bytecode; kept under a stable venv path, the next run reuses it.
    env.PYTHONPYCACHEPREFIX = plan.pycachePrefix
  } else {
    // Never a __pycache__ beside the repository's own modules.
    env.PYTHONDONTWRITEBYTECODE = '1'
  }
  return { ...env, ...plan.user }
}
