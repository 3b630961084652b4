import { mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs'
import * as path from 'node:path'
import { removeTree } from '../util/remove-tree.js'

/**
 * Python's bytecode cache across runs (PYTHONPYCACHEPREFIX). Python files bytecode under the prefix by the source's
 * absolute path, so it is found again only at the same venv path: that is what the work folder's stable name gives.
 * Each stable name has a tree of its own, `<cache>/pycache/<name>`, so the trees can be counted and pruned: one tree
 * of a TensorFlow venv is about 160 MB, and one shared prefix grew by that much with every new requirement set and
 * every run that fell back to a random folder, in the keras-compat cache and in the Actions cache saved from it.
 */

/** The bytecode trees of other requirement sets kept beside the current one (switching branches back and forth). */
export const KEEP_OTHER_TREES = 2
/** A stable work folder's name (workspace.ts stableName): the only entries the cache folder keeps. */
const TREE_NAME = /^[0-9a-f]{12}$/

/** Where the run's bytecode goes: a tree of the cache for a stable folder, else the work folder (gone with it). */
export function bytecodePrefix(cacheDir: string, work: { root: string; stableName?: string }): string {
  if (!work.stableName) return path.join(work.root, 'pycache')
  const tree = path.join(cacheDir, work.stableName)
  try {
    mkdirSync(tree, { recursive: true })
    // Pruning keeps the most recently used trees; Python's writes deep inside do not change this folder's time.
    const now = new Date()
    utimesSync(tree, now, now)
  } catch {
    // An unwritable cache only costs the bytecode: Python compiles in memory when it cannot write.
  }
  return tree
}

/**
 * Leaves in the cache folder the current tree, every tree used since `since` (this process's start: a matrix's
 * other Pythons), and the `keepOthers` most recently used others; anything that is not a tree (an older layout's
 * folders, stray files) goes too. A tree another run is using at the moment can go as well: Python then compiles
 * again and ignores the failed writes, so this costs time, never a result. Returns the names removed.
 */
export function pruneBytecode(
  cacheDir: string,
  current: string | undefined,
  since = performance.timeOrigin,
  keepOthers = KEEP_OTHER_TREES
): string[] {
  let names: string[]
  try {
    names = readdirSync(cacheDir)
  } catch {
    return []
  }
  const trees = names
    .filter(name => name !== current && TREE_NAME.test(name))
    .map(name => ({ name, used: usedAt(path.join(cacheDir, name)) }))
    .sort((a, b) => b.used - a.used)
  const recent = trees.filter(t => t.used >= since)
  const kept = new Set([...recent, ...trees.slice(recent.length, recent.length + keepOthers)].map(t => t.name))
  const removed = names.filter(name => name !== current && !kept.has(name))
  for (const name of removed) removeTree(path.join(cacheDir, name))
  return removed
}

function usedAt(dir: string): number {
  try {
    return statSync(dir).mtimeMs
  } catch {
    return 0
  }
}
