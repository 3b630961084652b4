/** The cache service, as keras-compat needs it: @actions/cache on a runner, a folder in tests. */
export interface CacheStore {
  isAvailable(): boolean
  /** Restores `paths` from the first key that matches; returns the key that matched, or undefined. */
  restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>
  save(paths: string[], key: string): Promise<void>
}
