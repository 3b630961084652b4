import { compare } from '@renovatebot/pep440'
import { type Finding } from '../core/finding.js'
import { minorOf, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { overlaps } from '../versions/range.js'
import { type ProbeContext } from './probe-context.js'

// Checks of what was really installed, whatever the smoke steps managed: Keras-2 libraries break later.

function kerasMismatch(ctx: ProbeContext, tf: string, keras: string, wants: string): Finding {
  const edit = ctx.locator.edit('keras', wants, ctx.files)
  const keras3OnKeras2 = compare(`${minorOf(tf)}.0`, '2.15.0') <= 0 && keras.startsWith('3.')
  return {
    id: 'keras-tf-mismatch',
    severity: 'error',
    title: `keras ${keras} is installed beside TensorFlow ${tf}, which requires keras${wants}`,
    explanation:
      (keras3OnKeras2
        ? `Under TensorFlow ${minorOf(tf)}, Keras 3 takes over tf.keras, and libraries written for Keras 2 break (e.g. "module 'keras._tf_keras.keras' has no attribute '__internal__'").`
        : `TensorFlow ${minorOf(tf)} works only with keras${wants}.`) +
      ' An install in several steps (or a loose metadata check) left this pair behind.',
    fix: `Pin \`keras${wants}\` beside this TensorFlow.`,
    locations: ctx.locator.forPackages(['keras', ...TENSORFLOW_PACKAGES]),
    evidence: `tensorflow ${tf}, keras ${keras}`,
    edits: edit ? [edit] : undefined,
    stage: 'probe'
  }
}

function tfKerasMismatch(ctx: ProbeContext, tf: string, tfKeras: string): Finding {
  // The pairing the knowledge table gives for this minor; every tf-keras of the same minor otherwise.
  const pair = KNOWLEDGE.tensorflow.minors.find(m => m.minor === minorOf(tf))?.tfKerasPair ?? `~=${minorOf(tf)}.0`
  const edit = ctx.locator.edit('tf-keras', pair, ctx.files)
  return {
    id: 'tf-keras-mismatch',
    severity: 'error',
    title: `tf-keras ${tfKeras} is installed beside TensorFlow ${tf}`,
    explanation:
      "tf-keras must come from TensorFlow's own minor release; across minors it calls TensorFlow internals that differ.",
    fix: `Pin \`tf-keras${pair}\`.`,
    locations: ctx.locator.forPackages(['tf-keras', ...TENSORFLOW_PACKAGES]),
    evidence: `tensorflow ${tf}, tf-keras ${tfKeras}`,
    edits: edit ? [edit] : undefined,
    stage: 'probe'
  }
}

/** keras outside the installed TensorFlow's range, or tf-keras from another TensorFlow minor. */
export function versionMismatches(ctx: ProbeContext): Finding[] {
  const tf = ctx.view.tensorflowVersion()
  const versions = ctx.view.keyVersions()
  const findings: Finding[] = []
  const wants = KNOWLEDGE.tensorflow.releases.find(r => r.version === tf)?.requires.keras
  const keras = versions['keras']
  if (wants && keras && overlaps(wants, `==${keras}`) === false) findings.push(kerasMismatch(ctx, tf, keras, wants))
  const tfKeras = versions['tf-keras']
  if (tf && tfKeras && minorOf(tfKeras) !== minorOf(tf)) findings.push(tfKerasMismatch(ctx, tf, tfKeras))
  return findings
}

/** Platform packages that legitimately come in pairs: `tensorflow` pulls these on Windows, macOS and Linux ARM. */
const COMPANION_FLAVOURS = ['tensorflow-intel', 'tensorflow-macos', 'tensorflow-cpu-aws']

/** Two TensorFlow distributions in one environment write the same files: what loads is a mix of two builds. */
export function duplicateTensorflow(ctx: ProbeContext): Finding[] {
  const versions = ctx.view.keyVersions()
  const installed = TENSORFLOW_PACKAGES.filter(p => versions[p] && !COMPANION_FLAVOURS.includes(p))
  if (installed.length < 2) return []
  const who = installed.map(p => `${p} ${versions[p]}`).join(' and ')
  return [
    {
      id: 'tensorflow-duplicate',
      severity: 'error',
      title: `Two TensorFlow packages are installed: ${who}`,
      explanation:
        'Both install the same `tensorflow` module, so their files overwrite each other and TensorFlow loads a mix of two builds ' +
        '(typically "undefined symbol" from libtensorflow_cc.so, or it works by luck of the install order). ' +
        'The usual cause: tf-keras 2.16+ and other packages require the `tensorflow` package itself, beside a pinned `tensorflow-cpu`.',
      fix: 'Use one TensorFlow package: pin `tensorflow` instead of `tensorflow-cpu` when you need tf-keras, or install tf-keras with `--no-deps` in your own setup.',
      locations: ctx.locator.forPackages([...installed, 'tf-keras']),
      evidence: who,
      stage: 'probe'
    }
  ]
}
