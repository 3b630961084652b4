import * as cache from '@actions/cache'
import { CacheStore } from '../cache/store.js'

/** The Actions cache service. Unavailable outside a runner (local runs): caching is then simply skipped. */
export const actionsCacheStore: CacheStore = {
  isAvailable: () => cache.isFeatureAvailable(),
  restore: (paths, primaryKey, restoreKeys) => cache.restoreCache(paths, primaryKey, restoreKeys),
  save: async (paths, key) => {
    await cache.saveCache(paths, key)
  }
}
