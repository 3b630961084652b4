import * as core from '@actions/core'
import { InstallerCache } from '../cache/index.js'
import { toolsKeyParts } from '../cache/keys.js'
import { pruneUvArchives, usedKey } from '../install/uv-archives.js'
import { cacheDirs } from '../environment/cache-dirs.js'
import { type ResolvedPackage } from '../install/types.js'
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
  /** Every package a venv of this run held after its install (`name==version`): what the saved entry keeps. */
  private readonly used = new Set<string>()

  constructor(
    store: CacheStore,
    choice: CacheChoice,
    private readonly log: Log,
    redact: Redact = text => text,
    private readonly uvCacheDir: string = cacheDirs(process.env).uv
  ) {
    // The service's errors quote its URLs, which carry the runner's cache credentials.
    const warn = (message: string) => core.warning(redact(message))
    this.tools = new InstallerCache(store, choice, log, warn)
    this.installer = new InstallerCache(store, choice, log, warn)
  }

  restoreTools(dir: string): Promise<void> {
    return this.tools.restore([dir], toolsKeyParts(UV_VERSION))
  }

  restoreInstaller: CacheHooks['restoreInstaller'] = (dirs, parts) => this.installer.restore(dirs, parts)

  /** CheckDeps.onInstalled: the packages of each venv whose install succeeded, across every check of the step. */
  onInstalled = (packages: ResolvedPackage[]): void => {
    for (const p of packages) this.used.add(usedKey(p.key, p.version))
  }

  async save(event: string | undefined): Promise<void> {
    await this.tools.save(event)
    await this.installer.save(event, paths => this.trim(paths))
  }

  /**
   * uv's unpacked wheels that no venv of this run held stay out of the saved entry. Only uv's folder, only when it
   * is among those saved (a pip run's entry is left whole), and never on a self-hosted runner, whose local cache
   * outlives the job and serves other workflows: pruning it there would cost them their downloads.
   */
  private trim(paths: string[]): void {
    if (!paths.includes(this.uvCacheDir)) return
    if (process.env.RUNNER_ENVIRONMENT === 'self-hosted') {
      this.log.info(
        'Installer cache saved whole: on a self-hosted runner the local cache is shared, so it is not trimmed.'
      )
      return
    }
    const { removed, kept } = pruneUvArchives(this.uvCacheDir, this.used)
    if (removed > 0)
      this.log.info(`Installer cache: ${removed} unpacked wheels no install of this run used left out (${kept} kept).`)
  }

  get exactHit(): boolean {
    return this.installer.result.exactHit
  }
}
