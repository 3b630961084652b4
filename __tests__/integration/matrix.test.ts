// Issue #6's acceptance: overrides and the compatibility matrix, for real, through dist/index.js.
import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { repoWith, runAction } from './helpers/runner.js'

jest.setTimeout(20 * 60_000)

const KERAS2_REPO = 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n'

describe('TensorFlow matrix', () => {
  it('tensorflow-versions 2.15, 2.16, 2.21 on Keras 2 pins: 2.15 passes, the others fail at the keras line', async () => {
    const run = await runAction({
      workspace: repoWith(KERAS2_REPO),
      inputs: { 'tensorflow-versions': '2.15, 2.16, 2.21' }
    })
    const matrix = JSON.parse(run.outputs.matrix) as {
      version: string
      status: string
      'tensorflow-version': string
      findings: { id: string; locations: { line?: number }[] }[]
    }[]
    expect(matrix.map(m => [m.version, m.status])).toEqual([
      ['2.15', 'pass'],
      ['2.16', 'fail'],
      ['2.21', 'fail']
    ])
    for (const failing of matrix.slice(1)) {
      const mismatch = failing.findings.find(f => f.id === 'keras-tf-mismatch')!
      expect(mismatch.locations.map(l => l.line)).toContain(2)
    }
    expect(matrix[0]['tensorflow-version']).toMatch(/^2\.15\./)
    expect(run.outputs.status).toBe('fail')
    expect(run.summary).toMatch(/Newest TensorFlow that works with the pins as they are: 2\.15\.\d/)
    // The headline names the plan that reaches the newest version: TensorFlow and keras moved together, proven.
    expect(run.summary).toMatch(
      /To reach the newest requested, one change: tensorflow-cpu==2\.15\.1 → tensorflow-cpu==2\.21\.\d+; keras==2\.15\.0 → keras==3\.[\d.]+ \(installs and passes the smoke test/
    )
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    expect(report.kind).toBe('matrix')
    expect(report.newestPlan.verification).toMatchObject({ status: 'verified', proof: 'smoke-test' })
    // Versions below the newest are resolved only.
    expect(report.entries[1].report.fixPlan.verification.proof).toBe('resolve')
    expect(run.leftInTemp.filter((f: string) => !/^keras-compat-fix-.*\.patch$/.test(f))).toHaveLength(1)
    expect(readFileSync(run.outputs['fix-patch'], 'utf8')).toBe(report.newestPlan.patch)
  })

  it('matrix-pass: any passes when one version does', async () => {
    const run = await runAction({
      workspace: repoWith(KERAS2_REPO),
      inputs: { 'tensorflow-versions': '2.15, 2.16', 'matrix-pass': 'any' }
    })
    expect(run.outputs.status).toBe('pass')
    expect(run.exitCode).toBe(0)
  })

  it('tensorflow-version 2.21 alone: one verdict, the override in the heading and the outputs', async () => {
    const run = await runAction({ workspace: repoWith(KERAS2_REPO), inputs: { 'tensorflow-version': '2.21' } })
    expect(run.outputs.status).toBe('fail')
    expect(run.outputs.override).toBe('tensorflow-cpu 2.21')
    expect(run.summary).toContain('<h2>keras-compat (tensorflow-cpu 2.21): ❌ fail</h2>')
    const [f] = JSON.parse(run.outputs.findings)
    expect(f.id).toBe('keras-tf-mismatch')
  })

  it('legacy-keras with tensorflow-version 2.17: tf.keras is tf_keras, and it passes', async () => {
    const run = await runAction({
      workspace: repoWith('tensorflow-cpu\n'),
      inputs: { 'tensorflow-version': '2.17', 'legacy-keras': 'true' }
    })
    expect(run.outputs).toMatchObject({
      status: 'pass',
      'tf-keras': 'tf_keras',
      override: 'tensorflow-cpu 2.17, legacy Keras'
    })
    expect(run.outputs['tensorflow-version']).toMatch(/^2\.17\./)
  })
})
