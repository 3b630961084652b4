import { type Finding } from '../../core/finding.js'
import { minorOf } from '../../core/packages.js'
import { type TensorflowRelease } from '../../knowledge/types.js'
import { overlaps } from '../../versions/range.js'
import { chosenVersion, minorInfo, type PreflightContext, requested, requiresOf, tfKerasComes } from '../context.js'
import { addLine, changeLine, versionList, where } from '../fix.js'
import { installable } from '../suggest.js'
import { allowedVersions, assumptions, pickNote, tensorflowRelease } from '../tensorflow.js'

const newest = (releases: TensorflowRelease[]) => releases[releases.length - 1]

/** Keras pinned to a major that no allowed TensorFlow accepts (keras 3 with TF ≤2.15, keras 2 with TF ≥2.16). */
export function kerasTfMismatch(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  const keras = requested(ctx, 'keras')
  if (!tf || !keras || keras.specifier === '' || keras.url || tf.candidates.length === 0) return []
  const fits = (r: TensorflowRelease) => overlaps(keras.specifier, requiresOf(ctx, r).keras ?? '')
  if (tf.candidates.some(r => fits(r) !== false)) return tf.pinned ? [] : heldBack(ctx)
  const target = newest(tf.candidates)
  // The newest release of this TensorFlow package that installs here and accepts the keras pin.
  let moveTo: TensorflowRelease | undefined
  for (const v of installable(ctx, tf.flavour).reverse()) {
    const release = tensorflowRelease(ctx, tf.flavour, v)
    if (fits(release) === true) {
      moveTo = release
      break
    }
  }
  const alternative = moveTo
    ? ` Or keep the keras pin and move TensorFlow to a release that accepts it, e.g. \`${tf.flavour}==${moveTo.version}\`.`
    : ''
  return [
    {
      id: 'keras-tf-mismatch',
      severity: 'error',
      title: `\`${keras.raw}\` cannot be installed beside \`${tf.requirement.raw}\``,
      explanation:
        `${tf.flavour} ${versionList(tf.candidates.map(r => r.version))} requires keras${requiresOf(ctx, target).keras}, ` +
        `and no version satisfies that and \`${keras.raw}\` at once. ` +
        (minorInfo(ctx, target.minor)?.tfKeras === 'keras3'
          ? 'TensorFlow 2.16 and later work only with Keras 3; Keras 2 lives on as the tf-keras package.'
          : 'TensorFlow 2.15 and earlier work only with Keras 2; Keras 3 needs TensorFlow 2.16 or later.'),
      fix: `Change the keras line to \`${keras.name}${requiresOf(ctx, target).keras}\`.${alternative}`,
      locations: where(ctx, tf.requirement, keras),
      evidence: '',
      edits: [changeLine(ctx, keras, requiresOf(ctx, target).keras ?? '')],
      stage: 'preflight',
      provenBy: 'install'
    }
  ]
}

/** With TensorFlow unpinned, a Keras 2 pin silently holds TensorFlow back to 2.15: worth saying, not an error. */
function heldBack(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow!
  const keras = requested(ctx, 'keras')!
  const best = tf.chosen
  const latest = tf.newest
  if (!best || !latest || best.minor === latest.minor) return []
  if (overlaps(keras.specifier, requiresOf(ctx, latest).keras ?? '') !== false) return []
  return [
    {
      id: 'keras-tf-mismatch',
      severity: 'warning',
      title: `\`${keras.raw}\` holds ${tf.flavour} back to ${best.version}`,
      explanation:
        `${tf.flavour} is not pinned, and the newest release for this Python (${latest.version}) requires keras${requiresOf(ctx, latest).keras}. ` +
        `The resolver will quietly choose ${tf.flavour} ${best.version}, the newest release that accepts \`${keras.raw}\`.` +
        assumptions(ctx),
      fix: `Pin \`${tf.flavour}==${best.version}\` to say so, or move to Keras 3 (\`keras${requiresOf(ctx, latest).keras}\`) to get TensorFlow ${latest.minor}.`,
      locations: where(ctx, keras),
      evidence: '',
      stage: 'preflight'
    }
  ]
}

/** tf-keras must share TensorFlow's minor release (tf-keras 2.16+ requires exactly that TensorFlow minor). */
export function tfKerasMismatch(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  const tfKeras = requested(ctx, 'tf-keras')
  if (!tf || !tfKeras || tfKeras.url || tf.candidates.length === 0) return []
  if (tfKeras.specifier === '') return unpinnedTfKeras(ctx)
  const pinned = allowedVersions(ctx, 'tf-keras') ?? []
  const matches = (r: TensorflowRelease) => pinned.some(v => minorOf(v) === r.minor)
  if (tf.candidates.some(matches)) return []
  const target = newest(tf.candidates)
  const pair = minorInfo(ctx, target.minor)?.tfKerasPair
  if (!pair) return []
  return [mismatch(ctx, target, pair, '')]
}

