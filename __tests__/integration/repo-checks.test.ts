// Issue #15's acceptance, end to end through dist/index.js: the repository's model files (made at test time by
// real TensorFlow 2.15 / Keras 2 and TensorFlow 2.21 / Keras 3), its code's Keras names, its own smoke command, and
// companion layers, each judged in a real venv by the real libraries.
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type FindingOut } from './helpers/finding-out.js'
import { ROOT, runAction } from './helpers/runner.js'
import { trustedRun } from './helpers/trust.js'
import { runIn, venvWith } from './helpers/venv.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(30 * 60_000)

/** Code written for Keras 2: the legacy optimizers and ImageDataGenerator, through tf.keras, keras and an alias. */
const KERAS2_CODE = [
  'import tensorflow as tf',
  'from tensorflow.keras.optimizers.legacy import Adam',
  'from keras.preprocessing.image import ImageDataGenerator',
  'from tensorflow import keras as K',
  '',
  'opt = tf.keras.optimizers.legacy.SGD(0.1)',
  'layer = K.layers.Dense(3)',
  ''
].join('\n')

/** A smoke test that applies a TensorFlow op to a Keras input: fine in Keras 2, refused by Keras 3. */
const KERAS_TENSOR_SMOKE = 'import tensorflow as tf\nimport keras\n\nprint(tf.square(keras.Input(shape=(4,))))\n'

let made = ''

beforeAll(async () => {
  // The artifacts, made now by each TensorFlow (scripts/fixtures/make-models.py made the committed copies too).
  made = scratchDir('made-models')
  const script = path.join(ROOT, 'scripts/fixtures/make-models.py')
  const [keras2, keras3] = await Promise.all([
    venvWith(['tensorflow-cpu==2.15.1', 'keras==2.15.0']),
    venvWith(['tensorflow-cpu==2.21.0', 'keras==3.15.1'])
  ])
  await runIn(keras2, [script, made])
  await runIn(keras3, [script, made])
})

function repository(requirements: string, files: Record<string, string>, models: string[]): string {
  const repo = scratchDir('repo-checks')
  writeFileSync(path.join(repo, 'requirements.txt'), requirements)
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true })
    writeFileSync(path.join(repo, rel), text)
  }
  mkdirSync(path.join(repo, 'models'), { recursive: true })
  for (const m of models) cpSync(path.join(made, m), path.join(repo, 'models', m), { recursive: true })
  return repo
}

const findingsOf = (outputs: Record<string, string>) => JSON.parse(outputs.findings ?? '[]') as FindingOut[]
const where = (f: FindingOut) => f.locations.map(l => (l.line ? `${l.file}:${l.line}` : l.file))

describe('the repository checks under TensorFlow 2.21 (Keras 3)', () => {
  it('Keras 2 models, Keras 2 code and a KerasTensor smoke test: each its finding, where it is; nothing else', async () => {
    const repo = repository(
      'tensorflow-cpu==2.21.0\nkeras\n',
      { 'src/train.py': KERAS2_CODE, 'smoke.py': KERAS_TENSOR_SMOKE },
      ['k2-functional.keras', 'k2-savedmodel', 'k3-functional.keras', 'data.h5']
    )
    const run = await trustedRun({ workspace: repo, inputs: { 'smoke-command': 'python smoke.py' } })
    const findings = findingsOf(run.outputs)
    expect(run.outputs.status).toBe('fail')
    expect(findings.map(f => [f.id, where(f)])).toEqual([
      ['keras-tensor-in-tf-function', ['requirements.txt:1']],
      ['smoke-command-failed', []],
      ['model-keras-version', ['models/k2-functional.keras']],
      ['model-savedmodel-keras3', ['models/k2-savedmodel']],
      ['code-import-missing', ['src/train.py:2']],
      ['code-import-missing', ['src/train.py:3']],
      ['code-import-missing', ['src/train.py:6']]
    ])
    // The fix that keeps Keras 2 is a requirement line, resolved for real.
    const savedModel = findings.find(f => f.id === 'model-savedmodel-keras3')
    expect(savedModel?.edits?.map(e => e.after)).toEqual(['tf-keras~=2.21.0'])
    expect(savedModel?.verification?.status).toBe('verified')
    expect(savedModel?.fix).toContain('(checked: it reads this folder)')
    // Annotations on the model file and on the code lines, where a pull request shows them.
    expect(run.log).toMatch(/::error title=model-savedmodel-keras3.*file=models\/k2-savedmodel::/)
    expect(run.log).toMatch(/::error title=code-import-missing.*file=src\/train\.py,line=2::/)
    expect(run.summary).toContain('your smoke command')
  })

  it('Keras 3 code and models with a smoke command that passes: the verdict is the probe’s own, pass', async () => {
    const repo = repository(
      'tensorflow-cpu==2.21.0\nkeras\n',
      {
        'src/train.py': 'import keras\nfrom keras import ops\n\nopt = keras.optimizers.Adam(0.1)\nx = ops.square\n',
        'smoke.py': 'import keras\nm = keras.models.load_model("models/k3-functional.keras")\nprint(m.count_params())\n'
      },
      ['k3-functional.keras', 'k3-functional.h5', 'data.h5', 'data-dense-attributes.h5']
    )
    const run = await runAction({ workspace: repo, inputs: { 'smoke-command': 'python smoke.py' } })
    expect(findingsOf(run.outputs)).toEqual([])
    expect(run.outputs.status).toBe('pass')
  })
})

