// A filesystem-backed CacheStore: each key is a folder holding copies of the cached paths. Behaves like the
// service where it matters: exact key first, then the newest entry whose key starts with a restore key.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { type CacheStore } from '../src/cache/store.js'

export class FsCacheStore implements CacheStore {
  saved: string[] = []
  constructor(
    private readonly root: string,
    private readonly available = true,
    private readonly failWith?: Error
  ) {
    mkdirSync(root, { recursive: true })
  }

  isAvailable(): boolean {
    return this.available
  }

  private entry(key: string, index: number): string {
    return path.join(this.root, encodeURIComponent(key), String(index))
  }

  async restore(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined> {
    if (this.failWith) throw this.failWith
    const keys = readdirSync(this.root).map(decodeURIComponent)
    const newest = (prefix: string) =>
      keys
        .filter(k => k.startsWith(prefix))
        .sort(
          (a, b) =>
            statSync(path.join(this.root, encodeURIComponent(b))).mtimeMs -
            statSync(path.join(this.root, encodeURIComponent(a))).mtimeMs
        )[0]
    const key = keys.includes(primaryKey) ? primaryKey : restoreKeys.map(newest).find(Boolean)
    if (!key) return undefined
    paths.forEach((p, i) => {
      if (existsSync(this.entry(key, i))) cpSync(this.entry(key, i), p, { recursive: true })
    })
    return key
  }

  async save(paths: string[], key: string): Promise<void> {
    if (this.failWith) throw this.failWith
    rmSync(path.join(this.root, encodeURIComponent(key)), { recursive: true, force: true })
    paths.forEach((p, i) => {
      if (existsSync(p)) cpSync(p, this.entry(key, i), { recursive: true })
    })
    this.saved.push(key)
  }
}
