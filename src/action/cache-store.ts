import * as cache from '@actions/cache'
import { readdirSync, rmdirSync } from 'node:fs'
import * as path from 'node:path'
import { type CacheStore } from '../cache/store.js'

/**
 * Runs a cache call and removes the empty folders it left in RUNNER_TEMP: @actions/cache makes one per call for
 * its archive and removes only the archive (a failed or missed restore leaves the folder). Only new, empty folders
 * go; anything else in RUNNER_TEMP is not ours to touch.
 */
async function tidy<T>(call: () => Promise<T>): Promise<T> {
  const temp = process.env.RUNNER_TEMP ?? ''
  const before = new Set(list(temp))
  try {
    return await call()
  } finally {
    for (const name of list(temp).filter(n => !before.has(n))) {
      try {
        rmdirSync(path.join(temp, name)) // fails, harmlessly, unless it is an empty folder
      } catch {
        // not empty, not a folder, or already gone
      }
    }
  }
}

function list(dir: string): string[] {
  if (!dir) return []
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** The Actions cache service. Unavailable outside a runner (local runs): caching is then simply skipped. */
export const actionsCacheStore: CacheStore = {
  isAvailable: () => cache.isFeatureAvailable(),
  restore: (paths, primaryKey, restoreKeys) => tidy(() => cache.restoreCache(paths, primaryKey, restoreKeys)),
  save: (paths, key) =>
    tidy(async () => {
      await cache.saveCache(paths, key)
    })
}
