// Probe output captured from real runs (steps and log), fed through the diagnosis. The same three runs are live
// tests in __tests__/integration (diagnosis.test.ts and action.test.ts).
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { probeResult } from '../../__fixtures__/report.js'
import { diagnose } from '../../src/diagnose/index.js'
import { type StepRecord } from '../../src/probe/contract.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function captured(name: string) {
  const data = JSON.parse(readFileSync(new URL(`../../__fixtures__/probe/${name}.json`, import.meta.url), 'utf8')) as {
    steps: StepRecord[]
    probeLog: string
  }
  return probeResult(data.steps, { log: data.probeLog })
}

function findingsFor(fixture: string, requirements: string, env: Record<string, string> = {}) {
  const dir = scratchDir('fix')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
  return diagnose({
    requirements: set,
    pathBase: dir,
    pipCheck: [],
    probeEnv: env,
    timeoutMinutes: 10,
    probe: captured(fixture)
  })
}

describe('captured probe output', () => {
  it('TF 2.14.0 under numpy 2: numpy-abi, and no generic import-failed beside it', () => {
    const findings = findingsFor('numpy-abi-tf2140', 'tensorflow-cpu==2.14.0\n')
    expect(findings.map(f => f.id)).toEqual(['numpy-abi'])
    expect(findings[0].edits).toEqual([{ file: 'requirements.txt', before: '', after: 'numpy<2' }])
  })

  it('tensorflow-probability without tf-keras: companion-incompatible at the tfp line', () => {
    const findings = findingsFor('tfp-without-tf-keras', 'tensorflow-cpu==2.21.0\ntensorflow-probability\n')
    expect(findings.map(f => [f.id, f.locations.map(l => l.line)])).toEqual([['companion-incompatible', [2]]])
  })

  it('TF_USE_LEGACY_KERAS without tf-keras: legacy-keras-missing, and the import statement gave Keras 3', () => {
    const findings = findingsFor('legacy-without-tf-keras', 'tensorflow-cpu==2.21.0\nkeras\n', {
      TF_USE_LEGACY_KERAS: '1'
    })
    expect(findings.map(f => f.id)).toEqual(['legacy-keras-missing'])
    expect(findings[0].explanation).toMatch(/silently gave keras3/)
  })
})
