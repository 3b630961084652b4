/**
 * The probe's step vocabulary: every step probe.py records, by name. probe.py spells the same names (a unit test
 * reads its source and keeps the two in step).
 */
export const STEP = {
  python: 'python',
  packages: 'packages',
  tensorflowImport: 'tensorflow.import',
  tfKerasAttribute: 'tf.keras.attribute',
  tfKerasImport: 'tf.keras.import',
  kerasImport: 'keras.import',
  tfKerasBuild: 'tf.keras.build',
  tfKerasFit: 'tf.keras.fit',
  tfKerasSave: 'tf.keras.save',
  kerasBuild: 'keras.build',
  kerasFit: 'keras.fit',
  kerasSave: 'keras.save',
  mixing: 'mixing',
  /** The names the repository's code uses, resolved in the venv (the scan is kc_codescan.py's). */
  code: 'code',
  /** A one-layer model with a tensorflow-hub layer, through each Keras in play (skipped when hub is not installed). */
  hubLayer: 'companion:tensorflow_hub',
  /** The same with a tensorflow-probability layer. */
  tfpLayer: 'companion:tensorflow_probability'
} as const

export type FixedStep = (typeof STEP)[keyof typeof STEP]

/** A smoke import's step: `import:` and the module name. */
const IMPORT_PREFIX = 'import:'

export function importStep(module: string): string {
  return `${IMPORT_PREFIX}${module}`
}

/** The module a smoke-import step imported, or undefined when `step` is not one. */
export function importedModule(step: string): string | undefined {
  return step.startsWith(IMPORT_PREFIX) ? step.slice(IMPORT_PREFIX.length) : undefined
}

/** A model file's step: `model:` and the file's path as the report names it. */
const MODEL_PREFIX = 'model:'

export function modelStep(id: string): string {
  return `${MODEL_PREFIX}${id}`
}

/** The model file a step loaded, or undefined when `step` is not a model step. */
export function modelOf(step: string): string | undefined {
  return step.startsWith(MODEL_PREFIX) ? step.slice(MODEL_PREFIX.length) : undefined
}

/** The companion-layer steps, by the package whose layer they build. */
export const COMPANION_STEPS: { step: string; module: string; distribution: string }[] = [
  { step: STEP.hubLayer, module: 'tensorflow_hub', distribution: 'tensorflow-hub' },
  { step: STEP.tfpLayer, module: 'tensorflow_probability', distribution: 'tensorflow-probability' }
]

/**
 * The repository's own smoke command: run by the pipeline after the probe, recorded beside the probe's steps
 * (src/pipeline/smoke-command.ts), and expected like them whenever a command is configured.
 */
export const SMOKE_COMMAND_STEP = 'smoke-command'

/** What is in play for a run beyond the fixed steps. */
export interface InPlay {
  smokeImports: string[]
  /** The model files handed to the probe, by the path the report names them with. */
  models?: string[]
  smokeCommand?: boolean
}

/**
 * Every step a complete run records, skipped ones included: a run can only pass with positive evidence for each
 * of them, never from the absence of a failure.
 */
export function expectedSteps(inPlay: InPlay): string[] {
  return [
    ...Object.values(STEP),
    ...(inPlay.models ?? []).map(modelStep),
    ...inPlay.smokeImports.map(importStep),
    ...(inPlay.smokeCommand ? [SMOKE_COMMAND_STEP] : [])
  ]
}

/** What probe.py says a Keras layer class belongs to (`describe()` in probe.py). */
export interface KerasDescription {
  kind: 'keras3' | 'keras2' | 'tf_keras' | string
  module: string
  version: string | null
}

/** The data each fixed step records when it succeeds, as probe.py writes it. */
export interface StepPayloads {
  python: { version: string; implementation: string; executable: string; platform: string; machine: string }
  packages: {
    key: Record<string, string | null>
    all: Record<string, string>
    env: Record<string, string | null>
  }
  'tensorflow.import': { version: string }
  'tf.keras.attribute': KerasDescription
  'tf.keras.import': KerasDescription
  'keras.import': { version: string | null; backend: string | null; dense: KerasDescription }
  mixing: { shared_classes: boolean; [label: string]: unknown }
  code: CodePayload
}

/** One Keras a model file or a companion layer was tried with (probe.py's keras_in_play()). */
export interface KerasAttempt {
  api: 'keras' | 'tf.keras' | string
  kind: KerasDescription['kind']
  version?: string | null
  ok: boolean
  error?: { type: string; module: string; message: string; traceback: string }
}

/** A `model:` step's data (kc_models.py). `model: false` marks an HDF5 data file, never loaded. */
export interface ModelPayload {
  format: 'keras' | 'h5' | 'savedmodel'
  written_by: string | null
  model?: false
  loaders: KerasAttempt[]
  read_by?: string[]
  /** For a SavedModel refused by Keras 3: whether keras.layers.TFSMLayer reads it ("ok" or the error). */
  tfsm_layer?: string
}

/** A `companion:` step's data (kc_companions.py). */
export interface CompanionPayload {
  builds: KerasAttempt[]
  accepted_by: string[]
}

/** A name the repository's code uses that the venv does not give it (kc_names.py). */
export interface NameProblem {
  name: string
  form: 'import' | 'attribute'
  status: 'missing' | 'stub' | 'broken' | 'root-failed'
  detail: string
  /** The part of the name where resolution stopped. */
  at: string
  locations: { file: string; line: number }[]
  /** For a missing Keras name: whether tf_keras has it (null when tf_keras is not installed). */
  tf_keras_has_it?: boolean | null
}

/** Why the code scan left files out, in words (the keys of `CodePayload.skipped`). */
export const SCAN_SKIPS: Record<string, string> = {
  over_file_limit: 'over the file limit',
  too_large: 'too large',
  syntax: 'not parseable',
  unreadable: 'unreadable',
  over_time: 'over the time budget'
}

/** "3 not parseable, 1 too large", or '' when nothing was left out. */
export function scanSkipsText(skipped: Record<string, number> | undefined): string {
  return Object.entries(skipped ?? {})
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${SCAN_SKIPS[why] ?? why}`)
    .join(', ')
}

/** The `code` step's data. */
export interface CodePayload {
  files: number
  parsed: number
  skipped: Record<string, number>
  names: number
  checked: number
  not_checked_for_time: number
  guarded: number
  problems: NameProblem[]
}

/** The smoke command's record (src/pipeline/smoke-command.ts). */
export interface SmokeCommandPayload {
  command: string
  /** How it ran: split into words and run directly, or through the platform's shell (and why). */
  runner: string
  exitCode: number | null
  signal: string | null
  timedOut: boolean
  /** The end of what it printed. */
  tail: string
}

/** The protocol probe.py speaks (its `hello` record): a record of another protocol is not trusted. */
export const PROBE_PROTOCOL = 1
