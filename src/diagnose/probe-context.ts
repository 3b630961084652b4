import { type StepRecord } from '../probe/contract.js'
import { type ProbeResult } from '../probe/run.js'
import { type ProbeView } from '../probe/view.js'
import { type Locator } from '../requirements/locate.js'

export interface ProbeContext {
  probe: ProbeResult
  /** The probe's records, read by step. */
  view: ProbeView
  locator: Locator
  /** The environment the probe really ran with (after our clearing and the user's `env`). */
  probeEnv: Record<string, string | undefined>
  files: string[]
  timeoutMinutes: number
}

export function errorText(step: StepRecord): string {
  return step.error ? `${step.error.type}: ${step.error.message}` : (step.reason ?? step.status)
}

export function evidenceOf(step: StepRecord): string {
  return step.error ? `${step.error.traceback || errorText(step)}`.trim() : errorText(step)
}
