import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs'
import * as path from 'node:path'
import { distInfoPackages } from './installed.js'
import { normalizeName } from '../requirements/names.js'

/** A package as an install left it: its normalized name and its version, `name==version`. */
export function usedKey(name: string, version: string): string {
  return `${normalizeName(name)}==${version}`
}

export interface ArchivePrune {
  kept: number
  removed: number
}

/**
 * Removes, from uv's cache, the unpacked wheels (`archive-v0/<id>/`) of packages that no install of this run left in
 * a venv. The Actions cache is restored from the nearest earlier entry and saved again under the new key, so
 * without this every TensorFlow a repository ever pinned (about 1.5 GB unpacked each) would ride along in every
 * save and restore. What uv's index entries still point at is fetched again the next time it is needed (uv treats a
 * missing archive as a miss). Kept: every archive holding a used package, and every entry that is not a folder
 * with a dist-info (nothing we can name is removed). Nothing is removed when no install was recorded or the folder
 * is not a uv cache (no CACHEDIR.TAG).
 */
export function pruneUvArchives(uvCacheDir: string, used: ReadonlySet<string>): ArchivePrune {
  const root = path.join(uvCacheDir, 'archive-v0')
  const outcome: ArchivePrune = { kept: 0, removed: 0 }
  if (used.size === 0 || !existsSync(path.join(uvCacheDir, 'CACHEDIR.TAG'))) return outcome
  let entries: string[]
  try {
    entries = readdirSync(root)
  } catch {
    return outcome
  }
  for (const name of entries) {
    const dir = path.join(root, name)
    // A link is never followed: whatever it points at is not ours to judge.
    const held = lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()
      ? distInfoPackages(dir).map(p => usedKey(p.key, p.version))
      : []
    if (held.length === 0 || held.some(key => used.has(key))) {
      outcome.kept++
      continue
    }
    rmSync(dir, { recursive: true, force: true })
    outcome.removed++
  }
  return outcome
}
