import { type MatrixPass } from '../core/constants.js'
import { type Finding } from '../core/finding.js'
import { type BaselineInfo, type MatrixReport, type Report } from './model.js'
import { type IgnoreEntryState, type SuppressedFinding } from './suppress.js'
import { type Status } from './verdict.js'

/** What the finishing step decided about a report's findings. */
export interface Gating {
  /** The findings that stay listed as findings (suppressed ones removed; each marked when a baseline ran). */
  findings: Finding[]
  suppressed: SuppressedFinding[]
  entries: IgnoreEntryState[]
  baseline?: BaselineInfo
}

const counts = (f: Finding) => f.baseline !== 'pre-existing'

/**
 * The status once suppressed and pre-existing findings stop counting. The check's own status stays the floor for
 * anything no finding explains: a run that failed without any error finding (nothing installed, a probe that
 * stopped) still fails. A run that failed only because of findings the user accepted no longer does.
 */
export function gatedStatus(checked: Status, all: Finding[], gating: Gating): Status {
  const counted = gating.findings.filter(counts)
  if (counted.some(f => f.severity === 'error')) return 'fail'
  if (checked === 'fail' && !all.some(f => f.severity === 'error')) return 'fail'
  if (counted.some(f => f.severity === 'warning')) return 'warn'
  return checked === 'warn' && !all.some(f => f.severity !== 'info') ? 'warn' : 'pass'
}

/** The report with the gating applied: findings, suppressed findings, the entries' states, the status. */
export function gateReport(report: Report, gating: Gating): Report {
  const status = gatedStatus(report.status, report.findings, gating)
  return {
    ...report,
    status,
    findings: gating.findings,
    suppressed: gating.suppressed,
    ignoreEntries: gating.entries,
    ...(gating.baseline ? { baseline: { ...gating.baseline } } : {})
  }
}

const RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2 }

/** A matrix's status from its entries' (gated) statuses: the worst, or `pass` when one passes under `any`. */
export function matrixStatusOf(statuses: Status[], pass: MatrixPass): Status {
  if (pass === 'any' && statuses.includes('pass')) return 'pass'
  return statuses.reduce<Status>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'pass')
}

/** A matrix with each entry's report replaced, and its status recomputed from them. */
export function regateMatrix(matrix: MatrixReport, reports: Report[]): MatrixReport {
  const entries = matrix.entries.map((e, i) => ({ ...e, report: reports[i] ?? e.report }))
  return {
    ...matrix,
    entries,
    status: matrixStatusOf(
      entries.map(e => e.report.status),
      matrix.matrixPass
    )
  }
}
