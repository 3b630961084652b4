import { type Edit, type Finding } from '../core/finding.js'
import { type StepRecord } from '../probe/contract.js'
import { type KerasAttempt, type ModelPayload } from '../probe/steps.js'
import { type ProbeContext } from './probe-context.js'
import { legacyKerasFix, type SignatureFix } from './signature-types.js'

/** The Keras major a loader is (keras3 → 3; keras2 and tf_keras → 2). */
const majorOfKind = (kind: string) => (kind === 'keras3' ? 3 : kind === 'keras2' || kind === 'tf_keras' ? 2 : 0)
const majorOfVersion = (v: string | null | undefined) => (v ? Number(/^(\d+)/.exec(v)?.[1] ?? 0) : 0)

function firstLine(a: KerasAttempt): string {
  return a.error ? `${a.error.type}: ${a.error.message.split('\n')[0]}`.slice(0, 300) : 'failed'
}

function evidence(record: StepRecord, data: Partial<ModelPayload>): string {
  const attempts = (data.loaders ?? []).map(
    a => `${a.api} (${a.kind} ${a.version ?? ''}): ${a.ok ? 'read it' : firstLine(a)}`
  )
  const trace = (data.loaders ?? []).find(a => !a.ok)?.error?.traceback ?? record.error?.traceback ?? ''
  return [...attempts, ...(data.tfsm_layer ? [`keras.layers.TFSMLayer: ${data.tfsm_layer}`] : []), '', trace]
    .join('\n')
    .trim()
}

interface ModelCase {
  file: string
  record: StepRecord
  data: Partial<ModelPayload>
  failed: KerasAttempt[]
}

function withFix(ctx: ProbeContext, base: Omit<Finding, 'fix' | 'edits'>, fix: SignatureFix): Finding {
  const edit: Edit | undefined = fix.requirement
    ? ctx.locator.edit(fix.requirement.name, fix.requirement.specifier, ctx.files)
    : undefined
  return { ...base, fix: fix.text, edits: edit ? [edit] : undefined }
}

function fixContext(ctx: ProbeContext) {
  return { versions: ctx.view.keyVersions(), tensorflow: ctx.view.tensorflowVersion(), log: '' }
}

function savedModelFinding(ctx: ProbeContext, c: ModelCase, keras3: KerasAttempt): Finding {
  const checked = c.data.tfsm_layer === 'ok' ? ' (checked: it reads this folder)' : ''
  const tfsm = `keras.layers.TFSMLayer("${c.file}", call_endpoint="serving_default")`
  return withFix(
    ctx,
    {
      id: 'model-savedmodel-keras3',
      severity: 'error',
      title: `${c.file}: Keras 3 cannot load this SavedModel`,
      explanation:
        `${c.file} is a SavedModel written by Keras ${c.data.written_by ?? '2'}. Keras ${keras3.version ?? '3'} (${keras3.api}) ` +
        "refuses it: Keras 3's load_model() reads only `.keras` and `.h5` files.",
      locations: [{ file: c.file }],
      evidence: evidence(c.record, c.data),
      stage: 'probe'
    },
    legacyKerasFix(
      fixContext(ctx),
      `for inference under Keras 3 wrap it in a layer: \`${tfsm}\`${checked}; or load it once with Keras 2 and save it as \`.h5\`, which Keras 3 still reads.`,
      'this model'
    )
  )
}

function versionFinding(ctx: ProbeContext, c: ModelCase, writer: number): Finding {
  const readers = c.failed.map(a => `${a.api} (Keras ${a.version ?? majorOfKind(a.kind)})`).join(' and ')
  const base = {
    id: 'model-keras-version' as const,
    severity: 'error' as const,
    title: `${c.file}: written by Keras ${writer}, unreadable by Keras ${majorOfKind(c.failed[0].kind)}`,
    explanation:
      `${c.file} was saved by Keras ${c.data.written_by ?? writer}; ${readers} cannot deserialize it ` +
      `(${firstLine(c.failed[0])}). Model configurations changed between Keras 2 and Keras 3.`,
    locations: [{ file: c.file }],
    evidence: evidence(c.record, c.data),
    stage: 'probe' as const
  }
  if (writer === 2)
    return withFix(
      ctx,
      base,
      legacyKerasFix(
        fixContext(ctx),
        'load it once with Keras 2 and save it as `.h5` (Keras 3 reads legacy H5), or save its weights and rebuild the model in Keras 3 code.',
        'this model'
      )
    )
  return withFix(ctx, base, {
    text:
      'Load it with Keras 3 (TensorFlow 2.16 or later), or in Keras 3 save its weights (`model.save_weights("m.weights.h5")`), ' +
      'rebuild the architecture in Keras 2 code and load them.'
  })
}

function loadFailedFinding(c: ModelCase): Finding {
  const why = c.failed.length > 0 ? firstLine(c.failed[0]) : (c.record.error?.message ?? 'no Keras read it')
  return {
    id: 'model-load-failed',
    severity: 'error',
    title: `${c.file} could not be loaded: ${why.split('\n')[0].slice(0, 160)}`,
    explanation: `No Keras in this environment read ${c.file} (each was tried with compile=False).`,
    fix:
      "Read the loaders' errors below: a custom layer or object that is not registered (pass custom_objects, or import " +
      'the module that registers it), a Lambda layer (Keras 3 loads those only with safe_mode=False, for files you ' +
      'trust), a file that is incomplete, or a Keras release the file does not suit.',
    locations: [{ file: c.file }],
    evidence: evidence(c.record, c.data),
    stage: 'probe'
  }
}

/** One finding per model file that no Keras in play could read; a file some Keras read is not a failure. */
export function modelFindings(ctx: ProbeContext): Finding[] {
  return ctx.view.models().flatMap(({ record, file, data }) => {
    if (record.status !== 'error') return []
    const c: ModelCase = { file, record, data, failed: (data.loaders ?? []).filter(a => !a.ok) }
    const keras3 = c.failed.find(a => a.kind === 'keras3')
    if (data.format === 'savedmodel' && keras3) return [savedModelFinding(ctx, c, keras3)]
    const writer = majorOfVersion(data.written_by)
    if (writer && c.failed.length > 0 && c.failed.every(a => majorOfKind(a.kind) !== writer))
      return [versionFinding(ctx, c, writer)]
    return [loadFailedFinding(c)]
  })
}
