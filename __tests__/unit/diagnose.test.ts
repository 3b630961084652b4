import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { probeResult, step } from '../../__fixtures__/report.js'
import { diagnose, type DiagnoseInput } from '../../src/diagnose/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const dir = scratchDir('diag')
writeFileSync(path.join(dir, 'requirements.txt'), '# ml\ntensorflow-cpu==2.21.0\nkeras>=3\n')
const requirements = readRequirementFiles([path.join(dir, 'requirements.txt')])

const packages = (extra: Record<string, string | null> = {}) =>
  step('packages', 'ok', { key: { 'tensorflow-cpu': '2.21.0', keras: '3.15.1', 'tf-keras': null, ...extra } })
const tfOk = step('tensorflow.import', 'ok', { version: '2.21.0' })
const keras3 = { kind: 'keras3', module: 'keras.src.layers.core.dense', version: '3.15.1' }
const importError = {
  type: 'ImportError',
  module: 'builtins',
  message: 'Keras cannot be imported. Check that it is installed.',
  traceback: 'Traceback ...\nImportError: Keras cannot be imported. Check that it is installed.'
}

function run(overrides: Partial<DiagnoseInput>) {
  return diagnose({ requirements, pathBase: dir, pipCheck: [], probeEnv: {}, timeoutMinutes: 10, ...overrides })
}

describe('legacy-keras-missing', () => {
  const steps = [
    packages(),
    tfOk,
    step('tf.keras.attribute', 'error', {}, { error: importError }),
    step('tf.keras.import', 'ok', keras3),
    step('tf.keras.build', 'skipped', {}, { reason: 'tf.keras.attribute did not pass' })
  ]

  it('fires when TF_USE_LEGACY_KERAS is on and tf-keras is absent, at the TensorFlow line, with the matching pin', () => {
    const findings = run({ probe: probeResult(steps), probeEnv: { TF_USE_LEGACY_KERAS: '1' } })
    expect(findings.map(f => f.id)).toEqual(['legacy-keras-missing'])
    expect(findings[0].locations).toEqual([{ file: 'requirements.txt', line: 2 }])
    expect(findings[0].fix).toContain('`tf-keras~=2.21.0`')
    expect(findings[0].explanation).toContain('silently gave keras3')
  })

  it('does not fire for spellings TensorFlow ignores, nor when tf-keras is installed', () => {
    expect(run({ probe: probeResult(steps), probeEnv: { TF_USE_LEGACY_KERAS: 'yes' } }).map(f => f.id)).toEqual([
      'import-failed'
    ])
    const withTfKeras = [packages({ 'tf-keras': '2.21.0' }), ...steps.slice(1)]
    expect(run({ probe: probeResult(withTfKeras), probeEnv: { TF_USE_LEGACY_KERAS: '1' } }).map(f => f.id)).toEqual([
      'import-failed'
    ])
  })
})

describe('probe failures', () => {
  it('pins a crash by signal to the step that was running; SIGILL means no AVX', () => {
    const probe = probeResult([packages()], {
      completed: false,
      signal: 'SIGILL',
      exitCode: null,
      unfinishedStep: 'tensorflow.import'
    })
    const [f] = run({ probe })
    expect(f).toMatchObject({ id: 'crash', severity: 'error' })
    expect(f.title).toBe('Python was killed by SIGILL while running "tensorflow.import"')
    expect(f.explanation).toMatch(/AVX/)
  })

  it('reports a hang at the time limit as timeout', () => {
    const probe = probeResult([packages()], {
      completed: false,
      timedOut: true,
      signal: 'SIGKILL',
      unfinishedStep: 'import:slow'
    })
    expect(run({ probe, timeoutMinutes: 2 })[0]).toMatchObject({
      id: 'timeout',
      title: expect.stringContaining('2 minutes')
    })
  })

  it('reports a probe that stopped without its closing record', () => {
    const probe = probeResult([], { completed: false, exitCode: 3 })
    expect(run({ probe })[0]).toMatchObject({ id: 'probe-incomplete', severity: 'error' })
  })

  it('turns each failed step into a finding located at the package it is about', () => {
    const err = {
      type: 'AttributeError',
      module: 'builtins',
      message: "module 'numpy' has no attribute 'x'",
      traceback: '...'
    }
    const probe = probeResult([
      packages(),
      tfOk,
      step('keras.import', 'ok', { version: '3.15.1' }),
      step('keras.fit', 'error', {}, { error: err }),
      step('import:mypkg', 'error', {}, { error: err })
    ])
    const findings = run({ probe })
    expect(findings.map(f => [f.id, f.locations])).toEqual([
      ['smoke-failed', [{ file: 'requirements.txt', line: 3 }]],
      ['import-failed', []]
    ])
  })

  it('explains separate Keras implementations as information, not an error', () => {
    const probe = probeResult([
      packages(),
      tfOk,
      step('tf.keras.attribute', 'ok', { kind: 'tf_keras' }),
      step('keras.import', 'ok', { dense: keras3 }),
      step('mixing', 'incompatible', { shared_classes: false })
    ])
    expect(run({ probe }).map(f => [f.id, f.severity])).toEqual([['keras-mixing', 'info']])
  })

  it('says when TensorFlow was not installed at all', () => {
    const probe = probeResult([
      packages({ 'tensorflow-cpu': null, keras: null }),
      step('tensorflow.import', 'skipped', {}, { reason: 'tensorflow is not installed' })
    ])
    expect(run({ probe })[0]).toMatchObject({ id: 'tensorflow-not-installed', severity: 'error' })
  })
})

