// How the summary names the repository checks' steps and what each found (records captured from real runs).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { type StepRecord } from '../../src/probe/contract.js'
import { stepDetail, stepLabel } from '../../src/report/render/labels.js'

const steps = (name: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../__fixtures__/probe/${name}.json`, import.meta.url), 'utf8')) as {
      steps: StepRecord[]
    }
  ).steps

describe('summary rows of the repository checks', () => {
  const rows = Object.fromEntries(
    [...steps('repo-checks-tf221'), ...steps('companions-tf221').filter(s => s.step.startsWith('companion:'))].map(
      s => [s.step, [stepLabel(s.step), stepDetail(s)]]
    )
  )

  it('names each step for people', () => {
    expect(rows['model:models/k3-functional.keras'][0]).toBe('load models/k3-functional.keras')
    expect(rows['smoke-command'][0]).toBe('your smoke command')
    expect(rows['code'][0]).toBe("the code's Keras names")
    expect(rows['companion:tensorflow_hub'][0]).toBe('a tensorflow-hub layer in a model')
  })

  it('says what each found: who read a model, a data file left alone, the names checked, the error', () => {
    expect(rows['model:models/k3-functional.keras'][1]).toMatch(/^keras written by Keras 3\.\d+\.\d+; read by keras$/)
    // An HDF5 file whose attributes only h5py could read (dense storage) reaches the probe, which leaves data alone.
    const data = { step: 'model:data.h5', status: 'ok' as const, seconds: 0, data: { format: 'h5', model: false } }
    expect(stepDetail(data)).toBe('HDF5 data, not a model: not loaded')
    expect(rows['code'][1]).toBe('7 names from 2 of 2 files, 3 missing')
    expect(rows['smoke-command'][1]).toBe('SmokeCommandFailed: `python smoke.py` exited with code 1')
    expect(rows['model:models/k2-savedmodel'][1]).toMatch(/^ValueError: File format not supported/)
  })
})
