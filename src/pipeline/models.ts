import { closeSync, cpSync, lstatSync, mkdirSync, openSync, readdirSync, readSync } from 'node:fs'
import * as path from 'node:path'
import { type ModelSelection } from '../config/types.js'
import { type ModelTarget } from '../probe/run.js'
import { hdf5RootAttributes } from '../util/hdf5.js'
import { repoRelative } from '../util/platform-paths.js'
import { globToRegExp, matchesAny } from './glob.js'
import { walkRepository, type WalkEntry } from './repo-walk.js'

/** At most this many model files are loaded, and at most this many bytes of them in all. */
export interface ModelLimits {
  maxFiles: number
  maxTotalBytes: number
}

export const MODEL_LIMITS: ModelLimits = { maxFiles: 20, maxTotalBytes: 500 * 1024 * 1024 }

export interface ModelDiscovery {
  /** The files to load, in the work folder's copy. */
  targets: ModelTarget[]
  /** What was left out and why, one line each, for the log. */
  notes: string[]
}

interface Candidate {
  entry: WalkEntry
  format: ModelTarget['format']
  bytes: number
}

const LFS_POINTER = 'version https://git-lfs'

function head(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0))
  } finally {
    closeSync(fd)
  }
}

function formatOf(entry: WalkEntry): ModelTarget['format'] | undefined {
  if (entry.dir) return entry.savedModel ? 'savedmodel' : undefined
  const ext = path.extname(entry.rel).toLowerCase()
  return ext === '.keras' ? 'keras' : ext === '.h5' || ext === '.hdf5' ? 'h5' : undefined
}

/** Whether a file is what its name says; the reason to leave it alone otherwise ('' when it is a model to load). */
function whyNotAModel(entry: WalkEntry, format: ModelTarget['format']): string {
  if (format === 'savedmodel') return ''
  const start = head(entry.abs, 64)
  if (start.toString('latin1').startsWith(LFS_POINTER))
    return 'a Git LFS pointer, not the file (check out with lfs: true to have it loaded)'
  if (format === 'keras') return start.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004' ? '' : 'not a zip archive'
  const attrs = hdf5RootAttributes(entry.abs)
  if (attrs.kind === 'not-hdf5') return 'not an HDF5 file'
  // Unknown (dense attribute storage): the probe reads the attributes with h5py before anything loads the file.
  if (attrs.kind === 'unknown') return ''
  return attrs.names.includes('model_config') ? '' : 'data'
}

/** A file's size, or everything under a folder (links not followed: they are not copied either). */
function bytesOf(abs: string): number {
  const stat = lstatSync(abs, { throwIfNoEntry: false })
  if (!stat || stat.isSymbolicLink()) return 0
  if (!stat.isDirectory()) return stat.size
  return readdirSync(abs).reduce((n, name) => n + bytesOf(path.join(abs, name)), 0)
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`

/** The candidates the selection names: by form (auto), or the paths and globs given. */
function select(selection: ModelSelection, entries: WalkEntry[], notes: string[]): WalkEntry[] {
  if (selection.mode === 'off') return []
  if (selection.mode === 'auto') return entries.filter(e => formatOf(e))
  const patterns = selection.patterns.map(globToRegExp)
  const named = entries.filter(e => matchesAny(e.rel, patterns))
  for (const e of named.filter(n => !formatOf(n) && !n.dir))
    notes.push(`${e.rel}: not a model format keras-compat loads (.keras, .h5, .hdf5, a Keras SavedModel folder)`)
  for (const [i, p] of selection.patterns.entries())
    if (!entries.some(e => patterns[i].test(e.rel))) notes.push(`models: "${p}" matched nothing`)
  return named.filter(e => formatOf(e))
}

/** Keeps the candidates within the limits, saying what was left out. */
function withinLimits(candidates: Candidate[], limits: ModelLimits, notes: string[]): Candidate[] {
  const kept: Candidate[] = []
  let total = 0
  for (const c of candidates) {
    if (kept.length >= limits.maxFiles) notes.push(`${c.entry.rel}: over the ${limits.maxFiles}-file limit`)
    else if (total + c.bytes > limits.maxTotalBytes)
      notes.push(`${c.entry.rel}: over the ${sizeText(limits.maxTotalBytes)} limit for all models`)
    else {
      kept.push(c)
      total += c.bytes
    }
  }
  return kept
}

/**
 * Finds the repository's model files under `workingDirectory` (read only: headers are read, nothing is loaded or
 * run there) and copies those within the limits into `dest`, where the probe loads them. Folders a build never
 * needs are skipped (.git, virtual environments, node_modules); links are not followed.
 */
export function discoverModels(
  selection: ModelSelection,
  workingDirectory: string,
  pathBase: string,
  dest: string,
  limits: ModelLimits = MODEL_LIMITS
): ModelDiscovery {
  const notes: string[] = []
  if (selection.mode === 'off') return { targets: [], notes }
  const walk = walkRepository(workingDirectory)
  if (walk.truncated) notes.push('stopped looking for models after 200,000 files and folders')
  const candidates: Candidate[] = []
  let data = 0
  for (const entry of select(selection, walk.entries, notes)) {
    const format = formatOf(entry)
    if (!format) continue
    const why = whyNotAModel(entry, format)
    if (why === 'data') data++
    else if (why) notes.push(`${entry.rel}: ${why}`)
    else candidates.push({ entry, format, bytes: bytesOf(entry.abs) })
  }
  if (data > 0) notes.push(`${data} HDF5 file(s) without a model_config attribute: data, not models; left alone`)
  const targets = withinLimits(candidates, limits, notes).map(c => copyModel(c, workingDirectory, pathBase, dest))
  return { targets, notes }
}

function copyModel(c: Candidate, workingDirectory: string, pathBase: string, dest: string): ModelTarget {
  const target = path.join(dest, ...c.entry.rel.split('/'))
  mkdirSync(path.dirname(target), { recursive: true })
  // Links inside a SavedModel folder are not copied: they could point anywhere.
  cpSync(c.entry.abs, target, { recursive: true, filter: src => !isLink(src) })
  return {
    id: repoRelative(pathBase, path.join(workingDirectory, ...c.entry.rel.split('/'))),
    path: target,
    format: c.format
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink()
  } catch {
    return true
  }
}
