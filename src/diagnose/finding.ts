import { FindingId } from './ids.js'

export type Severity = 'error' | 'warning' | 'info'

/** A place in the user's files, relative to the repository root with `/` separators (as annotations want it). */
export interface Location {
  file: string
  line?: number
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
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]
}
