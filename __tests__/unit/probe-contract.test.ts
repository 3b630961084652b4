import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseProbeOutput } from '../../src/probe/contract.js'
import { runProbe } from '../../src/probe/run.js'
import { nodeProcessRunner } from '../../src/util/process.js'

const line = (o: object) => JSON.stringify(o)
const ok = (step: string, data = {}) => line({ event: 'step', step, status: 'ok', seconds: 0.1, data })

describe('probe output contract', () => {
  it('reads steps and the closing record', () => {
    const text = [
      line({ event: 'hello', protocol: 1 }),
      line({ event: 'start', step: 'python' }),
      ok('python', { version: '3.11.7' }),
      line({ event: 'done', seconds: 1 })
    ].join('\n')
    const out = parseProbeOutput(text)
    expect(out).toMatchObject({ completed: true, unfinishedStep: '', malformed: 0 })
    expect(out.steps[0]).toMatchObject({ step: 'python', status: 'ok', data: { version: '3.11.7' } })
  })

  it('never completes without the closing record, and names the step that was running', () => {
    const out = parseProbeOutput([ok('python'), line({ event: 'start', step: 'tensorflow.import' })].join('\n'))
    expect(out.completed).toBe(false)
    expect(out.unfinishedStep).toBe('tensorflow.import')
  })

  it('does not trust a closing record that follows garbage or a cut-off line', () => {
    const cut = ok('python').slice(0, 20)
    expect(parseProbeOutput([cut, line({ event: 'done' })].join('\n'))).toMatchObject({
      completed: false,
      malformed: 1
    })
    expect(parseProbeOutput('not json at all\n')).toMatchObject({ completed: false, malformed: 1, steps: [] })
    expect(parseProbeOutput('')).toMatchObject({ completed: false, steps: [] })
  })

  it('rejects records with an unknown status', () => {
    const out = parseProbeOutput(
      [line({ event: 'step', step: 'x', status: 'passed', seconds: 0 }), line({ event: 'done' })].join('\n')
    )
    expect(out).toMatchObject({ completed: false, malformed: 1, steps: [] })
  })
})

// The real probe.py with the machine's own Python (no TensorFlow in it): the contract from the other side.
describe('probe.py on an interpreter without TensorFlow', () => {
  it('completes, records every step, and skips what is not installed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-probe-'))
    const results = path.join(dir, 'probe.jsonl')
    const result = await runProbe(nodeProcessRunner, {
      python: process.platform === 'win32' ? 'python' : 'python3',
      resultsFile: results,
      scratchDir: dir,
      workingDirectory: dir,
      smokeImports: ['json', 'no_such_module_kc'],
      env: { ...process.env, PYTHONPATH: '' },
      timeoutMs: 60_000
    })
    expect(result.completed).toBe(true)
    const byName = Object.fromEntries(result.steps.map(s => [s.step, s]))
    expect(byName['python'].status).toBe('ok')
    expect(byName['packages'].data).toHaveProperty('key')
    expect(byName['import:json'].status).toBe('ok')
    expect(byName['import:no_such_module_kc']).toMatchObject({
      status: 'error',
      error: { type: 'ModuleNotFoundError' }
    })
    // Every line of the file is a record the parser accepts.
    expect(parseProbeOutput(readFileSync(results, 'utf8')).malformed).toBe(0)
  })
})
