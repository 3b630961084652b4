// check() in preflight-only mode, with the real interpreter query: no venv, no install, a verdict in well under a second.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { check } from '../../src/pipeline/check.js'
import { type Config } from '../../src/config/types.js'
import { silentLog } from '../../src/core/log.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'

function config(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    workingDirectory: dir,
    requirements: [],
    python: 'python3',
    env: {},
    extraPackages: [],
    smokeImports: [],
    failOn: 'error',
    timeoutMinutes: 10,
    extras: [],
    groups: [],
    preflightOnly: true,
    installer: 'auto',
    cache: 'false',
    legacyKeras: false,
    tensorflowVersions: [],
    matrixPass: 'all',
    allowOutsideWorkspace: false,
    verifyFix: 'install',
    comment: 'never',
    githubToken: '',
    configFile: { path: path.join(dir, '.github/keras-compat.yml'), named: false },
    baseline: { kind: 'none' },
    maxVersions: 5,
    ...overrides
  }
}

async function run(files: Record<string, string>, overrides: Partial<Config> = {}) {
  const dir = scratchDir('check')
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const tempRoot = scratchDir('temp')
  const started = Date.now()
  const report = await check(config(dir, overrides), {
    runner: nodeProcessRunner,
    log: silentLog,
    tempRoot,
    pathBase: dir,
    baseEnv: process.env
  })
  return { report, seconds: (Date.now() - started) / 1000, left: readdirSync(tempRoot) }
}

describe('preflight-only', () => {
  it('fails an unresolvable pair at both lines without creating anything', async () => {
    const { report, left } = await run({ 'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras>=3\n' })
    expect(report).toMatchObject({ status: 'fail', mode: 'preflight-only', steps: [], installer: null })
    expect(report.findings.map(f => [f.id, f.locations.map(l => l.line)])).toEqual([['keras-tf-mismatch', [1, 2]]])
    expect(report.stages.map(s => s.name)).toEqual(['requirements', 'preflight'])
    expect(left).toEqual([])
  })

  it('passes a consistent set, and reads a pyproject project with its chosen extras', async () => {
    expect((await run({ 'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n' })).report.status).toBe('pass')
    const pyproject =
      '[project]\nname = "demo"\ndependencies = ["tensorflow-cpu==2.17.1"]\n[project.optional-dependencies]\nlegacy = ["tf-keras==2.19.0"]\n'
    const { report } = await run(
      { 'pyproject.toml': pyproject },
      { extras: ['legacy'], env: { TF_USE_LEGACY_KERAS: '1' } }
    )
    expect(report.findings.map(f => [f.id, f.locations.map(l => l.line)])).toEqual([['tf-keras-mismatch', [3, 5]]])
  })

  it('reports a line pip would reject as parse-error at its line', async () => {
    const { report } = await run({ 'requirements.txt': 'tensorflow keras\n' })
    expect(report.findings.map(f => [f.id, f.locations])).toEqual([
      ['parse-error', [{ file: 'requirements.txt', line: 1 }]]
    ])
  })
})

describe('requirement files with nothing in them', () => {
  it('is a configuration error that names the file, not a verdict', async () => {
    await expect(run({ 'requirements.txt': '# nothing yet\n\n' })).rejects.toThrow(
      /requirements: requirements\.txt lists no requirements/
    )
  })
})
