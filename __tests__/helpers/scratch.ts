// Throwaway folders for tests, removed after the test file: venvs with TensorFlow are hundreds of megabytes each, and
// a suite that leaves them behind fills the disk of a developer who runs it twice. KC_KEEP_SCRATCH=1 keeps them.
import { afterAll } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const made: string[] = []

/** A fresh folder under the temporary folder, named kc-<prefix>-…, removed once the test file has run. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kc-${prefix}-`))
  made.push(dir)
  return dir
}

// Registered when a test file first imports this module, so every file that makes scratch folders cleans them up.
afterAll(() => {
  if (process.env.KC_KEEP_SCRATCH === '1') return
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})
