import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseProbeOutput } from '../../src/probe/contract.js'
import { runProbe } from '../../src/probe/run.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'

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

  it("counts records without this run's nonce, repeated steps and anything after the closing record as garbage", () => {
    const mine = (o: object) => line({ ...o, nonce: 'n1' })
    const good = [mine({ event: 'hello', protocol: 1 }), mine({ event: 'step', step: 'python', status: 'ok' })]
    expect(parseProbeOutput([...good, mine({ event: 'done' })].join('\n'), 'n1')).toMatchObject({ completed: true })
    const forged = line({ event: 'done' }) // no nonce: written by something else on the pipe
    expect(parseProbeOutput([...good, forged].join('\n'), 'n1')).toMatchObject({ completed: false, malformed: 1 })
    const twice = [...good, mine({ event: 'step', step: 'python', status: 'error' }), mine({ event: 'done' })]
    expect(parseProbeOutput(twice.join('\n'), 'n1')).toMatchObject({ completed: false, malformed: 1 })
    const after = [...good, mine({ event: 'done' }), mine({ event: 'step', step: 'keras.import', status: 'ok' })]
    expect(parseProbeOutput(after.join('\n'), 'n1')).toMatchObject({ completed: false, malformed: 1 })
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
    const dir = scratchDir('probe')
    const result = await runProbe(nodeProcessRunner, {
      python: process.platform === 'win32' ? 'python' : 'python3',
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
    // Every record on the channel is one the parser accepts, and none of the expected steps is missing.
    expect(result.malformed).toBe(0)
    expect(result.missing).toEqual([])
  })
})

// What a package imported by the probe can do to the results channel: every attempt ends in "not completed".
describe('probe.py results channel against the code it imports', () => {
  const python = process.platform === 'win32' ? 'python' : 'python3'
  async function probeWith(code: string) {
    const dir = scratchDir('probe-forge')
    writeFileSync(path.join(dir, 'forger.py'), code)
    return runProbe(nodeProcessRunner, {
      python,
      scratchDir: dir,
      workingDirectory: dir,
      smokeImports: ['forger'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeoutMs: 60_000
    })
  }

  it('a module that writes a closing record to every pipe it can find, then exits: not completed', async () => {
    const result = await probeWith(
      [
        'import os, json',
        'for fd in range(3, 256):',
        '    try:',
        '        os.write(fd, (json.dumps({"event": "done"}) + "\\n").encode())',
        '    except OSError:',
        '        pass',
        'os._exit(0)'
      ].join('\n')
    )
    expect(result.completed).toBe(false)
    expect(result.missing).toContain('import:forger')
  })

  it("a module that calls the probe's own writer to close early: the real records after it are garbage", async () => {
    const result = await probeWith('import __main__\n__main__.WRITE({"event": "done"})\n')
    expect(result.completed).toBe(false)
    expect(result.malformed).toBeGreaterThan(0)
  })

  it('a module that looks for the nonce in argv, the environment and stdin finds nothing', async () => {
    const result = await probeWith(
      [
        'import os, sys, json',
        'seen = " ".join(sys.argv) + json.dumps(dict(os.environ)) + sys.stdin.read()',
        'open(os.path.join(os.path.dirname(__file__), "seen.txt"), "w").write(seen)'
      ].join('\n')
    )
    expect(result.completed).toBe(true)
    const dir = path.dirname(String(result.steps.find(s => s.step === 'import:forger')?.data.file))
    const seen = readFileSync(path.join(dir, 'seen.txt'), 'utf8')
    expect(seen).toContain('smoke_imports') // it did read argv
    expect(seen).not.toMatch(/[0-9a-f]{32}/) // the nonce's form: 16 random bytes in hex
  })
})

// The collector is paused while TensorFlow and Keras import (src/probe/probe.py, collector_paused), and only then.
describe('probe.py and the cyclic garbage collector', () => {
  const python = process.platform === 'win32' ? 'python' : 'python3'
  // Each fake package notes, as it imports, whether the collector runs and how many objects are frozen.
  const noting = (name: string, extra = '') =>
    [
      'import gc, json, os',
      `with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "${name}.json"), "w") as f:`,
      '    json.dump({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}, f)',
      extra
    ].join('\n')

  async function probeWith(tensorflowInit: string) {
    const dir = scratchDir('probe-gc')
    for (const [name, code] of [
      ['tensorflow', tensorflowInit],
      ['keras', noting('keras', '__version__ = "3.0.0"')],
      ['later', noting('later')]
    ]) {
      mkdirSync(path.join(dir, name))
      writeFileSync(path.join(dir, name, '__init__.py'), code)
    }
    const result = await runProbe(nodeProcessRunner, {
      python,
      scratchDir: dir,
      workingDirectory: dir,
      smokeImports: ['later'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONPATH: dir },
      timeoutMs: 60_000
    })
    const seen = (name: string) => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8'))
    return { result, seen }
  }

  it('is off while tensorflow and keras import, frozen after them, and on again for the steps that follow', async () => {
    const { result, seen } = await probeWith(noting('tensorflow', '__version__ = "2.99.0"'))
    expect(result.completed).toBe(true)
    expect(seen('tensorflow')).toMatchObject({ enabled: false })
    expect(seen('keras')).toMatchObject({ enabled: false })
    const later = seen('later')
    expect(later.enabled).toBe(true)
    expect(later.frozen).toBeGreaterThan(0)
  })

  it('comes back on when an import raises', async () => {
    const { result, seen } = await probeWith(noting('tensorflow', 'raise RuntimeError("broken build")'))
    expect(result.completed).toBe(true)
    expect(result.steps.find(s => s.step === 'tensorflow.import')).toMatchObject({ status: 'error' })
    expect(seen('later').enabled).toBe(true)
  })
})
