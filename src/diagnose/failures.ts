import { type Finding } from '../core/finding.js'
import { legacyKerasOn, minorOf, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type StepRecord } from '../probe/contract.js'
import { importedModule, STEP } from '../probe/steps.js'
import { errorText, evidenceOf, type ProbeContext } from './probe-context.js'
import { failureText, type Signature } from './signatures.js'

/** TF_USE_LEGACY_KERAS on, TensorFlow imported, and no tf-keras: tf.keras raises, the import statement gives Keras 3. */
export function legacyKerasMissing(ctx: ProbeContext): Finding | undefined {
  const { view } = ctx
  const tfVersion = view.data(STEP.tensorflowImport).version
  if (!legacyKerasOn(ctx.probeEnv.TF_USE_LEGACY_KERAS) || view.keyVersions()['tf-keras'] || !tfVersion) return undefined
  const attribute = view.step(STEP.tfKerasAttribute)
  const byImport = view.data(STEP.tfKerasImport)
  const silently = byImport.kind
    ? ` Meanwhile \`from tensorflow.keras import ...\` silently gave ${byImport.kind} (${byImport.module}), so code written for Keras 2 runs on the wrong Keras.`
    : ''
  return {
    id: 'legacy-keras-missing',
    severity: 'error',
    title: 'TF_USE_LEGACY_KERAS is set but tf-keras is not installed',
    explanation:
      `TF_USE_LEGACY_KERAS asks TensorFlow ${tfVersion} to serve Keras 2 from the tf-keras package as tf.keras, ` +
      `but tf-keras is not installed: tf.keras raises ${attribute?.error?.type ?? 'ImportError'}.${silently}`,
    fix: `Add \`tf-keras~=${minorOf(tfVersion)}.0\` to your requirements (tf-keras must match TensorFlow's minor release), or drop TF_USE_LEGACY_KERAS to use Keras 3.`,
    locations: ctx.locator.forPackages(TENSORFLOW_PACKAGES).slice(0, 1),
    evidence: attribute ? evidenceOf(attribute) : ''
  }
}

/** Which requirement lines a failing step is about. */
function locationsFor(step: string, ctx: ProbeContext) {
  const tf = ctx.locator.forPackages(TENSORFLOW_PACKAGES)
  if (step.startsWith('keras.')) {
    const keras = ctx.locator.forPackages(['keras'])
    return keras.length > 0 ? keras : tf
  }
  if (importedModule(step)) return []
  return tf
}

const STEP_TITLES: Record<string, string> = {
  [STEP.tensorflowImport]: '`import tensorflow` failed',
  [STEP.tfKerasAttribute]: '`tf.keras` is unavailable',
  [STEP.tfKerasImport]: '`from tensorflow.keras import layers` failed',
  [STEP.kerasImport]: '`import keras` failed',
  [STEP.mixing]: 'Checking whether tf.keras and keras mix failed'
}

const IMPORT_STEPS: string[] = [STEP.tensorflowImport, STEP.tfKerasAttribute, STEP.tfKerasImport, STEP.kerasImport]

/** A failed step no signature explains: what failed, where, with its traceback. */
export function stepFinding(step: StepRecord, ctx: ProbeContext): Finding {
  const module = importedModule(step.step)
  const isImport = IMPORT_STEPS.includes(step.step) || module !== undefined
  const title = STEP_TITLES[step.step] ?? (module ? `\`import ${module}\` failed` : `${step.step} failed`)
  return {
    id: isImport ? 'import-failed' : 'smoke-failed',
    severity: 'error',
    title: `${title}: ${errorText(step).split('\n')[0].slice(0, 200)}`,
    explanation: isImport
      ? 'The module could not be imported in the installed environment. The traceback below shows where it stopped.'
      : 'A minimal model (two Dense layers) could not be built, trained for one step, or saved and loaded back.',
    fix: 'Read the traceback below; a version mismatch between TensorFlow, Keras, numpy or protobuf is the usual cause.',
    locations: locationsFor(step.step, ctx),
    evidence: evidenceOf(step)
  }
}