/** tf-keras left unpinned: pip takes the newest that resolves, which may be 2.15 (no TensorFlow requirement). */
function unpinnedTfKeras(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow!
  const version = chosenVersion(ctx, 'tf-keras')
  if (!tf.chosen || !version || minorOf(version) === tf.chosen.minor) return []
  const pair = minorInfo(ctx, tf.chosen.minor)?.tfKerasPair ?? null
  const why =
    `The resolver picks tf-keras ${version} beside ${tf.flavour} ${tf.chosen.version}: no tf-keras of minor ` +
    `${tf.chosen.minor} ${pair ? 'is newer than that and fits' : 'exists'}, and tf-keras ${version} declares no TensorFlow requirement.` +
    `${pickNote(ctx)} `
  return [mismatch(ctx, tf.chosen, pair, why)]
}

function mismatch(ctx: PreflightContext, target: TensorflowRelease, pair: string | null, why: string): Finding {
  const tf = ctx.tensorflow!
  const tfKeras = requested(ctx, 'tf-keras')!
  return {
    id: 'tf-keras-mismatch',
    severity: 'error',
    title: `\`${tfKeras.raw}\` does not match ${tf.flavour} ${target.minor}`,
    explanation:
      why +
      `tf-keras must come from the same minor release as TensorFlow (${target.minor} here). From 2.16 on each tf-keras ` +
      'release requires its own TensorFlow minor, so the resolver refuses the pair; a tf-keras of another minor ' +
      "fails at import, e.g. with `module 'tensorflow._api.v2.compat.v2.__internal__' has no attribute 'register_load_context_function'`.",
    fix: pair
      ? `Change the tf-keras line to \`${tfKeras.name}${pair}\`.`
      : `TensorFlow ${target.minor} has no tf-keras release (its own tf.keras is Keras 2): drop tf-keras, or move TensorFlow to 2.15 or later.`,
    locations: where(ctx, tf.requirement, tfKeras),
    evidence: '',
    edits: pair ? [changeLine(ctx, tfKeras, pair)] : undefined,
    stage: 'preflight',
    provenBy: 'probe'
  }
}

/** TF_USE_LEGACY_KERAS set, every allowed TensorFlow honours it, and nothing installs tf-keras. */
export function legacyKerasMissing(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  if (!ctx.legacy || !tf || tf.candidates.length === 0 || tfKerasComes(ctx)) return []
  if (!tf.candidates.every(r => minorInfo(ctx, r.minor)?.legacySwitch)) return []
  const pair = minorInfo(ctx, newest(tf.candidates).minor)?.tfKerasPair ?? ''
  return [
    {
      id: 'legacy-keras-missing',
      severity: 'error',
      title: 'TF_USE_LEGACY_KERAS is set but nothing installs tf-keras',
      explanation:
        'TF_USE_LEGACY_KERAS asks TensorFlow to serve Keras 2 from the tf-keras package as tf.keras, but no requirement ' +
        'installs tf-keras: tf.keras will raise ImportError, while `from tensorflow.keras import ...` silently gives Keras 3.',
      fix: `Add \`tf-keras${pair}\` to your requirements, or drop TF_USE_LEGACY_KERAS to use Keras 3.`,
      locations: where(ctx, tf.requirement),
      evidence: '',
      edits: [addLine(ctx, tf.requirement, `tf-keras${pair}`)],
      stage: 'preflight',
      provenBy: 'probe'
    }
  ]
}

/** tf-keras installed under a TensorFlow that serves Keras 3, without TF_USE_LEGACY_KERAS: tf.keras is not it. */
export function tfKerasUnused(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  const tfKeras = requested(ctx, 'tf-keras')
  if (ctx.legacy || !tf || !tfKeras || tf.candidates.length === 0) return []
  if (!tf.candidates.every(r => minorInfo(ctx, r.minor)?.tfKeras === 'keras3')) return []
  return [
    {
      id: 'keras-tf-mismatch',
      severity: 'info',
      title: 'tf-keras is installed, but tf.keras will be Keras 3',
      explanation:
        'Without TF_USE_LEGACY_KERAS=1, TensorFlow 2.16 and later serve Keras 3 as tf.keras; tf-keras is only used by code ' +
        'that imports `tf_keras` directly (or by tensorflow-probability and tensorflow-hub).',
      fix: 'If your code expects Keras 2 through tf.keras, set `TF_USE_LEGACY_KERAS=1` (in the env input and in your runtime).',
      locations: where(ctx, tfKeras),
      evidence: '',
      stage: 'preflight'
    }
  ]
}
