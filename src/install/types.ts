/** What kind of installer failure this was: each kind leads to a different finding. */
export type InstallErrorKind =
  | 'not-found'
  | 'conflict'
  | 'build'
  | 'network'
  /** The disk filled up while unpacking: nothing to do with the requirements. */
  | 'disk'
  /** Stopped by a signal from outside (the OOM killer, a cancelled job) or by keras-compat's own time limit. */
  | 'killed'
  | 'other'

export interface InstallError {
  kind: InstallErrorKind
  /** Normalised names of the packages the installer blamed, in the order it named them. */
  packages: string[]
  /** The installer's own lines that say what went wrong (quoted in the report). */
  excerpt: string
  /** For `not-found`: the versions the index offered, as the installer listed them. */
  availableVersions: string[]
}

export interface InstallResult {
  ok: boolean
  seconds: number
  /** The command line, for the log and the report. */
  command: string[]
  log: string
  error?: InstallError
}

/** One package the resolver picked, read from the installer's structured output (never from its console prose). */
export interface ResolvedPackage {
  /** As the index or the metadata spells it. */
  name: string
  /** PEP 503 normalised name. */
  key: string
  /** The version picked, '' for a direct reference (URL, path, editable) that the output names no version for. */
  version: string
  /** The direct reference (URL or path), '' for a package from the index. */
  url: string
  /** Asked for by the requirement files, the project or the extra packages (not only pulled in by another). */
  requested: boolean
  /** Normalised names of the resolved packages that require this one (its parents in the dependency graph). */
  requiredBy: string[]
}

/**
 * A dry-run resolution with the same inputs as the install. `packages` is what would be installed, when the run
 * succeeded and its structured output could be read; `unavailable` says why this installer cannot resolve with a
 * readable result (an old pip without --report), in which case nothing is judged and the install goes ahead.
 */
export interface Resolution extends InstallResult {
  packages?: ResolvedPackage[]
  unavailable?: string
  /**
   * The resolved set as a requirements file of exact pins (uv's compiled output), when the installer wrote one in
   * the run's own folder: the install can take it as it is instead of resolving a second time.
   */
  pinned?: string
}
