import * as core from '@actions/core'
import { InstallerCache } from '../cache/index.js'
import { toolsKeyParts } from '../cache/keys.js'
import { type CacheHooks } from '../pipeline/deps.js'
import { type CacheChoice } from '../core/constants.js'
import { UV_VERSION } from '../install/select.js'
import { type Log } from '../core/log.js'
import { type Redact } from '../report/redact.js'
import { type CacheStore } from '../cache/store.js'

/** The two cache entries of a run: the bootstrapped uv (keyed on its version) and the installer's cache. */
export class ActionCaches implements CacheHooks {
  readonly tools: InstallerCache
  readonly installer: InstallerCache

  constructor(store: CacheStore, choice: CacheChoice, log: Log, redact: Redact = text => text) {
    // The service's errors quote its URLs, which carry the runner's cache credentials.
    const warn = (message: string) => core.warning(redact(message))
    this.tools = new InstallerCache(store, choice, log, warn)
    this.installer = new InstallerCache(store, choice, log, warn)
  }

  restoreTools(dir: string): Promise<void> {
    return this.tools.restore([dir], toolsKeyParts(UV_VERSION))
  }

  restoreInstaller: CacheHooks['restoreInstaller'] = (dirs, parts) => this.installer.restore(dirs, parts)

  async save(event: string | undefined): Promise<void> {
    await this.tools.save(event)
    await this.installer.save(event)
  }

  get exactHit(): boolean {
    return this.installer.result.exactHit
  }
}
