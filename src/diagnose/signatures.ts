import { KNOWLEDGE } from '../knowledge/index.js'
import { companionFor, companionPairs } from '../knowledge/queries.js'
import { type StepRecord } from '../probe/contract.js'
import { minorOf } from '../core/packages.js'
import { type Signature, type SignatureContext } from './signature-types.js'
import { KERAS3_SIGNATURES } from './signatures-keras3.js'
import { PLATFORM_SIGNATURES } from './signatures-platform.js'

export type { Signature, SignatureContext } from './signature-types.js'

const tfRelease = (version: string) => KNOWLEDGE.tensorflow.releases.find(r => r.version === version)
const tfRequires = (ctx: SignatureContext, key: string) => tfRelease(ctx.tensorflow)?.requires[key]

/** Pins the companion release the knowledge table pairs with the installed TensorFlow, or lists the pairings. */
function companionFix(ctx: SignatureContext, pkg: string, otherwise: string) {
  const rule = ctx.tensorflow ? companionFor(KNOWLEDGE, pkg, ctx.tensorflow) : undefined
  return rule
    ? {
        text: `Pin the ${pkg} release made for TensorFlow ${ctx.tensorflow}: \`${pkg}${rule.versions}\`, ${otherwise}.`,
        requirement: { name: pkg, specifier: rule.versions }
      }
    : { text: `Pin the ${pkg} release made for your TensorFlow (${companionPairs(KNOWLEDGE, pkg)}), ${otherwise}.` }
}

const NUMPY_ABI: Signature = {
  id: 'numpy-abi',
  pattern:
    /compiled using NumPy 1\.x cannot be run in\s+NumPy 2|_ARRAY_API not found|numpy\.core\.multiarray failed to import/,
  title: 'TensorFlow was built for numpy 1, but numpy 2 is installed',
  explanation:
    'Extensions compiled against numpy 1 cannot run under numpy 2 ("A module that was compiled using NumPy 1.x cannot be run in NumPy 2.x"); ' +
    'this TensorFlow release does not cap numpy, so the resolver picked numpy 2.',
  fix: () => ({ text: 'Pin `numpy<2`.', requirement: { name: 'numpy', specifier: '<2' } })
}

/** The version and companion mismatches that the installed set itself shows. */
const MISMATCH_SIGNATURES: Signature[] = [
  {
    id: 'ml-dtypes-range',
    pattern: /module 'ml_dtypes' has no attribute/,
    title: 'ml-dtypes does not match this TensorFlow',
    explanation: 'TensorFlow looked for a dtype that this ml-dtypes release does not have (or no longer has).',
    fix: ctx => {
      const range = tfRequires(ctx, 'ml-dtypes')
      return range
        ? { text: `Pin \`ml-dtypes${range}\`.`, requirement: { name: 'ml-dtypes', specifier: range } }
        : { text: "Pin ml-dtypes to TensorFlow's range." }
    }
  },
  {
    id: 'companion-incompatible',
    pattern: /This version of TensorFlow Probability requires TensorFlow version >= ?[\d.]+/,
    title: 'tensorflow-probability refuses this TensorFlow',
    explanation: 'Each tensorflow-probability release checks the TensorFlow version at import and refuses older ones.',
    fix: ctx => companionFix(ctx, 'tensorflow-probability', 'or upgrade TensorFlow')
  },
  {
    id: 'companion-incompatible',
    pattern: /Failed to import TF-Keras|Please install the tf-keras package|No module named 'tf_keras'/,
    title: 'A companion package needs tf-keras, which is not installed',
    explanation:
      'tensorflow-probability 0.24+ and tensorflow-hub use Keras 2 from the tf-keras package (they do not support Keras 3), and nothing installed it.',
    fix: ctx => {
      const pair = `~=${minorOf(ctx.tensorflow)}.0`
      return {
        text: `Add \`tf-keras${pair}\` (or install \`tensorflow-probability[tf]\`).`,
        requirement: { name: 'tf-keras', specifier: pair }
      }
    }
  },
  {
    id: 'companion-incompatible',
    pattern: /libtensorflow_io[^\n]*(undefined symbol|unable to open file)/,
    title: 'tensorflow-io was built for another TensorFlow',
    explanation:
      'Each tensorflow-io release matches one TensorFlow minor; its ops fail to load against any other (none exist for 2.17+).',
    fix: ctx => companionFix(ctx, 'tensorflow-io', 'or drop it')
  },
  {
    id: 'setuptools-pkg-resources',
    pattern: /No module named 'pkg_resources'/,
    title: 'A package imports pkg_resources, which setuptools 82 removed',
    explanation:
      'tensorflow-hub 0.16 and tensorboard up to 2.20 still import pkg_resources; setuptools 82 and later no longer ship it.',
    fix: () => ({ text: 'Pin `setuptools<82`.', requirement: { name: 'setuptools', specifier: '<82' } })
  },
  {
    id: 'tf-keras-mismatch',
    pattern: /has no attribute 'register_load_context_function'/,
    title: 'tf-keras is newer than TensorFlow',
    explanation:
      'tf-keras must come from the same minor release as TensorFlow; a newer tf-keras calls TensorFlow functions that do not exist yet.',
    fix: ctx => {
      const pair = `~=${minorOf(ctx.tensorflow)}.0`
      return { text: `Pin \`tf-keras${pair}\`.`, requirement: { name: 'tf-keras', specifier: pair } }
    }
  },
  {
    id: 'keras-mixing',
    pattern:
      /Only instances of `keras\.Layer` can be added to a Sequential model|The added layer must be an instance of class Layer/,
    title: 'A Keras 2 object was put into a Keras 3 model (or the other way round)',
    explanation:
      'tf_keras and tensorflow-hub layers are Keras 2 objects; Keras 3 models refuse them ("Only instances of `keras.Layer` can be added to a Sequential model"), and Keras 2 models refuse Keras 3 layers.',
    fix: () => ({
      text: 'Build the model with the same Keras as its layers: tf_keras throughout (with TF_USE_LEGACY_KERAS=1), or Keras 3 throughout.'
    })
  },
  {
    id: 'keras-backend-missing',
    pattern: /Unable to import backend|No module named '(jax|torch|openvino)'/,
    title: 'Keras cannot load its backend',
    explanation:
      'Keras 3 reads KERAS_BACKEND (or ~/.keras/keras.json) at `import keras`; the backend it names is not installed or not known.',
    fix: () => ({
      text: 'Set `KERAS_BACKEND=tensorflow` (env input), or install the backend package Keras was told to use.'
    })
  }
]

/**
 * Runtime failure classes, most specific first. Error texts are quoted exactly as the packages print them (each
 * is tested against the real library's text wherever that library runs here).
 */
export const SIGNATURES: Signature[] = [NUMPY_ABI, ...PLATFORM_SIGNATURES, ...KERAS3_SIGNATURES, ...MISMATCH_SIGNATURES]

/** The failure's text as signatures read it: exception type, message and traceback. */
export function failureText(step: StepRecord): string {
  return step.error ? `${step.error.type}: ${step.error.message}\n${step.error.traceback}` : ''
}

/** The first signature a failed step (or, for numpy's stderr message, the probe log) matches. */
export function matchSignature(step: StepRecord, log: string): Signature | undefined {
  const text = failureText(step)
  return (
    SIGNATURES.find(s => s.pattern.test(text)) ??
    SIGNATURES.find(s => s.id === 'numpy-abi' && step.status === 'error' && s.pattern.test(log))
  )
}
