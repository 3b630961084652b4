import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import * as path from 'node:path'
import * as core from '../../__fixtures__/core.js'
import { FsCacheStore } from '../../__fixtures__/fs-cache-store.js'
import { finding, report } from '../../__fixtures__/report.js'
import type { CheckDeps } from '../../src/pipeline/check.js'
import type { Config } from '../../src/config/types.js'
import type { Report } from '../../src/report/model.js'
import { createWorkDir } from '../../src/environment/workspace.js'
import { sarifErrors } from '../helpers/sarif-schema.js'
import { scratchDir } from '../helpers/scratch.js'
import { fakeUvCache } from '../helpers/uv-cache.js'

const check = jest.fn<(config: Config, deps: CheckDeps) => Promise<Report>>()
jest.unstable_mockModule('@actions/core', () => core)
jest.unstable_mockModule('../../src/pipeline/check.js', () => ({ check }))
const store = new FsCacheStore(scratchDir('main-store'))
jest.unstable_mockModule('../../src/action/cache-store.js', () => ({ actionsCacheStore: store }))

const { run } = await import('../../src/action/main.js')
const { runPost } = await import('../../src/action/post.js')

const inputs: Record<string, string> = {}
const temp = scratchDir('main')

beforeEach(() => {
  jest.clearAllMocks()
  for (const k of Object.keys(inputs)) delete inputs[k]
  Object.assign(inputs, { 'fail-on': 'error', 'timeout-minutes': '10' })
  core.getInput.mockImplementation(name => inputs[name] ?? '')
  process.env.RUNNER_TEMP = temp
  process.env.GITHUB_WORKSPACE = temp
  delete process.env.GITHUB_STEP_SUMMARY
})

describe('run()', () => {
  it('sets every output, annotates the lines and fails the step on status fail', async () => {
    check.mockResolvedValue(report({ status: 'fail', findings: [finding()] }))
    await run()
    const outputs = Object.fromEntries(core.setOutput.mock.calls.map(([k, v]) => [k, v]))
    expect(outputs).toMatchObject({ status: 'fail', 'tensorflow-version': '2.21.0', 'tf-keras': 'keras3' })
    expect(JSON.parse(readFileSync(outputs.report as string, 'utf8')).status).toBe('fail')
    expect(core.error).toHaveBeenCalledWith(expect.stringContaining('Fix: Add tf-keras~=2.21.0'), {
      title: expect.stringContaining('legacy-keras-missing'),
      file: 'requirements.txt',
      startLine: 1
    })
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('keras-compat: fail (fail-on: error)'))
  })

  it('passes quietly, and respects fail-on: warning', async () => {
    check.mockResolvedValue(report({ status: 'warn' }))
    await run()
    expect(core.setFailed).not.toHaveBeenCalled()
    inputs['fail-on'] = 'warning'
    await run()
    expect(core.setFailed).toHaveBeenCalledTimes(1)
  })

  it('writes the summary when GITHUB_STEP_SUMMARY is set', async () => {
    process.env.GITHUB_STEP_SUMMARY = path.join(temp, 'summary.md')
    check.mockResolvedValue(report())
    await run()
    expect(core.summary.addRaw).toHaveBeenCalledWith(expect.stringContaining('✅ pass'))
  })

  it('turns a bad input into a failed step that names it, before anything runs', async () => {
    inputs['fail-on'] = 'sometimes'
    await run()
    expect(check).not.toHaveBeenCalled()
    expect(core.setFailed).toHaveBeenCalledWith('fail-on: "sometimes" is not one of error, warning, never.')
  })

  it('turns any throw, Error or not, into setFailed', async () => {
    check.mockRejectedValueOnce('a string, not an Error')
    await run()
    expect(core.setFailed).toHaveBeenLastCalledWith('a string, not an Error')
    check.mockRejectedValueOnce(new Error('boom'))
    await run()
    expect(core.setFailed).toHaveBeenLastCalledWith('boom')
  })
})

describe('the workflow parts of run()', () => {
  it('writes a valid SARIF file and the tensorflow-matrix output beside the report', async () => {
    writeFileSync(path.join(temp, 'requirements.txt'), 'keras>=3\n')
    check.mockResolvedValue(report({ status: 'fail', findings: [finding()] }))
    await run()
    const outputs = Object.fromEntries(core.setOutput.mock.calls.map(([k, v]) => [k, v])) as Record<string, string>
    const sarif = JSON.parse(readFileSync(outputs.sarif, 'utf8'))
    expect(sarifErrors(sarif)).toEqual([])
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'legacy-keras-missing', level: 'error' })
    const plan = JSON.parse(outputs['tensorflow-matrix'])
    expect(plan.length).toBeGreaterThan(0)
    expect(plan.every((v: string) => /^2\.(1[6-9]|2\d)$/.test(v))).toBe(true)
  })

  it('an ignore entry in the config file takes the failure away, and the step says what the file set', async () => {
    mkdirSync(path.join(temp, '.github'), { recursive: true })
    const file = path.join(temp, '.github/keras-compat.yml')
    writeFileSync(file, 'ignore:\n  - id: legacy-keras-missing\n    reason: tf-keras comes from our base image\n')
    try {
      check.mockResolvedValue(report({ status: 'fail', findings: [finding()] }))
      await run()
      expect(core.setFailed).not.toHaveBeenCalled()
      const outputs = Object.fromEntries(core.setOutput.mock.calls.map(([k, v]) => [k, v])) as Record<string, string>
      expect(outputs.status).toBe('pass')
      expect(JSON.parse(readFileSync(outputs.report, 'utf8')).suppressed[0].suppression.reason).toBe(
        'tf-keras comes from our base image'
      )
    } finally {
      rmSync(file)
    }
  })
})

