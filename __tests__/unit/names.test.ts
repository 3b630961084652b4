// kc_names.py, the probe's name resolver, run by the real Python against a package tree made for the test: each
// way a name can be missing, a stub, broken or fine, and TensorFlow's lazy tf.keras that an import statement can
// replace. (The same resolver runs against real Keras 2 and Keras 3 in __tests__/integration/repo-checks.test.ts.)
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../helpers/scratch.js'

const PROBE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/probe')
const PYTHON = process.platform === 'win32' ? 'python' : 'python3'

const TREE: Record<string, string> = {
  'keras/__init__.py': 'from keras import layers, optimizers\n__version__ = "3.0.0"\n',
  'keras/layers.py': 'class Dense:\n    pass\n',
  'keras/optimizers/__init__.py': 'from keras.optimizers import legacy\n\nclass Adam:\n    pass\n',
  'keras/optimizers/legacy.py': [
    'class _Gone:',
    '    """Kept so that old code fails with a clear message."""',
    '    def __init__(self, *args, **kwargs):',
    '        raise ImportError("`keras.optimizers.legacy` is not supported in Keras 3.")',
    'Adam = _Gone',
    'def old_function():',
    '    raise RuntimeError("removed in Keras 3")',
    'class Abstract:',
    '    def __init__(self):',
    '        raise NotImplementedError',
    ''
  ].join('\n'),
  'keras/later/__init__.py': 'X = 1\n',
  'keras/broken.py': 'raise ImportError("this module needs scipy")\n',
  'tensorflow/__init__.py': [
    'class _Lazy:',
    '    def __getattr__(self, name):',
    '        raise ImportError("Keras cannot be imported. Check that it is installed.")',
    'keras = _Lazy()',
    ''
  ].join('\n'),
  'tensorflow/keras/__init__.py': 'from keras.layers import Dense\n',
  'tensorflow_hub/__init__.py': 'import pkg_resources_is_not_here\n'
}

let root = ''
beforeAll(() => {
  root = scratchDir('names')
  for (const [rel, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    writeFileSync(path.join(root, rel), text)
  }
})

type Resolved = { status: string; detail?: string; at?: string }

/** Resolves [name, form] pairs in one interpreter, in order. */
function resolve(names: [string, string][]): Resolved[] {
  const code = [
    'import json, sys',
    'import kc_names',
    'print(json.dumps([kc_names.resolve(n, f) for n, f in json.loads(sys.argv[1])]))'
  ].join('\n')
  const run = spawnSync(PYTHON, ['-c', code, JSON.stringify(names)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONPATH: [root, PROBE_DIR].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' }
  })
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Resolved[]
}

describe('kc_names.resolve', () => {
  it.each([
    ['keras.layers.Dense', 'attribute', 'ok'],
    ['keras.layers.Dense', 'import', 'ok'],
    ['keras.later.X', 'attribute', 'ok'], // a submodule the package did not import itself
    ['keras.optimizers.legacy.Abstract', 'attribute', 'ok'], // NotImplementedError is an abstract method
    ['keras.layers.Nope', 'attribute', 'missing'],
    ['keras.nope.Thing', 'import', 'missing'],
    ['keras.optimizers.legacy.Adam', 'import', 'stub'],
    ['keras.optimizers.legacy.old_function', 'attribute', 'stub'],
    ['keras.broken.X', 'import', 'broken'],
    ['tf_keras.layers', 'import', 'missing'],
    ['tensorflow_hub.KerasLayer', 'attribute', 'root-failed'],
    ['os.path', 'import', 'broken']
  ])('%s (%s) is %s', (name, form, status) => {
    expect(resolve([[name, form]])[0].status).toBe(status)
  })

  it('quotes what a stub raises, and says a root package is not installed', () => {
    const [stub, root] = resolve([
      ['keras.optimizers.legacy.Adam', 'import'],
      ['tf_keras.layers.Dense', 'attribute']
    ])
    expect(stub.detail).toBe('ImportError: `keras.optimizers.legacy` is not supported in Keras 3.')
    expect(root).toMatchObject({ status: 'missing', detail: 'tf_keras is not installed', at: 'tf_keras' })
  })

  it('resolves tensorflow.keras as TensorFlow serves it, and an import statement does not change that', () => {
    // The import statement finds the tensorflow/keras package; attribute access goes through the lazy loader,
    // before and after the import (which Python would otherwise let replace the loader).
    const results = resolve([
      ['tensorflow.keras.layers.Dense', 'attribute'],
      ['tensorflow.keras.Dense', 'import'],
      ['tensorflow.keras.layers.Dense', 'attribute']
    ])
    expect(results.map(r => r.status)).toEqual(['broken', 'ok', 'broken'])
    expect(results[2].detail).toContain('Keras cannot be imported')
  })
})

describe('kc_names.check_names', () => {
  it('reports the problems with their places, skipping names used only where the code guards them', () => {
    const scan = {
      files: 2,
      parsed: 2,
      names: [
        { name: 'keras.layers.Dense', form: 'import', locations: [{ file: 'a.py', line: 1 }], guarded: 0 },
        { name: 'keras.layers.Nope', form: 'attribute', locations: [{ file: 'a.py', line: 3 }], guarded: 1 },
        { name: 'keras.engine', form: 'import', locations: [], guarded: 2 }
      ]
    }
    const code = [
      'import json, sys',
      'import kc_names',
      'print(json.dumps(kc_names.check_names(json.loads(sys.argv[1]), lambda: 60)))'
    ].join('\n')
    const run = spawnSync(PYTHON, ['-c', code, JSON.stringify(scan)], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PYTHONPATH: [root, PROBE_DIR].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' }
    })
    const [status, data] = JSON.parse(run.stdout) as [string, { checked: number; guarded: number; problems: object[] }]
    expect(status).toBe('incompatible')
    expect(data).toMatchObject({ checked: 2, guarded: 3 })
    expect(data.problems).toEqual([
      expect.objectContaining({
        name: 'keras.layers.Nope',
        status: 'missing',
        locations: [{ file: 'a.py', line: 3 }],
        tf_keras_has_it: null
      })
    ])
  })
})

describe('kc_models.bounded', () => {
  it('stops a load that hangs at its time limit (POSIX interval timers)', () => {
    const code = [
      'import time, kc_models',
      'began = time.perf_counter()',
      'try:',
      '    kc_models.bounded(0.5, lambda: time.sleep(20))',
      'except kc_models.LoadTimeout as exc:',
      '    print("stopped", round(time.perf_counter() - began), exc)'
    ].join('\n')
    const run = spawnSync(PYTHON, ['-c', code], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PYTHONPATH: PROBE_DIR, PYTHONDONTWRITEBYTECODE: '1' }
    })
    expect(run.stdout.trim()).toMatch(/^stopped [01] gave up after 0\.5 s$/)
  })
})
