import { type StepRecord } from '../../probe/contract.js'
import { type FixedStep, importedModule, modelOf, scanSkipsText, SMOKE_COMMAND_STEP, STEP } from '../../probe/steps.js'

/** How each probe step is named for people (every fixed step has a label: the type says so). */
export const STEP_LABELS: Record<FixedStep, string> = {
  [STEP.python]: 'Python',
  [STEP.packages]: 'installed packages',
  [STEP.tensorflowImport]: 'import tensorflow',
  [STEP.tfKerasAttribute]: 'tf.keras (attribute access)',
  [STEP.tfKerasImport]: 'from tensorflow.keras import layers',
  [STEP.kerasImport]: 'import keras',
  [STEP.tfKerasBuild]: 'tf.keras: build + compile',
  [STEP.tfKerasFit]: 'tf.keras: fit one batch',
  [STEP.tfKerasSave]: 'tf.keras: save .keras + load',
  [STEP.kerasBuild]: 'keras: build + compile',
  [STEP.kerasFit]: 'keras: fit one batch',
  [STEP.kerasSave]: 'keras: save .keras + load',
  [STEP.mixing]: 'tf.keras and keras layers mix',
  [STEP.code]: "the code's Keras names",
  [STEP.hubLayer]: 'a tensorflow-hub layer in a model',
  [STEP.tfpLayer]: 'a tensorflow-probability layer in a model'
}

const isFixed = (step: string): step is FixedStep => step in STEP_LABELS

export function stepLabel(step: string): string {
  if (isFixed(step)) return STEP_LABELS[step]
  const module = importedModule(step)
  if (module) return `import ${module}`
  const model = modelOf(step)
  if (model) return `load ${model}`
  return step === SMOKE_COMMAND_STEP ? 'your smoke command' : step
}

export const STATUS_MARK: Record<StepRecord['status'], string> = {
  ok: '✓',
  error: '✗',
  skipped: '–',
  incompatible: '⚠'
}

/** What the repository checks' steps found, in a phrase ('' for other steps). */
function repositoryDetail(step: StepRecord): string {
  const d = step.data
  if (step.step === STEP.code) {
    const skipped = scanSkipsText(d.skipped as Record<string, number> | undefined)
    const problems = Array.isArray(d.problems) ? d.problems.length : 0
    const left = skipped ? `; skipped: ${skipped}` : ''
    return `${Number(d.checked ?? 0)} names from ${Number(d.parsed ?? 0)} of ${Number(d.files ?? 0)} files, ${problems} missing${left}`
  }
  if (modelOf(step.step)) {
    if (d.model === false) return 'HDF5 data, not a model: not loaded'
    const readBy = Array.isArray(d.read_by) ? (d.read_by as string[]) : []
    return `${String(d.format ?? '')} written by Keras ${String(d.written_by ?? '?')}; read by ${readBy.join(', ') || 'none'}`
  }
  if (Array.isArray(d.accepted_by)) return `taken by ${(d.accepted_by as string[]).join(', ') || 'no Keras'}`
  if (step.step === SMOKE_COMMAND_STEP) return `exit ${String(d.exitCode)}, ${String(d.runner ?? '')}`
  return ''
}

/** One short phrase about what a step found: the Keras it saw, a version, or the error. */
export function stepDetail(step: StepRecord): string {
  if (step.status === 'error' && step.error)
    return `${step.error.type}: ${step.error.message.split('\n')[0]}`.slice(0, 300)
  if (step.status === 'skipped') return step.reason ?? ''
  const repository = repositoryDetail(step)
  if (repository) return repository
  const d = step.data
  if (typeof d.same_as === 'string')
    return `same classes as ${d.same_as.split('.').slice(0, -1).join('.')}: result shared`
  if (step.step === STEP.mixing) return d.shared_classes ? 'same classes' : 'separate Keras implementations'
  if (typeof d.kind === 'string') return `${d.kind} ${d.version ?? ''} (${d.module})`.trim()
  if (step.step === STEP.kerasImport) return `${d.version} (backend ${d.backend ?? '?'})`
  if (typeof d.version === 'string') return d.version
  if (typeof d.loss === 'number') return `loss ${d.loss.toFixed(4)}`
  return ''
}

export const SEVERITY_MARK = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const
export const STATUS_HEADLINE = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' } as const

export const ENVIRONMENT_PACKAGES = ['numpy', 'protobuf', 'ml-dtypes', 'h5py', 'setuptools', 'tf-keras']
