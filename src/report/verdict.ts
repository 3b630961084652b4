import { type FailOn } from '../core/constants.js'
import { type Finding } from '../core/finding.js'

export type Status = 'pass' | 'warn' | 'fail'

/**
 * The run's status. `pass` needs more than an absence of errors: the install must have succeeded and the probe
 * must have reached its end, so a probe that died early or printed nothing can never read as success. In
 * preflight-only mode nothing is installed, and the status is the static findings' alone.
 */
export function statusOf(
  findings: Finding[],
  ran: { preflightOnly?: boolean; installed: boolean; probeCompleted: boolean }
): Status {
  if (findings.some(f => f.severity === 'error')) return 'fail'
  if (!ran.preflightOnly && (!ran.installed || !ran.probeCompleted)) return 'fail'
  if (findings.some(f => f.severity === 'warning')) return 'warn'
  return 'pass'
}

/** Whether the status reaches the `fail-on` level (the job or the CLI then fails). */
export function failsAt(status: Status, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (failOn === 'warning') return status !== 'pass'
  return status === 'fail'
}