/** The installer cache's key parts for a uv run on this Python (each test its own key in the shared store). */
const keyParts = (python: string) => ({
  os: 'linux',
  arch: 'x64',
  python,
  installer: 'uv',
  installerVersion: '0.13.9',
  files: [],
  overrides: []
})

describe('caching in run()', () => {
  it('restores through the check hooks, outputs cache-hit, and saves even when the check fails', async () => {
    const cacheDir = mkdtempSync(path.join(temp, 'uv-'))
    writeFileSync(path.join(cacheDir, 'wheel'), 'x')
    const parts = keyParts('3.11.7')
    check.mockImplementation(async (_config, deps) => {
      await deps.cache?.restoreInstaller([cacheDir], parts)
      return report({ status: 'fail', findings: [finding()] })
    })
    process.env.GITHUB_EVENT_NAME = 'push'
    await run()
    expect(core.setOutput).toHaveBeenCalledWith('cache-hit', 'false')
    expect(store.saved).toHaveLength(1)
    jest.clearAllMocks()
    await run()
    expect(core.setOutput).toHaveBeenCalledWith('cache-hit', 'true')
    expect(store.saved).toHaveLength(1)
  })
})

describe('the installer cache run() saves', () => {
  it("holds uv's unpacked wheels of what the check's venvs held, and none of an earlier run's", async () => {
    const base = scratchDir('main-kc-cache')
    const uv = path.join(base, 'uv')
    renameSync(fakeUvCache({ now: ['six-1.17.0.dist-info'], before: ['six-1.16.0.dist-info'] }), uv)
    process.env.KERAS_COMPAT_CACHE_DIR = base
    const parts = keyParts('3.11.8')
    check.mockImplementation(async (_config, deps) => {
      await deps.cache?.restoreInstaller([uv], parts)
      deps.onInstalled?.([{ name: 'six', key: 'six', version: '1.17.0', url: '', requested: true, requiredBy: [] }])
      return report({ status: 'pass', findings: [] })
    })
    process.env.GITHUB_EVENT_NAME = 'push'
    try {
      await run()
    } finally {
      delete process.env.KERAS_COMPAT_CACHE_DIR
    }
    expect(readdirSync(path.join(uv, 'archive-v0'))).toEqual(['now'])
    expect(core.info).toHaveBeenCalledWith(expect.stringContaining('1 unpacked wheels no install of this run used'))
  })
})

describe('runPost()', () => {
  const state = (dir: string, token: string) => (name: string) => ({ 'work-dir': dir, 'work-token': token })[name] ?? ''

  it('removes the work folder a killed main step left, and nothing else', async () => {
    const left = createWorkDir(temp, 'left')
    mkdirSync(path.join(left.root, 'venv'), { recursive: true })
    core.getState.mockImplementation(state(left.root, left.token))
    await runPost()
    expect(existsSync(left.root)).toBe(false)
    expect(core.info).toHaveBeenCalledWith(`Removed ${left.root}, left behind by the main step.`)
    const other = mkdtempSync(path.join(temp, 'not-ours-'))
    core.getState.mockImplementation(state(other, left.token))
    await runPost()
    expect(existsSync(other)).toBe(true)
  })

  it('touches nothing, and prints nothing of the state, when the folder is not provably its own', async () => {
    const lookalike = mkdtempSync(path.join(temp, 'keras-compat-'))
    for (const [dir, token] of [
      [lookalike, 'guess'],
      ['keras-compat-relative', 'x'],
      [`${temp}/../${path.basename(temp)}/keras-compat-x`, 'x'],
      ['::set-output name=status::pass', 'x']
    ]) {
      jest.clearAllMocks()
      core.getState.mockImplementation(state(dir, token))
      await runPost()
      const printed = JSON.stringify([...core.info.mock.calls, ...core.warning.mock.calls])
      expect(printed).not.toContain(dir)
      expect(printed).not.toMatch(/Removed/)
    }
    expect(existsSync(lookalike)).toBe(true)
  })
})
