import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { cacheDirs } from '../../src/environment/cache-dirs.js'

/** The pip the reader is held to: tests install exactly this one into a venv of their own. */
export const PIP_VERSION = '25.3'

export interface PipVenv {
  python: string
  dir: string
  remove(): void
}

/** A throwaway venv (the machine's Python 3.11) with pip pinned to PIP_VERSION, downloads shared through the cache. */
export function createPipVenv(version: string = PIP_VERSION): PipVenv {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-pip-venv-'))
  execFileSync('python3', ['-m', 'venv', dir], { stdio: 'pipe' })
  const python = path.join(dir, 'bin', 'python')
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `pip==${version}`], {
    stdio: 'pipe',
    env: { ...process.env, PIP_CACHE_DIR: cacheDirs().pip }
  })
  return { python, dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Runs Python in the venv with exactly `env` (plus PATH, HOME and a UTF-8 locale), feeding `input` on stdin. */
export function runPython(venv: PipVenv, args: string[], input: string, env: Record<string, string>): string {
  return execFileSync(venv.python, args, {
    input,
    encoding: 'utf8',
    // pip's warnings and optparse's usage lines go to stderr: kept out of the test output.
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), LC_ALL: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', ...env }
  })
}