/** tf.keras and keras are different implementations: their objects cannot share a model (information). */
export function mixingFinding(ctx: ProbeContext): Finding | undefined {
  const mixing = ctx.view.step(STEP.mixing)
  if (mixing?.status !== 'incompatible') return undefined
  const tfKind = ctx.view.data(STEP.tfKerasAttribute).kind
  const kerasKind = ctx.view.data(STEP.kerasImport).dense?.kind
  return {
    id: 'keras-mixing',
    severity: 'info',
    title: `tf.keras (${tfKind}) and keras (${kerasKind}) objects cannot share a model`,
    explanation:
      'tf.keras and the standalone keras package are different Keras implementations here, so a layer made with one ' +
      'cannot be added to a model made with the other. Code that imports from both will fail when it mixes them.',
    fix: 'Import Keras through one name only throughout the code base (tf.keras under TF_USE_LEGACY_KERAS, keras otherwise).',
    locations: [],
    evidence: JSON.stringify(mixing.data, null, 2)
  }
}

/** The requirements installed no TensorFlow: an error, or a warning when standalone Keras was there to test. */
export function missingTensorflow(ctx: ProbeContext): Finding | undefined {
  const tf = ctx.view.step(STEP.tensorflowImport)
  if (tf?.status !== 'skipped' || tf.reason !== 'tensorflow is not installed') return undefined
  const kerasPresent = Boolean(ctx.view.keyVersions()['keras'])
  return {
    id: 'tensorflow-not-installed',
    severity: kerasPresent ? 'warning' : 'error',
    title: kerasPresent
      ? 'TensorFlow is not installed; only standalone Keras was tested'
      : 'Neither TensorFlow nor Keras is installed',
    explanation: 'The requirements did not install TensorFlow, so the tf.keras steps could not run.',
    fix: 'Add TensorFlow to your requirements (for example tensorflow-cpu on CI), or check the file you pointed keras-compat at.',
    locations: ctx.locator.fileOnly(ctx.files),
    evidence: ''
  }
}

/** A recognised failure class: what it means, where, and the line that fixes it. */
export function signatureFinding(sig: Signature, steps: StepRecord[], ctx: ProbeContext): Finding {
  const fix = sig.fix({
    versions: ctx.view.keyVersions(),
    tensorflow: ctx.view.tensorflowVersion(),
    log: ctx.probe.log,
    text: steps.map(failureText).join('\n')
  })
  const edit = fix.requirement
    ? ctx.locator.edit(fix.requirement.name, fix.requirement.specifier, ctx.files)
    : undefined
  // The package that failed to import (`import:tensorflow_probability` → tensorflow-probability) is part of the story.
  const imported = steps.flatMap(s => {
    const module = importedModule(s.step)
    return module ? [module.split('.')[0].replace(/_/g, '-')] : []
  })
  const named = ctx.locator.forPackages([...(fix.requirement ? [fix.requirement.name] : []), ...imported])
  return {
    id: sig.id,
    severity: 'error',
    title: `${sig.title} (${steps.map(s => s.step).join(', ')})`,
    explanation: sig.explanation,
    fix: fix.text,
    locations: named.length > 0 ? named : ctx.locator.forPackages(TENSORFLOW_PACKAGES).slice(0, 1),
    evidence: steps.map(evidenceOf).join('\n\n'),
    edits: edit ? [edit] : undefined,
    stage: 'probe'
  }
}

/** "Keras cannot be imported" from TensorFlow hides the cause; the separate `import keras` step shows it. */
export function explainedByKerasImport(step: StepRecord, ctx: ProbeContext): boolean {
  return (
    step.step.startsWith('tf.keras.') &&
    /Keras cannot be imported/.test(step.error?.message ?? '') &&
    ctx.view.step(STEP.kerasImport)?.status === 'error'
  )
}
