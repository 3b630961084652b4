import { lstatSync, readdirSync } from 'node:fs'
import * as path from 'node:path'
import { TOOL_STATE_DIRS } from '../core/paths.js'

/** Folders never looked into: version control, virtual environments, package caches, build tool state. */
export const WALK_SKIPPED_DIRS = new Set([...TOOL_STATE_DIRS, 'site-packages', '.eggs'])

export interface WalkEntry {
  /** Path relative to the root, with `/`. */
  rel: string
  abs: string
  dir: boolean
  size: number
  /** A Keras SavedModel folder (listed, not entered). */
  savedModel: boolean
}

export interface Walk {
  entries: WalkEntry[]
  /** Folders left out (and why), for the log. */
  skippedDirs: string[]
  /** True when the walk stopped at its entry limit: what lies beyond was not looked at. */
  truncated: boolean
}

/** A Keras SavedModel folder: TensorFlow's saved_model.pb with Keras's own keras_metadata.pb beside it. */
export function isKerasSavedModel(names: string[]): boolean {
  return names.includes('saved_model.pb') && names.includes('keras_metadata.pb')
}

/**
 * Lists the regular files and folders under `root` without following links (a link could lead out of the
 * repository), in a stable order. A Keras SavedModel folder is listed but not entered; virtual environments (a
 * folder holding pyvenv.cfg) and WALK_SKIPPED_DIRS are skipped. At most `maxEntries` entries are listed.
 */
export function walkRepository(root: string, maxEntries = 200_000): Walk {
  const walk: Walk = { entries: [], skippedDirs: [], truncated: false }
  const pending = ['']
  for (let next = 0; next < pending.length; next++) {
    const rel = pending[next]
    for (const name of readNames(path.join(root, rel)).sort()) {
      if (walk.entries.length >= maxEntries) {
        walk.truncated = true
        return walk
      }
      const childRel = rel ? `${rel}/${name}` : name
      const entry = visit(root, childRel, walk)
      if (entry?.dir && !entry.savedModel) pending.push(childRel)
    }
  }
  return walk
}

function readNames(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

function visit(root: string, rel: string, walk: Walk): WalkEntry | undefined {
  const abs = path.join(root, rel)
  const stat = lstatSync(abs, { throwIfNoEntry: false })
  if (!stat || stat.isSymbolicLink() || !(stat.isFile() || stat.isDirectory())) return undefined
  const dir = stat.isDirectory()
  const names = dir ? readNames(abs) : []
  if (dir && (WALK_SKIPPED_DIRS.has(path.basename(rel)) || names.includes('pyvenv.cfg'))) {
    walk.skippedDirs.push(`${rel}/`)
    return undefined
  }
  const entry = { rel, abs, dir, size: dir ? 0 : stat.size, savedModel: dir && isKerasSavedModel(names) }
  walk.entries.push(entry)
  return entry
}
