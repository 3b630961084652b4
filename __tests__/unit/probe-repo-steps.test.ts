// The repository checks' records in the probe's contract, with the real probe.py and the machine's own Python
// (no TensorFlow): which steps a run must record when models and a smoke command are in play, the smoke command's
// record joining the probe's, and the probe's own folder kept off the repository's import path.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { silentLog as silent } from '../../src/core/log.js'
import { scanCode } from '../../src/pipeline/code-scan.js'
import { runProbe, withRecord } from '../../src/probe/run.js'
import { expectedSteps } from '../../src/probe/steps.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'

const python = process.platform === 'win32' ? 'python' : 'python3'

describe('expected steps', () => {
  it('add one step per model file, and the smoke command when one is configured', () => {
    const steps = expectedSteps({ smokeImports: ['mypkg'], models: ['models/a.keras'], smokeCommand: true })
    expect(steps).toEqual(
      expect.arrayContaining([
        'code',
        'companion:tensorflow_hub',
        'companion:tensorflow_probability',
        'model:models/a.keras',
        'import:mypkg',
        'smoke-command'
      ])
    )
    expect(expectedSteps({ smokeImports: [] })).not.toContain('smoke-command')
  })
})

describe('probe.py with models and a smoke command in play, on an interpreter without TensorFlow', () => {
  async function probe(workdir: string, smokeImports: string[] = []) {
    const scratch = scratchDir('probe-repo')
    return runProbe(nodeProcessRunner, {
      python,
      scratchDir: scratch,
      workingDirectory: workdir,
      smokeImports,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: 60_000,
      models: [{ id: 'models/a.keras', path: path.join(workdir, 'a.keras'), format: 'keras' }],
      codeScan: { skipped: 'the code scan failed (test)' },
      smokeCommand: true
    })
  }

  it('records every step of its own; the run completes only once the smoke command has its record too', async () => {
    const dir = scratchDir('repo')
    const result = await probe(dir)
    const byName = Object.fromEntries(result.steps.map(s => [s.step, s]))
    expect(byName['model:models/a.keras']).toMatchObject({
      status: 'skipped',
      reason: 'neither keras nor tf.keras imported'
    })
    expect(byName['code']).toMatchObject({ status: 'skipped', reason: 'the code scan failed (test)' })
    expect(byName['companion:tensorflow_hub']).toMatchObject({ status: 'skipped' })
    expect(result).toMatchObject({ clean: true, completed: false, missing: ['smoke-command'] })
    const record = { step: 'smoke-command', status: 'ok' as const, seconds: 1, data: {} }
    const done = withRecord(result, record)
    expect(done).toMatchObject({ completed: true, missing: [] })
    expect(withRecord(done, record)).toMatchObject({ completed: false, malformed: 1 })
  })

  it("the repository's own module named like the probe is imported, not the probe", async () => {
    const dir = scratchDir('repo')
    writeFileSync(path.join(dir, 'probe.py'), 'MINE = True\n')
    const result = await probe(dir, ['probe'])
    const step = result.steps.find(s => s.step === 'import:probe')
    expect(step).toMatchObject({ status: 'ok', data: { file: path.join(dir, 'probe.py') } })
    expect(result.malformed).toBe(0)
  })
})

describe('the code scan beside the probe', () => {
  it('writes its file whole, or a file that says why there is none, so the probe never waits in vain', async () => {
    const dir = scratchDir('scan-run')
    writeFileSync(path.join(dir, 'm.py'), 'import keras\n')
    const out = path.join(scratchDir('scan-out'), 'scan.json')
    const plan = { python, root: dir, shownAs: '', out, env: { PATH: process.env.PATH } }
    await scanCode(nodeProcessRunner, plan, silent)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ files: 1, parsed: 1 })
    await scanCode(nodeProcessRunner, { ...plan, python: '/no/such/python' }, silent)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ failed: expect.stringMatching(/^the code scan failed/) })
  })

  it('the probe waits for a scan that ends after it started, and reads what the scan said', async () => {
    const dir = scratchDir('scan-late')
    const out = path.join(dir, 'scan.json')
    const later = new Promise<void>(resolve =>
      setTimeout(() => {
        writeFileSync(out, JSON.stringify({ failed: 'the code scan failed (late test)' }))
        resolve()
      }, 1500)
    )
    const result = await runProbe(nodeProcessRunner, {
      python,
      scratchDir: dir,
      workingDirectory: dir,
      smokeImports: [],
      env: { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: 60_000,
      codeScan: { file: out }
    })
    await later
    expect(result.steps.find(s => s.step === 'code')).toMatchObject({
      status: 'skipped',
      reason: 'the code scan failed (late test)'
    })
    expect(result.completed).toBe(true)
  })

  it('a real scan reaches the resolver: here keras is not installed, and the line that imports it says so', async () => {
    const dir = scratchDir('scan-real')
    writeFileSync(path.join(dir, 'train.py'), 'import json\nimport keras\n')
    const out = path.join(scratchDir('scan-out'), 'scan.json')
    const env = { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' }
    const [result] = await Promise.all([
      runProbe(nodeProcessRunner, {
        python,
        scratchDir: dir,
        workingDirectory: dir,
        smokeImports: [],
        env,
        timeoutMs: 60_000,
        codeScan: { file: out }
      }),
      scanCode(nodeProcessRunner, { python, root: dir, shownAs: 'repo', out, env }, silent)
    ])
    expect(result.steps.find(s => s.step === 'code')).toMatchObject({
      status: 'incompatible',
      data: {
        files: 1,
        problems: [
          expect.objectContaining({ name: 'keras', status: 'missing', locations: [{ file: 'repo/train.py', line: 2 }] })
        ]
      }
    })
  })
})
