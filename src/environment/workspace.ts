import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { ConfigError } from '../config.js'
import * as os from 'node:os'
import * as path from 'node:path'

/** The throwaway folder of one run: the venv, Keras's home and the probe's results all live inside it. */
export interface WorkDir {
  root: string
  venv: string
  kerasHome: string
  probeResults: string
}

/**
 * Creates the work folder under RUNNER_TEMP (or the OS temp dir outside Actions), never inside the repository.
 * With a `stableName`, the same requirements get the same venv path run after run, so the bytecode Python caches
 * under that path (PYTHONPYCACHEPREFIX) is found again; if that folder is in use, a fresh random one is taken.
 */
export function createWorkDir(tempRoot: string = process.env.RUNNER_TEMP || os.tmpdir(), stableName = ''): WorkDir {
  try {
    mkdirSync(tempRoot, { recursive: true })
    accessSync(tempRoot, constants.W_OK)
  } catch (error) {
    throw new ConfigError(
      `The temporary folder ${tempRoot} (RUNNER_TEMP, or the OS temp dir) cannot be written: ${(error as Error).message}. ` +
        'keras-compat makes its throwaway venv there; point RUNNER_TEMP (CLI: TMPDIR) at a writable folder.'
    )
  }
  const root =
    claim(path.join(tempRoot, `keras-compat-${stableName}`), stableName) ??
    mkdtempSync(path.join(tempRoot, 'keras-compat-'))
  const kerasHome = path.join(root, 'keras-home')
  mkdirSync(kerasHome)
  return { root, venv: path.join(root, 'venv'), kerasHome, probeResults: path.join(root, 'probe.jsonl') }
}

function claim(dir: string, stableName: string): string | undefined {
  if (!stableName) return undefined
  try {
    mkdirSync(dir)
    return dir
  } catch {
    return undefined
  }
}

/** Removes the work folder. Safe to call twice, and refuses anything that is not one of ours. */
export function removeWorkDir(root: string): void {
  if (!root || !path.basename(root).startsWith('keras-compat-')) return
  rmSync(root, { recursive: true, force: true, maxRetries: 3 })
}