describe('the repository checks under TensorFlow 2.15 (Keras 2)', () => {
  it('the same Keras 2 code and smoke test pass; a Keras 3 model file is model-keras-version', async () => {
    const repo = repository(
      'tensorflow-cpu==2.15.1\nkeras==2.15.0\n',
      { 'src/train.py': KERAS2_CODE, 'smoke.py': KERAS_TENSOR_SMOKE },
      ['k2-functional.keras', 'k2-savedmodel', 'k3-functional.keras', 'data.h5']
    )
    const run = await runAction({ workspace: repo, inputs: { 'smoke-command': 'python smoke.py' } })
    const findings = findingsOf(run.outputs)
    expect(findings.map(f => [f.id, where(f)])).toEqual([['model-keras-version', ['models/k3-functional.keras']]])
    expect(findings[0].title).toBe('models/k3-functional.keras: written by Keras 3, unreadable by Keras 2')
  })
})

describe('companion layers under TensorFlow 2.21', () => {
  const requirements = 'tensorflow==2.21.0\ntensorflow-hub\ntensorflow-probability[tf]\nsetuptools<82\n'

  it('a hub and a TFP layer in a Keras 3 model: keras-mixing by evidence, with the tf-keras fix resolved', async () => {
    const repo = repository(requirements, {}, [])
    const run = await runAction({ workspace: repo, inputs: { models: 'none' } })
    const mixing = findingsOf(run.outputs).filter(f => f.id === 'keras-mixing')
    expect(mixing.map(f => [f.severity, where(f)])).toEqual([
      ['error', ['requirements.txt:2']],
      ['error', ['requirements.txt:3']]
    ])
    expect(mixing[0].fix).toMatch(/set TF_USE_LEGACY_KERAS=1/)
  })

  it('with legacy-keras, the same layers go into tf.keras (tf_keras) models: no error', async () => {
    const repo = repository(requirements, {}, [])
    const run = await runAction({ workspace: repo, inputs: { models: 'none', 'legacy-keras': 'true' } })
    const findings = findingsOf(run.outputs)
    expect(findings.filter(f => f.severity === 'error')).toEqual([])
    // Beside the probe's own note that tf.keras (tf_keras) and keras (Keras 3) are two Keras here.
    expect(findings.filter(f => f.id === 'keras-mixing').map(f => f.title)).toEqual([
      'A tensorflow-hub layer goes into tf.keras models only',
      'A tensorflow-probability layer goes into tf.keras models only',
      'tf.keras (tf_keras) and keras (keras3) objects cannot share a model'
    ])
  })
})

describe('fault injection: the repository checks', () => {
  it('a broken model, a Git LFS pointer, unparseable code and a smoke command that hangs: each bounded and said', async () => {
    const repo = repository(
      'tensorflow-cpu==2.21.0\nkeras\n',
      {
        'models/broken.keras': 'PK\u0003\u0004 this is not a model archive',
        'models/big.keras': 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 123456789\n',
        'src/py2.py': 'import keras\nprint "Keras 1 days"\n',
        'smoke.py': 'import time\ntime.sleep(600)\n'
      },
      ['data-dense-attributes.h5']
    )
    const run = await runAction({
      workspace: repo,
      inputs: { 'smoke-command': 'python smoke.py', 'timeout-minutes': '0.5' }
    })
    const findings = findingsOf(run.outputs)
    expect(findings.map(f => [f.id, where(f)])).toEqual([
      ['smoke-command-failed', []],
      ['model-load-failed', ['models/broken.keras']]
    ])
    expect(findings[0].title).toContain('did not finish within 30 s')
    expect(run.log).toContain('Models: models/big.keras: a Git LFS pointer, not the file')
    expect(run.log).toMatch(/Code scan: 2 \.py files, 0 parsed for Keras names; skipped: 1 not parseable/)
  })
})
