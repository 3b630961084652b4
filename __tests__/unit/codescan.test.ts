// kc_codescan.py with the machine's real Python, isolated as the pipeline runs it (-I -S): which names the code
// uses, through which aliases, where, and which uses the code already guards. Nothing of the scanned code runs.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../helpers/scratch.js'

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/probe/kc_codescan.py')
const PYTHON = process.platform === 'win32' ? 'python' : 'python3'

interface Name {
  name: string
  form: string
  locations: { file: string; line: number }[]
  guarded: number
}
interface Scan {
  files: number
  parsed: number
  skipped: Record<string, number>
  skipped_dirs: string[]
  names: Name[]
}

function scan(files: Record<string, string>, options: Record<string, unknown> = {}): Scan {
  const root = scratchDir('scan')
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
  const out = path.join(scratchDir('scan-out'), 'scan.json')
  const config = JSON.stringify({ root, prefix: '', out, ...options })
  const run = spawnSync(PYTHON, ['-I', '-S', SCRIPT, config], { encoding: 'utf8', cwd: root })
  expect(run.stderr).toBe('')
  expect(run.stdout).toBe('')
  return JSON.parse(readFileSync(out, 'utf8')) as Scan
}

/** name|form → the lines it is used on (unguarded). */
const uses = (s: Scan) => Object.fromEntries(s.names.map(n => [`${n.name}|${n.form}`, n.locations.map(l => l.line)]))

describe('kc_codescan.py', () => {
  it('follows import aliases, from-imports and one level of assignment to the full dotted name', () => {
    const s = scan({
      'train.py': [
        'import tensorflow as tf', // 1
        'from tensorflow import keras as K', // 2
        'from keras.layers import Dense, Conv2D as C', // 3
        'import keras.utils.np_utils', // 4
        'KL = tf.keras.layers', // 5
        'opt = tf.keras.optimizers.legacy.Adam(0.1)', // 6
        'x = K.preprocessing.image.ImageDataGenerator()', // 7
        'y = KL.Dense(3)(tf.constant(1))', // 8
        'model = tf.keras.Model().fit', // 9
        'import tensorflow_hub as hub, tensorflow_probability as tfp', // 10
        'h = hub.KerasLayer; d = tfp.layers.DenseFlipout' // 11
      ].join('\n')
    })
    expect(uses(s)).toEqual({
      'tensorflow.keras|import': [2],
      'keras.layers.Dense|import': [3],
      'keras.layers.Conv2D|import': [3],
      'keras.utils.np_utils|import': [4],
      'tensorflow.keras.layers|attribute': [5],
      'tensorflow.keras.optimizers.legacy.Adam|attribute': [6],
      'tensorflow.keras.preprocessing.image.ImageDataGenerator|attribute': [7],
      'tensorflow.keras.layers.Dense|attribute': [8],
      'tensorflow.keras.Model|attribute': [9],
      'tensorflow_hub|import': [10],
      'tensorflow_probability|import': [10],
      'tensorflow_hub.KerasLayer|attribute': [11],
      'tensorflow_probability.layers.DenseFlipout|attribute': [11]
    })
  })

  it('leaves out plain TensorFlow, relative imports, assignments to attributes and names bound two ways', () => {
    const s = scan({
      'a.py': [
        'import tensorflow as tf',
        'from . import keras',
        'tf.constant(1); tf.nn.relu',
        'tf.keras.custom = 1',
        'import keras',
        'def f(keras):', // `keras` is also a parameter here: bound two ways, not followed
        '    return keras.layers.Foo'
      ].join('\n')
    })
    expect(uses(s)).toEqual({ 'keras|import': [5] })
  })

  it('counts uses the code guards (try/except ImportError, version checks, ignore marks) apart from the lines', () => {
    const s = scan({
      'g.py': [
        'import tensorflow as tf', // 1
        'try:', // 2
        '    from keras.engine import base_layer', // 3: guarded
        'except (ImportError, AttributeError):', // 4
        '    from keras.layers import Layer', // 5: the fallback is checked
        'if tf.__version__.startswith("2.15"):', // 6
        '    tf.keras.optimizers.legacy.SGD', // 7: guarded
        'else:', // 8
        '    tf.keras.optimizers.SGD', // 9: guarded too (same test)
        'tf.keras.backend.get_session()  # keras-compat: ignore', // 10
        'try:', // 11
        '    from keras.wrappers.scikit_learn import KerasClassifier', // 12: a handler for ValueError guards nothing
        'except ValueError:', // 13
        '    pass' // 14
      ].join('\n')
    })
    const byName = Object.fromEntries(s.names.map(n => [n.name, n]))
    expect(byName['keras.engine.base_layer']).toMatchObject({ locations: [], guarded: 1 })
    expect(byName['keras.layers.Layer'].locations).toEqual([{ file: 'g.py', line: 5 }])
    expect(byName['tensorflow.keras.optimizers.legacy.SGD']).toMatchObject({ locations: [], guarded: 1 })
    expect(byName['tensorflow.keras.optimizers.SGD']).toMatchObject({ locations: [], guarded: 1 })
    expect(byName['tensorflow.keras.backend.get_session']).toMatchObject({ locations: [], guarded: 1 })
    expect(byName['keras.wrappers.scikit_learn.KerasClassifier'].locations).toEqual([{ file: 'g.py', line: 12 }])
  })

  it('never runs the code it reads', () => {
    const marker = path.join(os.tmpdir(), `kc-scan-ran-${process.pid}`)
    const s = scan({ 'evil.py': `import keras\nopen(${JSON.stringify(marker)}, "w").write("ran")\n` })
    expect(s.parsed).toBe(1)
    expect(existsSync(marker)).toBe(false)
  })

  it('skips virtual environments, hidden folders and node_modules, and says what it skipped', () => {
    const s = scan({
      'src/m.py': 'import keras\n',
      'env/pyvenv.cfg': '',
      'env/lib/k.py': 'import keras\n',
      '.tox/x.py': 'import keras\n',
      'node_modules/p/x.py': 'import keras\n',
      'plain.py': 'print(1)\n'
    })
    expect(s.names.map(n => n.locations.map(l => l.file))).toEqual([['src/m.py']])
    expect(s.skipped_dirs.sort()).toEqual(['.tox/', 'env/', 'node_modules/'])
    expect({ files: s.files, parsed: s.parsed }).toEqual({ files: 2, parsed: 1 }) // plain.py is not parsed at all
  })

  it('keeps to its limits: files, bytes per file, syntax it cannot parse; paths carry the prefix', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 5; i++) files[`f${i}.py`] = `import keras.layers\n`
    files['big.py'] = `import keras\n${'#'.repeat(3000)}\n`
    files['a_py2.py'] = 'import keras\nprint "hello"\n'
    const s = scan(files, { max_files: 6, max_file_bytes: 2000, prefix: 'sub/dir' })
    expect(s.skipped).toMatchObject({ over_file_limit: 1, too_large: 1, syntax: 1 })
    expect(s.names[0].locations.every(l => l.file.startsWith('sub/dir/f'))).toBe(true)
  })

  it('reads many files, each name placed at the file that uses it, in the order of the files', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 240; i++)
      files[`pkg/m${String(i).padStart(3, '0')}.py`] = `import os\nimport keras.layers.L${i}\n`
    const s = scan(files)
    expect(s.parsed).toBe(240)
    expect(s.names.map(n => n.name)).toEqual(Array.from({ length: 240 }, (_, i) => `keras.layers.L${i}`))
    expect(s.names.every((n, i) => n.locations[0].file === `pkg/m${String(i).padStart(3, '0')}.py`)).toBe(true)
  })
})
