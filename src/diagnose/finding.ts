import { FindingId } from './ids.js'

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
  /** Which stage found it. A preflight finding that the real install or probe contradicts is dropped. */
  stage?: 'preflight' | 'install' | 'probe'
  /** For preflight findings: the stage whose success would prove the finding wrong. */
  provenBy?: 'install' | 'probe'
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]
}
