import { type StageTiming } from '../core/timing.js'
import type { OutcomeKind } from './outcome.js'
import { type Finding } from '../core/finding.js'
import { type StepRecord } from '../probe/contract.js'
import { type Status } from './verdict.js'
import { type MatrixPass } from '../core/constants.js'
import { type FixPlan } from '../fixplan/types.js'

export type { FixPlan } from '../fixplan/types.js'

/** What `tf.keras` resolved to, as the `tf-keras` output spells it. */
export type TfKerasKind = 'keras3' | 'keras2' | 'tf_keras' | 'unavailable'

export interface EnvironmentSummary {
  python: string
  tensorflow: string
  keras: string
  tfKeras: TfKerasKind
  /** Versions of the packages that decide TF/Keras compatibility (null: not installed). */
  packages: Record<string, string | null>
}

/** The JSON report: written to a file, summarised as outputs, rendered for the summary and the terminal. */
export interface Report {
  schemaVersion: 1
  tool: { name: 'keras-compat'; version: string }
  status: Status
  /** `preflight-only`: static rules only, nothing was installed. */
  mode: 'full' | 'preflight-only'
  /** How far the check got (report/outcome.ts). */
  outcome: OutcomeKind
  /** What the run put in place of the repository's pins (tensorflow-version, keras-version), '' for none. */
  override: string
  startedAt: string
  seconds: number
  workingDirectory: string
  requirementFiles: string[]
  project: string
  installer: { name: 'uv' | 'pip'; version: string; ok: boolean; command: string[]; log: string } | null
  environment: EnvironmentSummary
  stages: StageTiming[]
  steps: StepRecord[]
  probeLog: string
  findings: Finding[]
  /** With any error finding: the one change that removes every error together, and what proved it. */
  fixPlan?: FixPlan
  /** The Node process that made the report: its version and peak memory (Python's memory is TensorFlow's). */
  runtime: { node: string; maxRssMb: number }
}

export interface MatrixEntry {
  /** The requested version as written (2.15, latest, nightly). */
  requested: string
  report: Report
}

export interface MatrixReport {
  schemaVersion: 1
  kind: 'matrix'
  status: Status
  matrixPass: MatrixPass
  entries: MatrixEntry[]
  /** The newest TensorFlow that works with the repository's pins as they are ('' if none did). */
  newestPassing: string
  /** What stands between the pins and the newest requested version, when that one fails. */
  toNewest: string
  /** The fix plan that reaches the newest requested version, when that one fails. */
  newestPlan?: FixPlan
}
