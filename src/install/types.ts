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
