import * as os from 'node:os'
import * as path from 'node:path'

/** Where keras-compat keeps what outlives a run: installer caches, the bootstrapped uv, the last resolutions. */
export interface CacheDirs {
  base: string
  uv: string
  pip: string
  tools: string
  pycache: string
  /** The last resolution of each set of inputs: the early install's pins (pipeline/last-pins.ts). */
  resolutions: string
}

/** KERAS_COMPAT_CACHE_DIR, else ~/.cache/keras-compat (XDG_CACHE_HOME respected). Shared by every run and environment. */
export function cacheDirs(env: NodeJS.ProcessEnv = process.env): CacheDirs {
  const base =
    env.KERAS_COMPAT_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'keras-compat')
  return {
    base,
    uv: path.join(base, 'uv'),
    pip: path.join(base, 'pip'),
    tools: path.join(base, 'tools'),
    pycache: path.join(base, 'pycache'),
    resolutions: path.join(base, 'resolutions')
  }
}
