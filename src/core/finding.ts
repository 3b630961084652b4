import { type FindingId } from './ids.js'

export type Severity = 'error' | 'warning' | 'info'

/** A place in the user's files, relative to the repository root with `/` separators (as annotations want it). */
export interface Location {
  file: string
  line?: number
}

/** A change to one requirement line: `before` empty means a line to add (to `file`). */
export interface Edit {
  file: string
  line?: number
  before: string
  after: string
}

/** Whether a fix's line edits were resolved for real. Never "verified" unless a real resolution said so. */
export interface Verification {
  status: 'verified' | 'failed' | 'not-verified'
  /** How, or why not: "resolves (uv 0.13.9 dry run)", "preflight-only: nothing is resolved". */
  detail: string
  /** The resolver's words when the changed set still does not resolve. */
  evidence?: string
}

/** One thing the user should know, with what to do about it. Ids are stable: workflows and docs link to them. */
export interface Finding {
  id: FindingId
  severity: Severity
  title: string
  explanation: string
  fix: string
  locations: Location[]
  /** What was seen: the installer's or Python's own words. */
  evidence: string
  /** The requirement lines to change, when the fix is a change of lines. */
  edits?: Edit[]
  /** The check of `edits`: resolved with them applied, in a copy of the requirement files. */
  verification?: Verification
  /** Which stage found it. A preflight finding that the real install or probe contradicts is dropped. */
  stage?: 'preflight' | 'install' | 'probe'
  /** For preflight findings: the stage whose success would prove the finding wrong. */
  provenBy?: 'install' | 'probe'
  /**
   * Set when a baseline was compared (input `baseline`): `pre-existing` findings were already there on the base
   * and do not count toward the status.
   */
  baseline?: 'new' | 'pre-existing'
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]
}
