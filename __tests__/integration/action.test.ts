// The bundle, run as the runner runs it, against real pip, real TensorFlow wheels and real Python.
import { describe, expect, it, jest } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { KEEP_OTHER_TREES } from '../../src/environment/bytecode-cache.js'
import { cacheDirs } from '../../src/environment/cache-dirs.js'
import { repoWith, ROOT, runAction } from './helpers/runner.js'

jest.setTimeout(15 * 60_000)

/** Runs the self-test workflow's assertion step (.github/self-test/assert-outputs.mjs) with these variables. */
function assertOutputs(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, '.github/self-test/assert-outputs.mjs')], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8'
  })
}

/** Only the JSON report is left in RUNNER_TEMP, and the fix plan's patch when the run has one (output fix-patch). */
const onlyReportLeft = (left: string[]) => {
  const besides = left.filter(f => !/^keras-compat-fix-.*\.patch$/.test(f))
  expect(besides).toHaveLength(1)
  expect(besides[0]).toMatch(/^keras-compat-report-.*\.json$/)
}

/**
 * The run's bytecode went into a tree of its own in keras-compat's cache (the venv is gone, its compiled TensorFlow
 * stays for the next run at the same path), and the cache holds only such trees, a bounded number of them.
 */
function bytecodeKeptInOneTree(runnerTemp: string) {
  const pycache = cacheDirs(process.env).pycache
  const trees = readdirSync(pycache)
  expect(trees.filter(t => !/^[0-9a-f]{12}$/.test(t))).toEqual([])
  // This run's, the others kept, and one more a concurrent test's run may be using.
  expect(trees.length).toBeLessThanOrEqual(1 + KEEP_OTHER_TREES + 1)
  const mirror = path.resolve(runnerTemp).replace(/^\//, '')
  const ours = trees.filter(t => existsSync(path.join(pycache, t, mirror)))
  expect(ours).toHaveLength(1)
  const [work] = readdirSync(path.join(pycache, ours[0], mirror))
  const lib = path.join(pycache, ours[0], mirror, work, 'venv', 'lib')
  const [pythonDir] = readdirSync(lib)
  // Under a prefix, a module's bytecode sits where its source's folder is mirrored, with no __pycache__ level.
  const compiled = readdirSync(path.join(lib, pythonDir, 'site-packages', 'tensorflow'))
  expect(compiled).toContainEqual(expect.stringMatching(/^__init__\.cpython-\d+\.pyc$/))
}

describe('dist/index.js on real installs', () => {
  it('passes tensorflow-cpu 2.21.0 with keras: Keras 3 everywhere, every smoke step green, no venv left', async () => {
    const run = await runAction({ inputs: { 'working-directory': 'examples/keras3-green' } })
    expect(run.outputs).toMatchObject({
      status: 'pass',
      'tensorflow-version': '2.21.0',
      'tf-keras': 'keras3',
      'python-version': expect.stringMatching(/^3\.\d+\.\d+$/),
      'keras-version': expect.stringMatching(/^3\./)
    })
    expect(JSON.parse(run.outputs.findings)).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain('✅ pass')
    expect(run.summary).toContain('<td><code>tensorflow</code></td><td>2.21.0</td>')
    for (const label of [
      'import tensorflow',
      'tf.keras: fit one batch',
      'keras: save .keras + load',
      'tf.keras and keras layers mix'
    ]) {
      expect(run.summary).toContain(`<tr><td>${label}</td><td>✓</td>`)
    }
    expect(run.summary).not.toContain('<td>✗</td>')
    onlyReportLeft(run.leftInTemp)
    bytecodeKeptInOneTree(run.runnerTemp)
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    expect(report.environment.packages.numpy).toBeTruthy()
    // Plain pins: uv installs the set the resolve stage judged, either from the cache beside the resolution (the
    // inputs, or the last run's pins of them; kept only when it is that set) or from the resolved pins as they are,
    // never by resolving a second time.
    expect(report.installer.command.join(' ')).toMatch(
      /pip install (--offline --python \S+ -r \S+requirements\.txt|--offline --no-deps --python \S+ -r \S+\/last-pins\.txt|--no-deps --python \S+ -r \S+uv-resolve-[^/]+\/resolved\.txt)$/
    )
    // The self-test workflow's assertion script agrees with these real outputs, and refuses a wrong expectation.
    const outputs = {
      STATUS: run.outputs.status,
      TENSORFLOW: run.outputs['tensorflow-version'],
      KERAS: run.outputs['keras-version'],
      FINDINGS: run.outputs.findings,
      REPORT: run.outputs.report
    }
    expect(
      assertOutputs({ ...outputs, WANT_STATUS: 'pass', WANT_TENSORFLOW: '2.21.', WANT_KERAS: '3.' })
    ).toMatchObject({
      status: 0
    })
    const wrong = assertOutputs({ ...outputs, WANT_STATUS: 'fail', WANT_TENSORFLOW: '2.15.' })
    expect(wrong.status).toBe(1)
    expect(wrong.stdout).toContain('::error::status is pass, expected fail')
  })

  it('fails TF_USE_LEGACY_KERAS=1 without tf-keras, and shows that the import statement silently gave Keras 3', async () => {
    const run = await runAction({
      inputs: { 'working-directory': 'examples/keras3-green', env: 'TF_USE_LEGACY_KERAS=1' }
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('fail')
    expect(run.outputs['tf-keras']).toBe('unavailable')
    const findings = JSON.parse(run.outputs.findings)
    expect(findings[0]).toMatchObject({
      id: 'legacy-keras-missing',
      severity: 'error',
      locations: [{ file: 'examples/keras3-green/requirements.txt', line: 2 }]
    })
    expect(findings[0].fix).toContain('tf-keras~=2.21.0')
    expect(run.summary).toMatch(
      /<tr><td>from tensorflow\.keras import layers<\/td><td>✓<\/td><td>keras3 3\.\d+\.\d+ \(keras\.src\.[\w.]+\) · [\d.]+ s<\/td>/
    )
    expect(run.summary).toMatch(/<tr><td>tf\.keras \(attribute access\)<\/td><td>✗<\/td>/)
    expect(run.log).toMatch(
      /::error title=legacy-keras-missing.*file=examples\/keras3-green\/requirements.txt,line=2::/
    )
    onlyReportLeft(run.leftInTemp)
  })

  it.each([
    ['pip', 'No matching distribution found for tensorflow-cpu==2.16.0'],
    ['uv', 'there is no version of tensorflow-cpu==2.16.0']
  ])(
    'fails a requirement that cannot be installed (%s): a finding at its line and the installer’s message, not a crash',
    async (installer, message) => {
      const repo = repoWith('numpy\ntensorflow-cpu==2.16.0\n')
      const run = await runAction({ workspace: repo, inputs: { installer } })
      expect(run.exitCode).toBe(1)
      expect(run.outputs.status).toBe('fail')
      const [finding] = JSON.parse(run.outputs.findings)
      expect(finding).toMatchObject({ id: 'version-not-found', locations: [{ file: 'requirements.txt', line: 2 }] })
      expect(finding.fix).toContain('2.16.1')
      expect(run.summary).toContain(message)
      expect(run.log).toMatch(/::error title=version-not-found.*file=requirements.txt,line=2::/)
      expect(run.log).not.toMatch(/at .*\.js:\d+:\d+/) // no stack trace
      onlyReportLeft(run.leftInTemp)
    }
  )

  it('preflight-only: annotates both lines of a conflict with the fix, installing and creating nothing', async () => {
    const run = await runAction({
      inputs: { 'working-directory': 'examples/broken-keras3-on-tf215', 'preflight-only': 'true' }
    })
    const file = 'examples/broken-keras3-on-tf215/requirements.txt'
    expect(run.outputs.status).toBe('fail')
    expect(run.log).toMatch(
      new RegExp(
        `::error title=keras-tf-mismatch.*file=${file},line=2::.*Fix: Change the keras line to keras>=2.15.0,<2.16`
      )
    )
    expect(run.log).toMatch(new RegExp(`::error title=keras-tf-mismatch.*file=${file},line=3::`))
    expect(run.summary).toContain('(preflight only)')
    expect(run.summary).toContain(`<code>${file}:2</code>, <code>${file}:3</code>`)
    // The fix plan keeps the explicit Keras 3 and moves TensorFlow, known from the knowledge alone.
    expect(run.summary).toContain('<h3>Fix plan: ⚠️ not verified: preflight only</h3>')
    expect(run.summary).toMatch(/\+tensorflow-cpu==2\.16\.\d+&#10;/)
    onlyReportLeft(run.leftInTemp)
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    expect(report.stages.map((s: { name: string }) => s.name)).toEqual(['requirements', 'preflight'])
    expect(report.installer).toBeNull()
  })
})
