import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { lstatSync, readdirSync, renameSync, utimesSync } from 'node:fs'
import * as path from 'node:path'
import { isWorkDirName, removeWorkDir } from './workspace.js'

/**
 * The CLI's way to be done with a work folder: renamed at once (its stable name is free for the next run, and
 * nothing is left where the venv was), then removed by a detached process, so the verdict is not held up by
 * unlinking 20,000 files (0.3-0.4 s of every TensorFlow run). The action removes its folder in the step instead: its
 * post step and the runner's cleanup are the safety nets there. A folder whose remover died (the machine went down
 * mid-removal) is swept by the next run that discards one, once it is ten minutes old.
 */

const TRASH_PREFIX = 'keras-compat-trash-'
const STALE_MS = 10 * 60_000
// CommonJS under `node -e`: argv[1..] are the folders. rmSync removes links as links, never what they point at.
const REMOVER =
  "for (const d of process.argv.slice(1)) require('fs').rmSync(d, { recursive: true, force: true, maxRetries: 3 })"

/** Renames the work folder out of the way and removes it in the background; anything that fails is removed here. */
export function discardInBackground(root: string): void {
  if (!path.isAbsolute(root) || !isWorkDirName(path.basename(root))) return
  const parent = path.dirname(root)
  const trash = path.join(parent, `${TRASH_PREFIX}${randomBytes(6).toString('hex')}`)
  try {
    renameSync(root, trash)
    // The sweep judges age by this: a rename keeps the folder's own time, which is when the run began.
    const now = new Date()
    utimesSync(trash, now, now)
  } catch {
    removeWorkDir(root)
    return
  }
  if (!removeDetached([trash, ...staleTrash(parent)])) removeWorkDir(trash)
}

/** Starts the remover on its own (no terminal, no pipes, an empty environment); false when it could not start. */
function removeDetached(dirs: string[]): boolean {
  try {
    const child = spawn(process.execPath, ['-e', REMOVER, ...dirs], {
      detached: true,
      stdio: 'ignore',
      env: {},
      windowsHide: true
    })
    // A failure to start after this call is reported asynchronously: the folders are then removed here.
    child.on('error', () => dirs.forEach(removeWorkDir))
    child.unref()
    return child.pid !== undefined
  } catch {
    return false
  }
}

/** Trash folders (real folders, not links) left more than ten minutes ago by a remover that never finished. */
function staleTrash(parent: string): string[] {
  let names: string[]
  try {
    names = readdirSync(parent).filter(name => name.startsWith(TRASH_PREFIX))
  } catch {
    return []
  }
  const cutoff = Date.now() - STALE_MS
  return names
    .map(name => path.join(parent, name))
    .filter(dir => {
      try {
        const stat = lstatSync(dir)
        return stat.isDirectory() && stat.mtimeMs < cutoff
      } catch {
        return false
      }
    })
}
