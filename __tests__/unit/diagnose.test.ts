import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { probeResult, step } from '../../__fixtures__/report.js'
import { diagnose, DiagnoseInput } from '../../src/diagnose/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-diag-'))
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
