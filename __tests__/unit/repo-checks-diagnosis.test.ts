// What the repository checks' records become: captured from real runs (__fixtures__/probe/*-tf221.json,
// *-tf215.json: steps and log), fed through the diagnosis. The same runs are live tests in
// __tests__/integration/repo-checks.test.ts.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { probeResult } from '../../__fixtures__/report.js'
import { diagnose } from '../../src/diagnose/index.js'
import { type StepRecord } from '../../src/probe/contract.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function captured(name: string, drop: (s: StepRecord) => boolean = () => false) {
  const data = JSON.parse(readFileSync(new URL(`../../__fixtures__/probe/${name}.json`, import.meta.url), 'utf8')) as {
    steps: StepRecord[]
    probeLog: string
  }
  return probeResult(
    data.steps.filter(s => !drop(s)),
    { log: data.probeLog }
  )
}

function findingsFor(fixture: string, requirements: string, drop?: (s: StepRecord) => boolean) {
  const dir = scratchDir('repo-fix')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  return diagnose({
    requirements: readRequirementFiles([path.join(dir, 'requirements.txt')]),
    pathBase: dir,
    pipCheck: [],
    probeEnv: {},
    timeoutMinutes: 10,
    probe: captured(fixture, drop)
  })
}

const summary = (findings: ReturnType<typeof diagnose>) =>
  findings.map(f => [f.id, f.locations.map(l => (l.line ? `${l.file}:${l.line}` : l.file))])

describe('repository checks under TensorFlow 2.21 (Keras 3)', () => {
  const findings = findingsFor('repo-checks-tf221', 'tensorflow-cpu==2.21.0\nkeras\n')
  const byId = (id: string) => findings.filter(f => f.id === id)

  it('one finding per failure, on the file or line it is about; the data file and the Keras 3 model say nothing', () => {
    expect(summary(findings)).toEqual([
      ['keras-tensor-in-tf-function', ['requirements.txt:1']],
      ['smoke-command-failed', []],
      ['model-keras-version', ['models/k2-functional.keras']],
      ['model-savedmodel-keras3', ['models/k2-savedmodel']],
      ['code-import-missing', ['src/train.py:2']],
      ['code-import-missing', ['src/train.py:3']],
      ['code-import-missing', ['src/train.py:6']]
    ])
    expect(findings.every(f => f.severity === 'error')).toBe(true)
  })

  it('a SavedModel: TFSMLayer was checked and is the Keras 3 route; Keras 2 is a tf-keras line away', () => {
    const [f] = byId('model-savedmodel-keras3')
    expect(f.fix).toContain('keras.layers.TFSMLayer("models/k2-savedmodel", call_endpoint="serving_default")')
    expect(f.fix).toContain('(checked: it reads this folder)')
    expect(f.edits).toEqual([{ file: 'requirements.txt', before: '', after: 'tf-keras~=2.21.0' }])
    expect(f.explanation).toMatch(/written by Keras 2\.15\.0\. Keras 3\.\d+\.\d+ \(keras\) refuses it/)
  })

  it('a Keras 2 .keras file: the writer is named from the file, and the reader that refused it', () => {
    const [f] = byId('model-keras-version')
    expect(f.explanation).toMatch(/saved by Keras 2\.15\.0; keras \(Keras 3\.\d+\.\d+\) cannot deserialize it/)
    expect(f.evidence).toContain('keras.src.engine.functional cannot be imported')
  })

  it('code names: a stub, a missing name with its Keras 3 replacement, each on its line', () => {
    const [stub, missing] = byId('code-import-missing')
    expect(stub.title).toBe('`tensorflow.keras.optimizers.legacy.Adam` is a stub that raises')
    expect(stub.explanation).toContain('`keras.optimizers.legacy` is not supported in Keras 3')
    expect(stub.fix).toMatch(/tf-keras~=2\.21\.0.*TF_USE_LEGACY_KERAS=1.*keras\.optimizers\.Adam/)
    expect(missing.explanation).toContain('keras is 3.')
    expect(missing.fix).toContain('keras.utils.image_dataset_from_directory')
  })

  it('the smoke command: its failure names the KerasTensor finding, which carries the fix', () => {
    const smoke = byId('smoke-command-failed')[0]
    expect(smoke.explanation).toContain('`keras-tensor-in-tf-function` finding')
    expect(smoke.evidence).toContain('A KerasTensor cannot be used as input to a TensorFlow function')
    expect(byId('keras-tensor-in-tf-function')[0].fix).toContain('keras.ops')
  })

  it('without those records, nothing is reported: the findings come from the evidence, not from the versions', () => {
    const clean = findingsFor(
      'repo-checks-tf221',
      'tensorflow-cpu==2.21.0\nkeras\n',
      s => s.step === 'smoke-command' || s.step.startsWith('model:') || s.step === 'code'
    )
    expect(clean).toEqual([])
  })
})

describe('repository checks under TensorFlow 2.15 (Keras 2)', () => {
  it('the same code and smoke command pass; the Keras 3 file is model-keras-version, the Keras 2 file loads', () => {
    const findings = findingsFor('repo-checks-tf215', 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n')
    expect(summary(findings)).toEqual([['model-keras-version', ['models/k3-functional.keras']]])
    expect(findings[0].fix).toMatch(/Load it with Keras 3 \(TensorFlow 2\.16 or later\)/)
    expect(findings[0].edits).toBeUndefined()
  })
})

describe('companion layers under TensorFlow 2.21', () => {
  it('a hub and a TFP layer refused by Keras 3: keras-mixing on each companion line, tf-keras already there', () => {
    const requirements = 'tensorflow==2.21.0\ntf-keras~=2.21.0\ntensorflow-hub\ntensorflow-probability\nsetuptools<82\n'
    const mixing = findingsFor('companions-tf221', requirements).filter(f => f.id === 'keras-mixing')
    expect(summary(mixing)).toEqual([
      ['keras-mixing', ['requirements.txt:3']],
      ['keras-mixing', ['requirements.txt:4']]
    ])
    expect(mixing[0].fix).toMatch(/tf-keras is installed, so set TF_USE_LEGACY_KERAS=1/)
    expect(mixing[0].evidence).toContain('Only instances of `keras.Layer` can be added to a Sequential model')
  })
})
