import { type StageTiming } from '../core/timing.js'
import type { OutcomeKind } from './outcome.js'
import { type Finding } from '../core/finding.js'
import { type StepRecord } from '../probe/contract.js'
import { type Status } from './verdict.js'
import { type MatrixPass } from '../core/constants.js'
import { type FixPlan } from '../fixplan/types.js'

export type { FixPlan } from '../fixplan/types.js'
import type { IgnoreEntryState, SuppressedFinding } from './suppress.js'

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
  /** Findings the config file's `ignore:` entries cover: listed, not counted (set where the report is finished). */
  suppressed?: SuppressedFinding[]
  /** Every `ignore:` entry and what it did in this run. */
  ignoreEntries?: IgnoreEntryState[]
  /** What the findings were compared with (input `baseline`), when anything was. */
  baseline?: BaselineInfo
  /** The TensorFlow minors worth a job each with these pins on this Python, newest first (`tensorflow-matrix`). */
  tensorflowMatrix?: string[]
}

/** The base a run's findings were compared with, or why none was. */
export interface BaselineInfo {
  /** The revision as asked for or found (`origin/main`, a commit). */
  ref: string
  /** The commit it resolved to ('' when it could not be read). */
  commit: string
  /** `compared`: the base was checked (statically) and its findings marked here; `skipped`: `detail` says why not. */
  status: 'compared' | 'skipped'
  detail: string
  /** Findings of this run that the base already had. */
  preExisting: number
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
  /** As in a single report: the TensorFlow minors worth a job each. */
  tensorflowMatrix?: string[]
}