describe('install and set-level findings', () => {
  it('locates a conflict at every line that asked for the packages involved', () => {
    const install = {
      ok: false,
      seconds: 1,
      command: [],
      log: '',
      error: {
        kind: 'conflict' as const,
        packages: ['keras', 'tensorflow-cpu'],
        excerpt: 'The conflict is caused by: ...',
        availableVersions: []
      }
    }
    const [f] = run({ install })
    expect(f.id).toBe('resolution-conflict')
    expect(f.locations).toEqual([
      { file: 'requirements.txt', line: 2 },
      { file: 'requirements.txt', line: 3 }
    ])
  })

  it('turns pip check lines into one warning', () => {
    const [f] = run({ pipCheck: ['tensorflow-cpu 2.15.1 has requirement keras<2.16, but you have keras 3.15.1.'] })
    expect(f).toMatchObject({
      id: 'pip-check',
      severity: 'warning',
      locations: [{ file: 'requirements.txt', line: 2 }]
    })
  })
})

describe('runtime failure classes', () => {
  const err = (type: string, message: string, traceback = '') => ({ type, module: 'builtins', message, traceback })
  const tfFailed = (e: ReturnType<typeof err>) => [packages(), step('tensorflow.import', 'error', {}, { error: e })]

  it.each([
    [err('AttributeError', '_ARRAY_API not found'), 'numpy-abi', 'numpy<2'],
    // Too new for old generated code on TensorFlow 2.21 has no pin to offer (see signatures.test.ts); too old has.
    [
      err('ImportError', "cannot import name 'builder' from 'google.protobuf.internal'"),
      'protobuf-runtime',
      'protobuf'
    ],
    [
      err(
        'ImportError',
        "cannot import name 'runtime_version' from 'google.protobuf' (/x/google/protobuf/__init__.py)"
      ),
      'protobuf-runtime',
      'protobuf'
    ],
    [err('AttributeError', "module 'ml_dtypes' has no attribute 'float8_e4m3b11'"), 'ml-dtypes-range', 'ml-dtypes'],
    [err('ModuleNotFoundError', "No module named 'pkg_resources'"), 'setuptools-pkg-resources', 'setuptools<82']
  ])('classifies %o as %s with a line that fixes it', (error, id, fix) => {
    const [f] = run({ probe: probeResult(tfFailed(error)) })
    expect(f).toMatchObject({ id, severity: 'error' })
    expect(f.edits?.[0].after).toContain(fix)
  })

  it('classifies a Keras 2 layer in a Keras 3 model as keras-mixing, an error in user code', () => {
    const message =
      'Only instances of `keras.Layer` can be added to a Sequential model. Received: <tensorflow_hub.keras_layer.KerasLayer object>'
    const probe = probeResult([
      packages(),
      tfOk,
      step('import:mymodel', 'error', {}, { error: err('ValueError', message) })
    ])
    expect(run({ probe }).map(f => [f.id, f.severity])).toEqual([['keras-mixing', 'error']])
  })

  it('reads numpy’s stderr message from the log when the exception alone does not say', () => {
    const probe = probeResult(tfFailed(err('ImportError', 'numpy.core._multiarray_umath failed to import')), {
      log: 'A module that was compiled using NumPy 1.x cannot be run in\nNumPy 2.4.6 as it may crash.'
    })
    expect(run({ probe })[0].id).toBe('numpy-abi')
  })

  it('classifies companion failures: tfp without tf-keras gets the matching tf-keras line', () => {
    const probe = probeResult([
      packages(),
      tfOk,
      step(
        'import:tensorflow_probability',
        'error',
        {},
        {
          error: err(
            'ImportError',
            'Failed to import TF-Keras. Please note that TF-Keras is not compatible with TF 2.16.'
          )
        }
      )
    ])
    const [f] = run({ probe })
    expect(f).toMatchObject({ id: 'companion-incompatible' })
    expect(f.edits).toEqual([{ file: 'requirements.txt', before: '', after: 'tf-keras~=2.21.0' }])
  })

  it('finds the real cause behind "Keras cannot be imported" in the separate import keras step', () => {
    const probe = probeResult([
      packages(),
      tfOk,
      step('tf.keras.attribute', 'error', {}, { error: importError }),
      step('keras.import', 'error', {}, { error: err('ValueError', 'Unable to import backend : jaxx') })
    ])
    expect(run({ probe }).map(f => f.id)).toEqual(['keras-backend-missing'])
  })

  it('reports installed versions that cannot work together, even when the smoke steps pass', () => {
    const probe = probeResult([
      packages({ 'tensorflow-cpu': '2.15.1', keras: '3.15.1' }),
      step('tensorflow.import', 'ok', { version: '2.15.1' })
    ])
    const [f] = run({ probe })
    expect(f).toMatchObject({ id: 'keras-tf-mismatch', severity: 'error' })
    expect(f.edits).toEqual([{ file: 'requirements.txt', line: 3, before: 'keras>=3', after: 'keras>=2.15.0,<2.16' }])
    const tfk = run({
      probe: probeResult([packages({ 'tf-keras': '2.19.0' }), step('tensorflow.import', 'ok', { version: '2.18.1' })])
    })
    expect(tfk.map(x => x.id)).toEqual(['tf-keras-mismatch'])
    expect(run({ probe: probeResult([packages({ 'tf-keras': '2.21.0' }), tfOk]) })).toEqual([])
  })
})

