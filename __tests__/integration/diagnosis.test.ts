// Issue #4's acceptance scenarios, each run end to end through dist/index.js with real installs.
import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { repoWith, runAction } from './helpers/runner.js'

jest.setTimeout(15 * 60_000)

interface FindingOut {
  id: string
  severity: string
  evidence: string
  locations: { file: string; line?: number }[]
  fix: string
  edits?: { after: string }[]
  verification?: { status: string; detail: string }
}

async function check(requirements: string, inputs: Record<string, string> = {}) {
  const run = await runAction({ workspace: repoWith(requirements), inputs })
  const findings = JSON.parse(run.outputs.findings ?? '[]') as FindingOut[]
  return { run, findings, errors: findings.filter(f => f.severity === 'error') }
}

const lines = (f: FindingOut) => f.locations.map(l => l.line)
const byId = (findings: FindingOut[], id: string) => findings.find(f => f.id === id)

describe('diagnosis with fixes that are checked', () => {
  it('tensorflow-cpu==2.15.1 + keras>=3: keras-tf-mismatch on both lines, fix verified', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.15.1\nkeras>=3\n')
    expect(run.outputs.status).toBe('fail')
    const f = byId(findings, 'keras-tf-mismatch')!
    expect(lines(f)).toEqual([1, 2])
    // The one fix is the plan: TensorFlow moves to the nearest minor that takes Keras 3 (the keras pin says what the
    // user wants), proven by a real install and smoke test; the finding's own keras edit gives way to it.
    const plan = JSON.parse(readFileSync(run.outputs.report, 'utf8')).fixPlan as {
      edits: { line: number; after: string }[]
      verification: { status: string; proof: string }
    }
    expect(plan.edits.map(e => [e.line, e.after])).toEqual([[1, expect.stringMatching(/^tensorflow-cpu==2\.16\.\d+$/)]])
    expect(plan.verification).toMatchObject({ status: 'verified', proof: 'smoke-test' })
    expect(f.edits ?? []).toEqual([])
    expect(run.summary).toContain('installs and passes the smoke test')
  })

  it('tensorflow-cpu==2.16.2 + keras<3: keras-tf-mismatch, fix verified', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.16.2\nkeras<3\n')
    expect(run.outputs.status).toBe('fail')
    const f = byId(findings, 'keras-tf-mismatch')!
    expect(lines(f)).toEqual([1, 2])
    expect(f.verification?.status).toBe('verified')
  })

  it('tensorflow-cpu==2.14.0 alone: installs, import fails on numpy 2 → numpy-abi, fix numpy<2 verified', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.14.0\n')
    expect(run.outputs.status).toBe('fail')
    const f = byId(findings, 'numpy-abi')!
    expect(f.edits?.map(e => e.after)).toEqual(['numpy<2'])
    expect(f.verification?.status).toBe('verified')
    expect(run.summary).toMatch(/import tensorflow<\/td><td>✗/)
  })

  // Issue #4 named 2.14.1 for this case, but its wheel METADATA caps numpy (`numpy<2.0.0,>=1.23.5`); only 2.14.0
  // does not. This keeps the knowledge table honest: 2.14.1 alone resolves numpy 1.x and passes.
  it('tensorflow-cpu==2.14.1 alone: numpy is capped below 2, so it passes', async () => {
    const { run, errors } = await check('tensorflow-cpu==2.14.1\n')
    expect(errors).toEqual([])
    expect(run.outputs.status).toBe('pass')
    expect(run.summary).toMatch(/<td><code>numpy<\/code><\/td><td>1\./)
  })

  it('tensorflow-cpu==2.18.1 + tf-keras==2.19.0: tf-keras-mismatch, fix verified', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.18.1\ntf-keras==2.19.0\n')
    expect(run.outputs.status).toBe('fail')
    const f = byId(findings, 'tf-keras-mismatch')!
    expect(lines(f)).toEqual([1, 2])
    expect(f.edits?.[0].after).toBe('tf-keras~=2.18.0')
    expect(f.verification?.status).toBe('verified')
  })

  it('tensorflow-cpu==2.21.0 + tensorflow-probability without tf-keras: companion-incompatible, fix verified', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.21.0\ntensorflow-probability\n', {
      'smoke-imports': 'tensorflow_probability'
    })
    expect(run.outputs.status).toBe('fail')
    const f = byId(findings, 'companion-incompatible')!
    expect(lines(f)).toEqual([2])
    expect(f.edits?.map(e => e.after)).toEqual(['tf-keras~=2.21.0'])
    expect(f.verification?.status).toBe('verified')
  })

  it('tensorflow==2.16.0: version-not-found naming 2.16.1', async () => {
    const { run, errors } = await check('tensorflow==2.16.0\n')
    expect(run.outputs.status).toBe('fail')
    expect(errors.map(f => f.id)).toEqual(['version-not-found'])
    expect(errors[0].fix).toContain('2.16.1')
    expect(errors[0].verification?.status).toBe('verified')
  })

  // The resolver's conflict is the duplicate-requirement finding's own problem: one finding, the resolver's words as
  // its evidence (issue #13, class 8), naming selenium only, not TensorFlow.
  it('two selenium pins beside a fine TensorFlow: one finding at the selenium lines, with the resolver’s words', async () => {
    const { run, errors } = await check('selenium~=4.15.2\ntensorflow-cpu==2.21.0\nkeras\nselenium~=4.24\n')
    expect(run.outputs.status).toBe('fail')
    const duplicate = byId(errors, 'duplicate-requirement')!
    expect(lines(duplicate)).toEqual([1, 4])
    expect(duplicate.evidence).toMatch(/selenium/)
    for (const f of errors) expect(f.locations.every(l => l.line === 1 || l.line === 4)).toBe(true)
    expect(errors.map(f => f.id)).toEqual(['duplicate-requirement'])
  })

  it('tensorflow-cpu with tf-keras: tf-keras pulls `tensorflow` too, and two TensorFlows share one folder', async () => {
    const { run, findings } = await check('tensorflow-cpu==2.17.1\ntf-keras~=2.17.0\n', {
      env: 'TF_USE_LEGACY_KERAS=1'
    })
    expect(run.outputs.status).toBe('fail')
    expect(findings[0]).toMatchObject({ id: 'tensorflow-duplicate', severity: 'error' })
    expect(lines(findings[0])).toEqual([1, 2])
  })

  it.each([['tensorflow-cpu==2.15.1\nkeras==2.15.0\n'], ['tensorflow-cpu==2.21.0\nkeras\n']])(
    'green: %s passes with no error finding',
    async requirements => {
      const { run, errors } = await check(requirements)
      expect(errors).toEqual([])
      expect(run.outputs.status).toBe('pass')
    }
  )
})
