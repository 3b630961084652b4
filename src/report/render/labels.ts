import { StepRecord } from '../../probe/contract.js'

/** How each probe step is named for people. */
export const STEP_LABELS: Record<string, string> = {
  python: 'Python',
  packages: 'installed packages',
  'tensorflow.import': 'import tensorflow',
  'tf.keras.attribute': 'tf.keras (attribute access)',
  'tf.keras.import': 'from tensorflow.keras import layers',
  'keras.import': 'import keras',
  'tf.keras.build': 'tf.keras: build + compile',
  'tf.keras.fit': 'tf.keras: fit one batch',
  'tf.keras.save': 'tf.keras: save .keras + load',
  'keras.build': 'keras: build + compile',
  'keras.fit': 'keras: fit one batch',
  'keras.save': 'keras: save .keras + load',
  mixing: 'tf.keras and keras layers mix'
}

export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? (step.startsWith('import:') ? `import ${step.slice(7)}` : step)
}

export const STATUS_MARK: Record<StepRecord['status'], string> = {
  ok: '✓',
  error: '✗',
  skipped: '–',
  incompatible: '⚠'
}

/** One short phrase about what a step found: the Keras it saw, a version, or the error. */
export function stepDetail(step: StepRecord): string {
  if (step.status === 'error' && step.error)
    return `${step.error.type}: ${step.error.message.split('\n')[0]}`.slice(0, 300)
  if (step.status === 'skipped') return step.reason ?? ''
  const d = step.data
  if (typeof d.same_as === 'string')
    return `same classes as ${d.same_as.split('.').slice(0, -1).join('.')}: result shared`
  if (step.step === 'mixing') return d.shared_classes ? 'same classes' : 'separate Keras implementations'
  if (typeof d.kind === 'string') return `${d.kind} ${d.version ?? ''} (${d.module})`.trim()
  if (step.step === 'keras.import') return `${d.version} (backend ${d.backend ?? '?'})`
  if (typeof d.version === 'string') return d.version
  if (typeof d.loss === 'number') return `loss ${d.loss.toFixed(4)}`
  return ''
}

export const SEVERITY_MARK = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const
export const STATUS_HEADLINE = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail' } as const

export const ENVIRONMENT_PACKAGES = ['numpy', 'protobuf', 'ml-dtypes', 'h5py', 'setuptools', 'tf-keras']
