// Real Pythons (issue #13): dist/index.js with the `python` input pointing at each CPython this machine has through
// pyenv, installing for real. Every test dependency is pinned exactly (tensorflow-cpu, keras and the packages
// TensorFlow's compatibility turns on), so no upstream release can flip a test; the TensorFlow wheels download once
// into ~/.cache/keras-compat and are reused.
import { describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { repoWith, runAction } from './helpers/runner.js'
import { type FindingOut } from './helpers/finding-out.js'

jest.setTimeout(20 * 60_000)

/** The interpreter of the installed CPython X.Y: `$(pyenv root)/versions/X.Y.Z/bin/python`. */
function python(minor: string): string {
  const root = execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim()
  const version = readdirSync(path.join(root, 'versions')).find(v => v.startsWith(`${minor}.`))
  const exe = version ? path.join(root, 'versions', version, 'bin', 'python') : ''
  if (!exe || !existsSync(exe)) throw new Error(`CPython ${minor} is not installed under ${root}/versions (pyenv)`)
  return exe
}

async function check(requirements: string, minor: string, inputs: Record<string, string> = {}) {
  const run = await runAction({ workspace: repoWith(requirements), inputs: { python: python(minor), ...inputs } })
  const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
  const findings = JSON.parse(run.outputs.findings) as FindingOut[]
  return {
    run,
    report,
    findings,
    errors: findings.filter(f => f.severity === 'error'),
    stages: (report.stages as { name: string }[]).map(s => s.name)
  }
}

// TensorFlow 2.21 publishes wheels for CPython 3.10–3.13; keras 3.12 needs 3.10+.
const GREEN = [
  'tensorflow-cpu==2.21.0',
  'keras==3.12.0',
  'numpy==2.5.5',
  'protobuf==7.36.2',
  'ml-dtypes==0.7.0',
  'h5py==3.14.0',
  ''
].join('\n')

describe('real Pythons through the python input', () => {
  it.each(['3.12', '3.13'])('a green set on Python %s passes, every smoke step green', async minor => {
    const { run, report, errors } = await check(GREEN, minor)
    expect(errors).toEqual([])
    expect(run.outputs.status).toBe('pass')
    expect(run.outputs['python-version']).toMatch(new RegExp(`^${minor.replace('.', '\\.')}\\.`))
    expect(report.environment.tensorflow).toBe('2.21.0')
    expect(report.environment.keras).toBe('3.12.0')
    expect(run.summary).not.toContain('<td>✗</td>')
  })

  it.each(['uv', 'pip'])(
    'TensorFlow 2.15 on Python 3.12 (%s): python-unsupported, no wheel, nothing installed',
    async installer => {
      const { run, report, errors, stages } = await check('tensorflow-cpu==2.15.1\nkeras==2.15.0\n', '3.12', {
        installer
      })
      expect(run.outputs.status).toBe('fail')
      expect(errors.map(f => f.id)).toEqual(['python-unsupported'])
      expect(errors[0].locations).toEqual([{ file: 'requirements.txt', line: 1 }])
      expect(errors[0].explanation).toMatch(/3\.9, 3\.10, 3\.11/)
      expect(errors[0].evidence).toMatch(/tensorflow-cpu/)
      expect(JSON.stringify(errors)).not.toMatch(/do not overlap/)
      expect(report.outcome).toBe('resolve-failed')
      expect(stages).not.toContain('install')
      expect(report.steps).toEqual([])
    }
  )

  it('TensorFlow 2.21 on Python 3.9: python-unsupported, naming the Pythons it was built for', async () => {
    const { run, report, errors, stages } = await check('tensorflow-cpu==2.21.0\n', '3.9')
    expect(run.outputs.status).toBe('fail')
    expect(errors.map(f => f.id)).toEqual(['python-unsupported'])
    expect(errors[0].explanation).toMatch(/3\.10, 3\.11, 3\.12, 3\.13/)
    expect(errors[0].locations).toEqual([{ file: 'requirements.txt', line: 1 }])
    expect(report.outcome).toBe('resolve-failed')
    expect(stages).not.toContain('install')
  })

  it('TensorFlow 2.14.0 without a numpy cap on Python 3.10: numpy-abi, the fix numpy<2 verified', async () => {
    const { run, report, findings } = await check('tensorflow-cpu==2.14.0\nkeras==2.14.0\n', '3.10')
    expect(run.outputs.status).toBe('fail')
    expect(report.outcome).toBe('probed')
    expect(report.environment.packages.numpy).toMatch(/^2\./)
    const abi = findings.find(f => f.id === 'numpy-abi')!
    expect(abi.severity).toBe('error')
    expect(abi.edits?.map(e => e.after)).toEqual(['numpy<2'])
    expect(abi.verification?.status).toBe('verified')
    // The real import failed under numpy 2: the probe's evidence, not only the static prediction.
    const imported = (report.steps as { step: string; status: string }[]).find(s => s.step === 'tensorflow.import')
    expect(imported?.status).toBe('error')
    expect(abi.evidence).toMatch(/import/)
    expect(findings.filter(f => f.id === 'numpy-abi')).toHaveLength(1)
  })
})
