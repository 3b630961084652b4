// GitHub's Markdown parser for tests: cmark-gfm from the PyPI package cmarkgfm, in a venv made for one test file.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Pinned, so that a new cmark-gfm cannot change what the tests see without a commit saying so. */
export const CMARKGFM_VERSION = '2025.10.22'

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gfm_render.py')

export interface Gfm {
  /** Renders every document in one Python process, as GitHub renders a job summary. */
  render(documents: string[]): string[]
  /** Removes the venv. */
  dispose(): void
}

function run(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, {
      input,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe']
    })
  } catch (error) {
    const stderr =
      typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr).slice(-3000) : ''
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`${command} ${args.join(' ')} failed: ${message}\n${stderr}`, { cause: error })
  }
}

/** Makes a venv under the temp folder with the machine's python3 and installs the pinned cmarkgfm into it. */
export function createGfm(): Gfm {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-gfm-'))
  const venv = path.join(dir, 'venv')
  run('python3', ['-m', 'venv', venv])
  const python = path.join(venv, 'bin', 'python')
  run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `cmarkgfm==${CMARKGFM_VERSION}`])
  return {
    render: documents => JSON.parse(run(python, [SCRIPT], JSON.stringify(documents))) as string[],
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}
