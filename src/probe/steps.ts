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
  mixing: 'mixing'
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

/**
 * Every step a complete probe records, skipped ones included: a run can only pass with positive evidence for each
 * of them, never from the absence of a failure.
 */
export function expectedSteps(smokeImports: string[]): string[] {
  return [...Object.values(STEP), ...smokeImports.map(importStep)]
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
}

/** The protocol probe.py speaks (its `hello` record): a record of another protocol is not trusted. */
export const PROBE_PROTOCOL = 1
