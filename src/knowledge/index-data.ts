import { type MarkerEnvironment } from '../requirements/markers.js'
import { comparePythons, coverageIncludes, expandCoverage } from './coverage.js'
import { applyMarkers, parseDistLine, pickBlock } from './dist-requires.js'
import { admits, parseSpecifier, parseVersion } from './pep440.js'
import { IndexStore, type LoadedPackage } from './index-store.js'
import {
  type DistRequirement,
  type ReleaseInfo,
  type ReleaseStatus,
  type StoredRelease,
  type WheelAvailability,
  type WheelPlatform
} from './index-types.js'
import { WHEEL_PLATFORMS, wheelPlatformOf } from './platform-env.js'

export interface RequiresOptions {
  /** The wheel's platform; taken from env when env is given. */
  platform?: WheelPlatform
  /** "3.11" or "3.11.7"; taken from env when env is given. */
  python?: string
  /** Evaluate markers for this interpreter (see markerEnvironmentFor for another platform's). */
  env?: MarkerEnvironment
  /** Extras requested, as in tensorflow[and-cuda]. */
  extras?: readonly string[]
}

// Requires-Python strings and coverage strings repeat across thousands of releases: each answer is computed once.
const allowedMemo = new Map<string, boolean>()
const coverageMemo = new Map<string, boolean>()

/** Whether Requires-Python lets a Python install the release: "3.11" passes when some 3.11.x does. */
export function pythonAllowed(requiresPython: string | undefined, python: string): boolean {
  if (!requiresPython) return true
  const key = `${requiresPython} ${python}`
  let allowed = allowedMemo.get(key)
  if (allowed === undefined) {
    const parts = python.split('.')
    const tries = parts.length >= 3 ? [python] : [`${parts[0]}.${parts[1]}.0`, `${parts[0]}.${parts[1]}.99`]
    const clauses = parseSpecifier(requiresPython)
    // pip ignores a Requires-Python it cannot read
    allowed =
      !clauses ||
      tries.some(v => {
        const parsed = parseVersion(v)
        return parsed !== undefined && clauses.every(c => admits(c, parsed, v))
      })
    allowedMemo.set(key, allowed)
  }
  return allowed
}

function covered(coverage: string, minor: string): boolean {
  const key = `${coverage} ${minor}`
  let hit = coverageMemo.get(key)
  if (hit === undefined) {
    hit = coverageIncludes(coverage, minor)
    coverageMemo.set(key, hit)
  }
  return hit
}

const minorOf = (python: string) => python.split('.').slice(0, 2).join('.')

/** The index still holds files of the release (an empty record: listed, but every file deleted). */
const hasFiles = (stored: StoredRelease) => stored.w !== undefined || stored.sd === 1 || stored.o === 1

function availability(stored: StoredRelease, python: string, platform: WheelPlatform): WheelAvailability {
  if (!pythonAllowed(stored.rp, python)) return 'none'
  const w = stored.w ?? {}
  const minor = minorOf(python)
  if ([w[platform], w.any].some(c => c !== undefined && covered(c, minor))) return 'wheel'
  return stored.sd ? 'sdist-only' : 'none'
}

/** Queries over the gathered release history (knowledge/index/). Package files are read on first use. */
export class KnowledgeIndex {
  private readonly allowedCache = new Map<string, Set<string>>()
  private readonly coverageCache = new Map<string, string[]>()
  private readonly parsedLines = new Map<LoadedPackage, DistRequirement[]>()

  constructor(private readonly store: IndexStore = new IndexStore()) {}

  /** The packages the knowledge covers. */
  packages(): string[] {
    return Object.keys(this.store.manifest().packages)
  }

  /** The date the index was read. */
  gathered(): string {
    return this.store.manifest().gathered
  }

  /** Every release the index has, yanked ones included, oldest first; undefined for a package not covered. */
  releases(pkg: string): ReleaseInfo[] | undefined {
    const loaded = this.store.package(pkg)
    if (!loaded) return undefined
    // The gatherer writes releases in PEP 440 order (a unit test holds it to that), so no sort here.
    return Object.keys(loaded.stored.releases).map(v => this.info(loaded, v))
  }

  /** One release by PEP 440 equality ("2.0" finds 2.0.0). */
  release(pkg: string, version: string): ReleaseInfo | undefined {
    const found = this.find(pkg, version)
    return found && this.info(found.loaded, found.version)
  }

  /** Can pip install the release for this Python and platform: from a wheel (pure and abi3 count), an sdist only, or not. */
  hasWheel(pkg: string, version: string, python: string, platform: WheelPlatform): WheelAvailability | undefined {
    const found = this.find(pkg, version)
    return found && availability(found.stored, python, platform)
  }

  /** The CPython minors with a wheel of the release on a platform (Requires-Python applied). */
  pythonsWithWheels(pkg: string, version: string, platform: WheelPlatform): string[] | undefined {
    const found = this.find(pkg, version)
    return found && this.pythonsOn(found.stored, platform)
  }

  /**
   * The release's Requires-Dist for a platform and Python (the block of the wheel pip would install there), markers
   * evaluated when env is given. Undefined when the package's requirements were not gathered (numpy, protobuf,
   * ml-dtypes, h5py), the release has no wheel there, or no wheel of it could be read.
   */
  requiresDist(pkg: string, version: string, options: RequiresOptions = {}): DistRequirement[] | undefined {
    const found = this.find(pkg, version)
    const { lines, blocks } = found?.loaded.stored ?? {}
    if (!found || !lines || !blocks || found.stored.r === undefined) return undefined
    const platform = options.platform ?? (options.env ? wheelPlatformOf(options.env) : undefined)
    const python = options.python ?? options.env?.python_full_version ?? options.env?.python_version
    if (platform && !this.installsOn(found.stored, platform, python)) return undefined
    const block = pickBlock(found.stored.r, platform, python && minorOf(python))
    const requirements = (blocks[block] ?? []).map(i => this.parsedLine(found.loaded, i))
    return options.env ? applyMarkers(requirements, options.env, options.extras) : requirements
  }

