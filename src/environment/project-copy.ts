import { constants, cpSync, existsSync, lstatSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { TOOL_STATE_DIRS } from '../core/paths.js'

/**
 * A copy of the repository in the work folder, for everything that runs the repository's own code or builds it:
 * installing a pyproject project or a local path (`-e .`), and importing its modules. Build backends write
 * `build/` and `*.egg-info` beside the sources, and imported code may write where it lives: in the copy, all of it
 * goes with the work folder, and the user's checkout is only ever read.
 */
export interface ProjectCopy {
  /** The folder that was copied (the repository, or the part of it the run needs). */
  source: string
  /** Where it was copied to. */
  root: string
  /** What was left out, for the log: version-control data, virtual environments, caches, and files over the limit. */
  skipped: string[]
  /** The repository's `.git` folder, when there is one: build backends that read versions from git need it. */
  gitDir?: string
}

export interface CopyLimits {
  /** A single file larger than this is left out (models, data sets: a build does not need them). */
  maxFileBytes: number
  /** The whole copy may not exceed this. */
  maxTotalBytes: number
}

export const COPY_LIMITS: CopyLimits = { maxFileBytes: 100 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 }

// Folders no build or import needs, and that can be huge.
const SKIPPED_DIRS = new Set(TOOL_STATE_DIRS)

/** Thrown when the repository is too large to copy: the message says what to do. */
export class ProjectTooLarge extends Error {}

/** Maps a path inside `copy.source` to the same path inside the copy (other paths are returned unchanged). */
export function inCopy(copy: ProjectCopy, file: string): string {
  const rel = path.relative(copy.source, file)
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : path.join(copy.root, rel)
}

/** Copies `source` to `dest`, leaving out what no build needs. Symbolic links are copied as links. */
export function copyProject(source: string, dest: string, limits: CopyLimits = COPY_LIMITS): ProjectCopy {
  const skipped: string[] = []
  let total = 0
  const filter = (src: string): boolean => {
    const stat = lstatSync(src)
    const rel = path.relative(source, src) || '.'
    if (stat.isDirectory()) {
      const skip = SKIPPED_DIRS.has(path.basename(src)) || existsSync(path.join(src, 'pyvenv.cfg'))
      if (skip && src !== source) skipped.push(`${rel}/`)
      return !skip || src === source
    }
    if (!stat.isFile() && !stat.isSymbolicLink()) {
      skipped.push(rel) // FIFOs, sockets, devices: nothing a build reads
      return false
    }
    if (stat.isFile() && stat.size > limits.maxFileBytes) {
      skipped.push(`${rel} (${Math.round(stat.size / 1024 / 1024)} MB)`)
      return false
    }
    total += stat.size
    if (total > limits.maxTotalBytes) {
      throw new ProjectTooLarge(
        `${source} holds more than ${Math.round(limits.maxTotalBytes / 1024 / 1024 / 1024)} GB of files. keras-compat ` +
          'builds and imports the project from a copy, so that your checkout is never written to; point ' +
          'working-directory at the Python project inside the repository.'
      )
    }
    return true
  }
  cpSync(source, dest, { recursive: true, filter, verbatimSymlinks: true, mode: constants.COPYFILE_FICLONE })
  const git = path.join(source, '.git')
  return { source, root: dest, skipped, gitDir: isDir(git) ? git : undefined }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/**
 * What a build in the copy needs to read the repository's git metadata (setuptools-scm, hatch-vcs), read-only:
 * git never writes its index for a status while GIT_OPTIONAL_LOCKS is 0.
 */
export function gitEnvironment(copy: ProjectCopy): Record<string, string> {
  return copy.gitDir ? { GIT_DIR: copy.gitDir, GIT_WORK_TREE: copy.root, GIT_OPTIONAL_LOCKS: '0' } : {}
}

/** A requirement's direct reference that is a local path (`.`, `./pkg`, `/abs`, `file:…`), not a remote URL. */
export function isLocalReference(url: string): boolean {
  return url !== '' && (/^file:/i.test(url) || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url))
}
