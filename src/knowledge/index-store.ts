import { compare, explain } from '@renovatebot/pep440'
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalizeName } from '../requirements/names.js'
import { type RemovedList, type StoredManifest, type StoredPackage } from './index-types.js'

/**
 * Where the data lies: dist/knowledge/ beside the bundle (scripts/bundle.mjs copies it there), or knowledge/ at the
 * repository root when running from source. Read at run time, one package file at a time, on first use: a run
 * that asks about three packages parses three small files, not the whole history.
 */
export function defaultKnowledgeDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  // Built from parts so that the bundler does not mistake the paths for assets to copy.
  const parts = ['knowledge', 'index', 'manifest.json']
  const candidates = [1, 2].map(up => path.join(here, ...Array<string>(up).fill('..'), parts[0]))
  return candidates.find(dir => existsSync(path.join(dir, parts[1], parts[2]))) ?? candidates[1]
}

/** PEP 440 equality as a map key: "2.0" and "2.0.0" are one version, "2.0.0rc0" another. */
export function versionKey(version: string): string {
  const v = explain(version)
  if (!v) return version.trim().toLowerCase()
  const release = [...v.release]
  while (release.length > 1 && release[release.length - 1] === 0) release.pop()
  const pre = v.pre ? v.pre.join('') : ''
  const post = v.post !== null ? `.post${v.post}` : ''
  const dev = v.dev !== null ? `.dev${v.dev}` : ''
  const local = v.local ? `+${v.local}` : ''
  return `${v.epoch}!${release.join('.')}${pre}${post}${dev}${local}`
}

/** Ascending PEP 440 order; versions pep440 cannot read (none on the index today) go first. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [explain(a) !== null, explain(b) !== null]
  if (x && y) return compare(a, b)
  return x === y ? a.localeCompare(b) : x ? 1 : -1
}

export interface LoadedPackage {
  stored: StoredPackage
  /** versionKey → the version as stored; built on the first lookup that is not an exact spelling. */
  byKey?: Map<string, string>
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

export class IndexStore {
  private manifestData?: StoredManifest
  private readonly packages = new Map<string, LoadedPackage | undefined>()
  private removedData?: Map<string, { source: string; note: string }>

  constructor(readonly dir: string = defaultKnowledgeDir()) {}

  manifest(): StoredManifest {
    this.manifestData ??= readJson<StoredManifest>(path.join(this.dir, 'index', 'manifest.json'))
    return this.manifestData
  }

  /** The package's data, or undefined when the knowledge does not cover it. */
  package(name: string): LoadedPackage | undefined {
    const key = normalizeName(name)
    if (!this.packages.has(key)) this.packages.set(key, this.load(key))
    return this.packages.get(key)
  }

  private load(name: string): LoadedPackage | undefined {
    if (!(name in this.manifest().packages)) return undefined
    return { stored: readJson<StoredPackage>(path.join(this.dir, 'index', `${name}.json`)) }
  }

  /** The version as stored that equals version under PEP 440 ("2.0" finds 2.0.0), or undefined. */
  lookup(loaded: LoadedPackage, version: string): string | undefined {
    if (Object.hasOwn(loaded.stored.releases, version)) return version
    loaded.byKey ??= new Map(Object.keys(loaded.stored.releases).map(v => [versionKey(v), v]))
    return loaded.byKey.get(versionKey(version))
  }

  /** The curated removal of a version from the index, with its source. */
  removed(name: string, version: string): { source: string; note: string } | undefined {
    if (!this.removedData) {
      const list = readJson<RemovedList>(path.join(this.dir, 'removed.json'))
      this.removedData = new Map()
      for (const entry of list.entries) {
        for (const v of entry.versions) {
          this.removedData.set(`${normalizeName(entry.package)} ${versionKey(v)}`, entry)
        }
      }
    }
    return this.removedData.get(`${normalizeName(name)} ${versionKey(version)}`)
  }
}
