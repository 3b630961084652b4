import { explain } from '@renovatebot/pep440'
import { type KnowledgeIndex } from '../knowledge/index-data.js'
import { type DistRequirement, type WheelPlatform } from '../knowledge/index-types.js'
import { type Knowledge } from '../knowledge/types.js'
import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { contains, type VersionRange } from '../versions/range.js'

/** Where a plan must work: the knowledge, and the Python and platform pip will pick wheels for. */
export interface Target {
  knowledge: Knowledge
  index: KnowledgeIndex
  /** Python minor, "3.11". */
  python: string
  platform: WheelPlatform
  /** Marker variables of that interpreter, for Requires-Dist markers. */
  markers: MarkerEnvironment
}

interface Offered {
  version: string
  yanked: boolean
  pre: boolean
}

const isPre = (version: string) => explain(version)?.is_prerelease === true

// A number per range object: parsed ranges are shared per specifier text, so a question about thousands of lines
// of a few specifiers is asked, and remembered, as one about those few.
const rangeIds = new WeakMap<VersionRange, number>()
let nextRangeId = 0

function rangeId(range: VersionRange): number {
  let id = rangeIds.get(range)
  if (id === undefined) rangeIds.set(range, (id = nextRangeId++))
  return id
}

/**
 * What pip can install here, read from the release history: only releases with a wheel for this Python and
 * platform count (an sdist would have to build, and TensorFlow's ecosystem does not build from source). Lists are
 * read once per package.
 */
export class World {
  private readonly offered = new Map<string, Offered[] | undefined>()
  private readonly requires = new Map<string, DistRequirement[] | undefined>()
  private readonly markers = new Map<string, boolean>()
  private readonly chosen = new Map<string, string[]>()

  constructor(readonly target: Target) {}

  /** Whether a requirement's marker holds here (an undecidable one does not: no guessing), once per marker text. */
  applies(marker: string): boolean {
    if (marker === '') return true
    let holds = this.markers.get(marker)
    if (holds === undefined) {
      holds = evaluateMarker(marker, this.target.markers) === true
      this.markers.set(marker, holds)
    }
    return holds
  }

  /** Whether the release history covers the package at all. */
  covers(key: string): boolean {
    return this.list(key) !== undefined
  }

  /**
   * Versions pip could install that every range allows, oldest first: yanked releases only when a range pins them
   * exactly, pre-releases only when no final release fits (as pip chooses).
   */
  versions(key: string, ranges: VersionRange[], exact: string[] = []): string[] {
    // The same question comes from every candidate: PEP 440 comparisons are the search's main cost.
    const distinct = [...new Set(ranges)]
    const pins = [...new Set(exact)]
    const id = `${key}|${distinct.map(rangeId).join(',')}|${pins.join(',')}`
    let found = this.chosen.get(id)
    if (!found) {
      found = this.offeredWithin(key, distinct, pins)
      this.chosen.set(id, found)
    }
    return [...found]
  }

  private offeredWithin(key: string, ranges: VersionRange[], exact: string[]): string[] {
    const fits = (o: Offered) =>
      (!o.yanked || exact.includes(o.version)) && ranges.every(range => contains(range, o.version))
    const all = (this.list(key) ?? []).filter(fits)
    const final = all.filter(o => !o.pre)
    return (final.length > 0 ? final : all).map(o => o.version)
  }

  /** The release's Requires-Dist here, markers evaluated (uncertain ones left out), with the extras asked for. */
  requiresOf(key: string, version: string, extras: readonly string[] = []): DistRequirement[] {
    const id = `${key} ${version} ${extras.join(',')}`
    if (!this.requires.has(id)) {
      const { index, markers } = this.target
      const found = index.requiresDist(key, version, { env: markers, extras })
      this.requires.set(
        id,
        found?.filter(d => !d.uncertain)
      )
    }
    return this.requires.get(id) ?? []
  }

  private list(key: string): Offered[] | undefined {
    if (!this.offered.has(key)) {
      const { index, python, platform } = this.target
      const releases = index.releases(key)
      this.offered.set(
        key,
        releases
          ?.filter(r => r.hasFiles && index.hasWheel(key, r.version, python, platform) === 'wheel')
          .map(r => ({ version: r.version, yanked: r.yanked, pre: isPre(r.version) }))
      )
    }
    return this.offered.get(key)
  }
}
