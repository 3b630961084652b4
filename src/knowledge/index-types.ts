/**
 * The release history gathered from the package index (knowledge/index/, written by scripts/knowledge/gather.py and
 * validated against knowledge/index.schema.json), and what src/knowledge/index-data.ts answers about it.
 */

/** The wheel platforms the knowledge tells apart. Linux means glibc (manylinux); CPython only. */
export type WheelPlatform = 'linux-x86_64' | 'linux-aarch64' | 'macos-x86_64' | 'macos-arm64' | 'windows-x86_64'

/** One release as stored: short keys, since the files ship in dist/. */
export interface StoredRelease {
  /** Requires-Python of its files. */
  rp?: string
  /** Yanked (every file): the reason, or true when none was given. */
  y?: string | true
  /** Wheel coverage: platform (or "any" for pure wheels) → CPythons, e.g. "2.7,3.5-3.7", "3.9+", "py3". */
  w?: Record<string, string>
  /** An sdist exists. */
  sd?: 1
  /** Files exist, but none pip installs on the judged platforms (eggs, Windows installers, other platforms' wheels). */
  o?: 1
  /** Requires-Dist: a block number, or per platform / platform@coverage (with "*" for the rest). */
  r?: number | Record<string, number>
  /** The gatherer's fingerprint of the release's files (lets a refresh reuse what it read before). */
  fp?: string
}

export interface StoredPackage {
  schemaVersion: 1
  name: string
  source: string
  /** Distinct Requires-Dist lines (TensorFlow-ecosystem packages only). */
  lines?: string[]
  /** Distinct sets of lines, as line numbers. */
  blocks?: number[][]
  /** Every version the index lists or a file name carries, in PEP 440 order; {} when no file is left. */
  releases: Record<string, StoredRelease>
}

export interface StoredManifest {
  schemaVersion: 1
  gathered: string
  source: string
  platforms: WheelPlatform[]
  /** Every CPython minor some wheel names, per major from the oldest to the newest: what "3.9+" and "py3" cover. */
  pythons: string[]
  packages: Record<string, { requires: boolean; releases: number }>
}

/** knowledge/removed.json: releases the index once offered and no longer lists (curated, each with a source). */
export interface RemovedList {
  schemaVersion: 1
  entries: { package: string; versions: string[]; seen: string; source: string; note: string }[]
}

/** A release as the queries give it. */
export interface ReleaseInfo {
  package: string
  version: string
  yanked: boolean
  yankedReason?: string
  requiresPython?: string
  /** Per platform, the CPython minors with a wheel there (pure and abi3 wheels expanded; Requires-Python applied). */
  wheels: Partial<Record<WheelPlatform, string[]>>
  /** A pure-Python wheel exists (it installs on every platform). */
  pure: boolean
  sdist: boolean
  /** False when the index lists the version but holds no file of it any more. */
  hasFiles: boolean
}

/** Whether pip can install a release for one Python and platform: from a wheel, only by building the sdist, or not. */
export type WheelAvailability = 'wheel' | 'sdist-only' | 'none'

/** A version never on the index stays "never-released"; one it no longer has is "removed-from-index". */
export type ReleaseStatus = 'released' | 'removed-from-index' | 'never-released'

/** One Requires-Dist entry. */
export interface DistRequirement {
  name: string
  extras: string[]
  specifier: string
  marker: string
  /** The line as stored (PEP 508). */
  line: string
  /** Set when an environment was given and the marker names a variable it lacks: it may or may not apply. */
  uncertain?: boolean
}
