import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
  statSync
} from 'node:fs'
import * as path from 'node:path'

/**
 * The one way keras-compat opens a requirement file: the path is resolved with realpath (so a committed symlink,
 * to a file or a folder, is judged by where it leads) and must lie inside the repository unless reading outside is
 * allowed; only a regular file is opened, after a stat, so a FIFO, a device, a socket or a folder is refused at once
 * without being opened; a file over the size cap is refused unread.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024

const TOO_LARGE = `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`

export interface Containment {
  /** The repository: files must resolve inside it unless `allowOutside`. */
  root?: string
  allowOutside?: boolean
}

export type GuardFailure = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'loop' | 'unreadable'

/** Why a file is not read, in words that complete "FILE ...". */
export type Refusal = { ok: false; failure: GuardFailure; reason: string }

export type Guarded = { ok: true; bytes: Uint8Array; real: string } | Refusal

const refuse = (failure: GuardFailure, reason: string): Refusal => ({ ok: false, failure, reason })

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

// Errors from node:fs may come from another realm (a test VM): read their fields, not their class.
function errnoCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
}

function describe(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error)
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}

function resolveFailure(file: string, error: unknown): Refusal {
  const code = errnoCode(error)
  if (code === 'ELOOP') return refuse('loop', 'is a symbolic link loop (it never reaches a file)')
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return refuse('missing', isSymlink(file) ? 'is a symbolic link to nothing' : 'does not exist')
  }
  return refuse('unreadable', `cannot be read (${describe(error)})`)
}

function inside(real: string, root: string): boolean {
  const relative = path.relative(root, real)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

const roots = new Map<string, string>()

function realRoot(root: string): string {
  let real = roots.get(root)
  if (real === undefined) {
    try {
      real = realpathSync.native(root)
    } catch {
      real = path.resolve(root)
    }
    roots.set(root, real)
  }
  return real
}

/** Reads the whole of a regular file, at most `MAX_FILE_BYTES`, never blocking. */
function readRegular(real: string, expected: Stats): Guarded {
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)
  const fd = openSync(real, flags)
  try {
    const stats = fstatSync(fd)
    // The file was swapped between the stat and the open: judge what is open, not what was there.
    if (!stats.isFile() || stats.ino !== expected.ino || stats.dev !== expected.dev)
      return refuse('not-a-file', 'changed while it was being read')
    const buffer = Buffer.alloc(Math.min(stats.size, MAX_FILE_BYTES) + 1)
    let length = 0
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null)
    if (length > MAX_FILE_BYTES) return refuse('too-large', TOO_LARGE)
    return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length), real }
  } finally {
    closeSync(fd)
  }
}

/** Where `file` leads and what it is, without reading it: a refusal, or its real path and stats. */
function inspect(file: string, containment: Containment): { ok: true; real: string; stats: Stats } | Refusal {
  let real: string
  try {
    real = realpathSync.native(file)
  } catch (error) {
    return resolveFailure(file, error)
  }
  const { root, allowOutside } = containment
  if (root && !allowOutside && !inside(real, realRoot(root))) {
    return refuse('outside', `resolves outside the repository (${root})`)
  }
  try {
    const stats = statSync(real)
    if (!stats.isFile()) return refuse('not-a-file', `is ${kindOf(stats)}, not a file`)
    if (stats.size > MAX_FILE_BYTES) return refuse('too-large', TOO_LARGE)
    return { ok: true, real, stats }
  } catch (error) {
    return refuse('unreadable', `cannot be read (${describe(error)})`)
  }
}

/** Checks that `file` could be read (for messages about inputs), without opening it. */
export function checkGuarded(file: string, containment: Containment): { ok: true } | Refusal {
  const found = inspect(file, containment)
  return found.ok ? { ok: true } : found
}

export function readGuarded(file: string, containment: Containment): Guarded {
  const found = inspect(file, containment)
  if (!found.ok) return found
  try {
    return readRegular(found.real, found.stats)
  } catch (error) {
    return refuse('unreadable', `cannot be read (${describe(error)})`)
  }
}