  /** released, removed-from-index (curated, or listed with no file left), or never-released. */
  releaseStatus(pkg: string, version: string): ReleaseStatus | undefined {
    if (!this.store.package(pkg)) return undefined
    const found = this.find(pkg, version)
    if (found && hasFiles(found.stored)) return 'released'
    if (found || this.store.removed(pkg, version)) return 'removed-from-index'
    return 'never-released'
  }

  /** Whether the version was ever released (still on the index or removed since); undefined for a package not covered. */
  wasReleased(pkg: string, version: string): boolean | undefined {
    const status = this.releaseStatus(pkg, version)
    return status && status !== 'never-released'
  }

  /** Why a version counts as removed from the index: the curated source, or the index listing it without files. */
  removedFromIndex(pkg: string, version: string): { source: string; note: string } | undefined {
    if (this.releaseStatus(pkg, version) !== 'removed-from-index') return undefined
    return (
      this.store.removed(pkg, version) ?? {
        source: this.store.package(pkg)?.stored.source ?? '',
        note: 'the index lists the release but holds none of its files'
      }
    )
  }

  /** Every version the index lists, oldest first, without the per-platform detail of releases(). */
  versions(pkg: string): { version: string; yanked: boolean; hasFiles: boolean }[] | undefined {
    const loaded = this.store.package(pkg)
    if (!loaded) return undefined
    return Object.entries(loaded.stored.releases).map(([version, stored]) => ({
      version,
      yanked: stored.y !== undefined,
      hasFiles: hasFiles(stored)
    }))
  }

  /**
   * Which platforms a release has wheels for (whatever their Pythons), and whether a pure wheel or an sdist exists:
   * read straight from the stored coverage, without resolving Requires-Python against every known Python.
   */
  filesOf(pkg: string, version: string): { platforms: WheelPlatform[]; pure: boolean; sdist: boolean } | undefined {
    const found = this.find(pkg, version)
    if (!found) return undefined
    const w = found.stored.w ?? {}
    return {
      platforms: WHEEL_PLATFORMS.filter(p => w[p] !== undefined),
      pure: w.any !== undefined,
      sdist: found.stored.sd === 1
    }
  }

  /** A Requires-Dist line of a package parsed once (the same lines serve many releases and platforms). */
  private parsedLine(loaded: LoadedPackage, i: number): DistRequirement {
    const parsed = (this.parsedLines.get(loaded) ?? this.parsedLines.set(loaded, []).get(loaded))!
    parsed[i] ??= parseDistLine(loaded.stored.lines![i])
    return parsed[i]
  }

  private find(pkg: string, version: string) {
    const loaded = this.store.package(pkg)
    const stored = loaded && this.store.lookup(loaded, version)
    return loaded && stored !== undefined
      ? { loaded, version: stored, stored: loaded.stored.releases[stored] }
      : undefined
  }

  private installsOn(stored: StoredRelease, platform: WheelPlatform, python?: string): boolean {
    if (python) return availability(stored, python, platform) === 'wheel'
    return this.pythonsOn(stored, platform).length > 0
  }

  private pythonsOn(stored: StoredRelease, platform: WheelPlatform): string[] {
    const w = stored.w ?? {}
    const sources = [w[platform], w.any].filter((c): c is string => c !== undefined).map(c => this.expanded(c))
    const allowed = this.allowedPythons(stored.rp)
    // Each expansion is already in order; only a platform wheel beside a pure one needs a merge.
    const named = sources.length === 1 ? sources[0] : [...new Set(sources.flat())].sort(comparePythons)
    return named.filter(p => allowed.has(p))
  }

  /** A coverage string's Pythons, once per distinct string (they repeat across releases and packages). */
  private expanded(coverage: string): string[] {
    let pythons = this.coverageCache.get(coverage)
    if (!pythons) {
      pythons = expandCoverage(coverage, this.store.manifest().pythons)
      this.coverageCache.set(coverage, pythons)
    }
    return pythons
  }

  /** The known Pythons a Requires-Python lets in, once per distinct Requires-Python (PEP 440 checks are not free). */
  private allowedPythons(requiresPython: string | undefined): Set<string> {
    const key = requiresPython ?? ''
    let allowed = this.allowedCache.get(key)
    if (!allowed) {
      const known = this.store.manifest().pythons
      allowed = new Set(known.filter(p => pythonAllowed(requiresPython, p)))
      this.allowedCache.set(key, allowed)
    }
    return allowed
  }

  private info(loaded: LoadedPackage, version: string): ReleaseInfo {
    const stored = loaded.stored.releases[version]
    const wheels: ReleaseInfo['wheels'] = {}
    for (const platform of WHEEL_PLATFORMS) {
      const pythons = this.pythonsOn(stored, platform)
      if (pythons.length > 0) wheels[platform] = pythons
    }
    return {
      package: loaded.stored.name,
      version,
      yanked: stored.y !== undefined,
      yankedReason: typeof stored.y === 'string' ? stored.y : undefined,
      requiresPython: stored.rp,
      wheels,
      pure: stored.w?.any !== undefined,
      sdist: stored.sd === 1,
      hasFiles: hasFiles(stored)
    }
  }
}

/** The release history shipped with keras-compat. */
export const KNOWLEDGE_INDEX = new KnowledgeIndex()
