import { type CacheChoice } from '../core/constants.js'
import { type Log } from '../core/log.js'
import { cacheKeys, type KeyParts, NO_SAVE_EVENTS } from './keys.js'
import { type CacheStore } from './store.js'
import { errorMessage } from '../core/errors.js'

export interface CacheOutcome {
  enabled: boolean
  /** The key a cache was restored from ('' if none). */
  restoredKey: string
  primaryKey: string
  exactHit: boolean
}

/** Restores and saves the installer's cache. Every failure of the service becomes a warning, never a failed check. */
export class InstallerCache {
  private outcome: CacheOutcome = { enabled: false, restoredKey: '', primaryKey: '', exactHit: false }
  private paths: string[] = []

  constructor(
    private readonly store: CacheStore,
    private readonly choice: CacheChoice,
    private readonly log: Log,
    private readonly warn: (message: string) => void
  ) {}

  get result(): CacheOutcome {
    return this.outcome
  }

  async restore(paths: string[], parts: KeyParts): Promise<void> {
    if (this.choice === 'false') return
    if (!this.store.isAvailable()) {
      if (this.choice === 'true')
        this.warn('cache: true, but the Actions cache service is not available here; running without it.')
      return
    }
    const { primary, restore } = cacheKeys(parts)
    this.paths = paths
    this.outcome = { enabled: true, restoredKey: '', primaryKey: primary, exactHit: false }
    try {
      const hit = await this.store.restore(paths, primary, restore)
      this.outcome.restoredKey = hit ?? ''
      this.outcome.exactHit = hit === primary
      this.log.info(
        hit ? `Cache restored from ${hit}${hit === primary ? ' (exact)' : ''}.` : `No cache for ${primary}.`
      )
    } catch (error) {
      this.warn(`Restoring the installer cache failed; running without it: ${errorMessage(error)}`)
    }
  }

  /**
   * Saves after the check, whatever its verdict (a failing check is when users re-run). `trim` runs first, only when
   * a save follows, and is given the folders about to be saved: what it leaves out is what the entry does not carry
   * forward; if it fails, the folders are saved as they are.
   */
  async save(event: string | undefined, trim?: (paths: string[]) => void): Promise<void> {
    const o = this.outcome
    if (!o.enabled || o.exactHit) return
    if (event && NO_SAVE_EVENTS.includes(event)) {
      this.log.info(`Not saving the cache on a ${event} event (cache poisoning).`)
      return
    }
    try {
      trim?.(this.paths)
    } catch (error) {
      this.warn(`Trimming the installer cache failed; saving it as it is: ${errorMessage(error)}`)
    }
    try {
      await this.store.save(this.paths, o.primaryKey)
      this.log.info(`Cache saved as ${o.primaryKey}.`)
    } catch (error) {
      this.warn(`Saving the installer cache failed: ${errorMessage(error)}`)
    }
  }
}
