/** A finding as the `findings` output and the JSON report carry it: what the integration tests read of it. */
export interface FindingOut {
  id: string
  severity: string
  title: string
  explanation: string
  fix: string
  evidence: string
  locations: { file: string; line?: number }[]
  edits?: { after: string }[]
  verification?: { status: string }
}
