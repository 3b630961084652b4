import { PROBE_PROTOCOL } from './steps.js'

/** The probe's JSON-lines contract (see the docstring of probe.py). */
export type StepStatus = 'ok' | 'error' | 'skipped' | 'incompatible'

export interface StepError {
  type: string
  module: string
  message: string
  traceback: string
}

export interface StepRecord {
  step: string
  status: StepStatus
  seconds: number
  data: Record<string, unknown>
  error?: StepError
  reason?: string
}

export interface ProbeOutcome {
  steps: StepRecord[]
  /** True only when the probe wrote its closing record: without it, nothing it did can count as a pass. */
  completed: boolean
  /** The step that had started but not ended when the process stopped (a crash or a hang is pinned to it). */
  unfinishedStep: string
  /** Lines that were not valid records (cut off, garbled, forged, repeated, or after the closing record). */
  malformed: number
}

const STATUSES: StepStatus[] = ['ok', 'error', 'skipped', 'incompatible']

function isStepRecord(value: Record<string, unknown>): boolean {
  return (
    value.event === 'step' &&
    typeof value.step === 'string' &&
    STATUSES.includes(value.status as StepStatus) &&
    typeof (value.seconds ?? 0) === 'number'
  )
}

/** A line as a record of this run: valid JSON, an object, carrying the run's nonce; otherwise undefined. */
function record(line: string, nonce: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(line) as unknown
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
    const rec = value as Record<string, unknown>
    return (rec.nonce ?? '') === nonce ? rec : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads the probe's results channel. Anything that is not a well-formed record of this run (with its nonce) is
 * counted, never guessed at; so are a second record for the same step and anything after the closing record.
 */
export function parseProbeOutput(text: string, nonce = ''): ProbeOutcome {
  const steps: StepRecord[] = []
  let completed = false
  let running = ''
  let malformed = 0
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const value = record(line, nonce)
    if (!value || completed) malformed++
    else if (value.event === 'start' && typeof value.step === 'string') running = value.step
    else if (isStepRecord(value) && steps.some(s => s.step === value.step)) malformed++
    else if (isStepRecord(value)) {
      steps.push({
        step: value.step as string,
        status: value.status as StepStatus,
        seconds: (value.seconds as number) ?? 0,
        data: (value.data as Record<string, unknown>) ?? {},
        error: value.error as StepError | undefined,
        reason: value.reason as string | undefined
      })
      if (running === value.step) running = ''
    } else if (value.event === 'done') completed = true
    else if (value.event !== 'hello' || value.protocol !== PROBE_PROTOCOL) malformed++
  }
  // A closing record after garbage is still not trustworthy.
  return { steps, completed: completed && malformed === 0, unfinishedStep: running, malformed }
}

export function findStep(outcome: ProbeOutcome, name: string): StepRecord | undefined {
  return outcome.steps.find(s => s.step === name)
}
