import { explain } from '@renovatebot/pep440'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { normalizeName } from '../requirements/names.js'
import { type KnowledgeIndex } from './index-data.js'
import { type DistRequirement, type WheelAvailability, type WheelPlatform } from './index-types.js'

/** The interpreter a set is judged for: a platform, a CPython minor ("3.11") and its PEP 508 variables. */
export interface Target {
  platform: WheelPlatform
  python: string
  env: MarkerEnvironment
}

/** One release as a resolver sees it on a target. */
export interface Offer {
  version: string
  pre: boolean
  yanked: boolean
  /** How pip would install it there; releases it cannot install at all are not offered. */
  availability: Exclude<WheelAvailability, 'none'>
}

const targetKey = (t: Target) => `${t.platform} ${t.env.python_full_version ?? t.python}`

/**
 * The release history read as a resolver needs it, once per package and target: what is offered, and what each
 * chosen release requires there. Memoised per index (the data never changes within a run).
 */
export class EcosystemView {
  private readonly covered = new Map<string, boolean>()
  private readonly offers = new Map<string, Offer[] | undefined>()
  private readonly requires = new Map<string, DistRequirement[] | undefined>()
  private readonly versions = new Map<string, { version: string; pre: boolean; yanked: boolean }[] | undefined>()

  constructor(readonly index: KnowledgeIndex) {}

  /** Whether the knowledge covers the package (its releases, and for the TensorFlow family its requirements). */
  covers(pkg: string): boolean {
    let covered = this.covered.get(pkg)
    if (covered === undefined) this.covered.set(pkg, (covered = this.allVersions(pkg) !== undefined))
    return covered
  }

  /** Every release the index lists with files, oldest first (yanked ones marked). */
  allVersions(pkg: string): { version: string; pre: boolean; yanked: boolean }[] | undefined {
    const key = normalizeName(pkg)
    if (!this.versions.has(key)) {
      const releases = this.index.versions(key)
      this.versions.set(
        key,
        releases
          ?.filter(r => r.hasFiles)
          .map(r => ({ version: r.version, pre: isPrerelease(r.version), yanked: r.yanked }))
      )
    }
    return this.versions.get(key)
  }

  /** The releases pip could install on the target (a wheel for it, or an sdist to build), oldest first. */
  offered(pkg: string, target: Target): Offer[] | undefined {
    const key = `${normalizeName(pkg)} ${targetKey(target)}`
    if (!this.offers.has(key)) {
      const all = this.allVersions(pkg)
      const python = target.env.python_full_version ?? target.python
      this.offers.set(
        key,
        all?.flatMap(r => {
          const availability = this.index.hasWheel(pkg, r.version, python, target.platform)
          return availability && availability !== 'none' ? [{ ...r, availability }] : []
        })
      )
    }
    return this.offers.get(key)
  }

  /** The release's Requires-Dist on the target with markers evaluated (extras given), or undefined if unknown. */
  dependencies(
    pkg: string,
    version: string,
    target: Target,
    extras: readonly string[] = []
  ): DistRequirement[] | undefined {
    const key = `${normalizeName(pkg)} ${version} ${targetKey(target)} ${[...extras].sort().join(',')}`
    if (!this.requires.has(key)) {
      this.requires.set(
        key,
        this.index.requiresDist(pkg, version, { env: target.env, platform: target.platform, extras })
      )
    }
    return this.requires.get(key)
  }
}

/** PEP 440 pre-release (a, b, rc) or development release. */
export function isPrerelease(version: string): boolean {
  return explain(version)?.is_prerelease === true
}