describe('install failures', () => {
  const failed = (kind: 'not-found' | 'other', packages: string[], excerpt: string) => ({
    ok: false,
    seconds: 1,
    command: [],
    log: excerpt,
    error: { kind, packages, excerpt, availableVersions: [] }
  })
  it('tells a release that exists for other Pythons from one never released', () => {
    const dir312 = scratchDir('diag')
    writeFileSync(path.join(dir312, 'requirements.txt'), 'tensorflow-cpu==2.15.1\n')
    const reqs = readRequirementFiles([path.join(dir312, 'requirements.txt')])
    const uvSays =
      'error: No solution found\n  cause: Because there is no version of tensorflow-cpu==2.15.1 and you require tensorflow-cpu==2.15.1 ...'
    const [f] = diagnose({
      requirements: reqs,
      pathBase: dir312,
      pipCheck: [],
      probeEnv: {},
      timeoutMinutes: 10,
      python: '3.12.4',
      install: failed('not-found', ['tensorflow-cpu'], uvSays)
    })
    expect(f).toMatchObject({ id: 'python-unsupported', locations: [{ file: 'requirements.txt', line: 1 }] })
    expect(f.explanation).toContain('Python 3.9, 3.10, 3.11')
    const [g] = diagnose({
      requirements: reqs,
      pathBase: dir312,
      pipCheck: [],
      probeEnv: {},
      timeoutMinutes: 10,
      python: '3.11.7',
      install: failed('not-found', ['tensorflow-cpu'], uvSays)
    })
    expect(g.id).toBe('version-not-found')
  })
  it('recognises the tensorflow-gpu banner', () => {
    const [f] = run({ install: failed('other', [], 'The "tensorflow-gpu" package has been deprecated!\n...') })
    expect(f.id).toBe('tensorflow-gpu-deprecated')
  })
})

describe('tensorflow-duplicate', () => {
  it('fires when tensorflow and tensorflow-cpu are both installed, leading the findings', () => {
    const probe = probeResult([
      packages({ tensorflow: '2.17.1', 'tensorflow-cpu': '2.17.1', 'tf-keras': '2.17.0' }),
      step(
        'tensorflow.import',
        'error',
        {},
        {
          error: {
            type: 'ImportError',
            module: 'builtins',
            message: 'libtensorflow_cc.so.2: undefined symbol: _ZN10tensorflow10DeviceNam',
            traceback: ''
          }
        }
      )
    ])
    const findings = run({ probe })
    expect(findings[0]).toMatchObject({ id: 'tensorflow-duplicate', severity: 'error' })
    expect(findings[0].title).toBe('Two TensorFlow packages are installed: tensorflow 2.17.1 and tensorflow-cpu 2.17.1')
  })
  it('stays silent for the pairs TensorFlow itself pulls (tensorflow + tensorflow-intel on Windows)', () => {
    const probe = probeResult([
      packages({ 'tensorflow-cpu': null, tensorflow: '2.17.1', 'tensorflow-intel': '2.17.1' }),
      step('tensorflow.import', 'ok', { version: '2.17.1' })
    ])
    expect(run({ probe }).map(f => f.id)).not.toContain('tensorflow-duplicate')
  })
})
