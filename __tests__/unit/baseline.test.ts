// The baseline, with a real git repository and real preflight checks: the base's requirement files are read with git
// show (no second checkout) and judged statically; findings the base already had are pre-existing and do not fail.
import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import * as path from 'node:path'
import { finding } from '../../__fixtures__/report.js'
import { type Settings } from '../../src/config/settings.js'
import { type BaselineChoice } from '../../src/config/types.js'
import { silentLog } from '../../src/core/log.js'
import { readEvent, type RunEvent } from '../../src/finish/event.js'
import { finishReport } from '../../src/finish/finish.js'
import { check } from '../../src/pipeline/check.js'
import { markBaseline } from '../../src/report/baseline.js'
import { type LineText } from '../../src/report/lines.js'
import { renderFinishedSummary } from '../../src/report/render/gate.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { configFor } from '../helpers/config.js'
import { gitRepo, pullRequestEvent } from '../helpers/git-repo.js'
import { scratchDir } from '../helpers/scratch.js'

const CONFLICT = 'tensorflow-cpu==2.15.1\nkeras>=3\n'

async function judge(dir: string, baseline: BaselineChoice, event: RunEvent) {
  const tempRoot = scratchDir('bt')
  const config = configFor(dir, { preflightOnly: true, baseline })
  const settings: Settings = { config, notes: [] }
  const deps = { runner: nodeProcessRunner, log: silentLog, tempRoot, pathBase: dir, baseEnv: process.env }
  const report = await finishReport(await check(config, deps), { settings, deps, event, now: new Date() })
  return { report, leftInTemp: readdirSync(tempRoot) }
}

const prEvent = (sha: string) =>
  readEvent({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: pullRequestEvent({ sha, ref: 'main' }),
    GITHUB_REPOSITORY: 'octo/repo'
  })

describe('baseline on a real git history', () => {
  it('a pull request that adds a conflict fails: the finding is new', async () => {
    const repo = gitRepo()
    const base = repo.commit({ 'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n' })
    repo.commit({ 'requirements.txt': CONFLICT })
    const { report, leftInTemp } = await judge(repo.dir, { kind: 'auto' }, prEvent(base))
    expect(report.status).toBe('fail')
    expect(report.findings.map(f => [f.id, f.baseline])).toEqual([['keras-tf-mismatch', 'new']])
    expect(report.baseline).toMatchObject({ status: 'compared', commit: base, preExisting: 0 })
    expect(leftInTemp).toEqual([])
  })

  it('one that only carries an old conflict (moved, re-commented) passes, with it listed as pre-existing', async () => {
    const repo = gitRepo()
    const base = repo.commit({ 'requirements.txt': CONFLICT })
    repo.commit({ 'requirements.txt': '# app\nsix==1.16.0\nkeras >= 3  # later\ntensorflow-cpu==2.15.1\n' })
    const { report } = await judge(repo.dir, { kind: 'auto' }, prEvent(base))
    expect(report.status).toBe('pass')
    expect(report.findings.map(f => [f.id, f.baseline])).toEqual([['keras-tf-mismatch', 'pre-existing']])
    const summary = renderFinishedSummary(report)
    expect(summary).toContain('<h3>Findings (0)</h3>')
    expect(summary).toContain('<h3>Pre-existing findings (1)</h3>')
  })

  it('a new conflict beside an old one still fails, on the new one only', async () => {
    const repo = gitRepo()
    const base = repo.commit({ 'requirements.txt': CONFLICT })
    repo.commit({ 'requirements.txt': `${CONFLICT}numpy>=2\n` })
    const { report } = await judge(repo.dir, { kind: 'auto' }, prEvent(base))
    expect(report.status).toBe('fail')
    expect(Object.fromEntries(report.findings.map(f => [f.id, f.baseline]))).toEqual({
      'keras-tf-mismatch': 'pre-existing',
      'numpy-range': 'new'
    })
  })

  it('follows the base’s own -r includes, in a subfolder, and takes a named revision', async () => {
    const repo = gitRepo()
    repo.commit({ 'app/requirements.txt': '-r base.txt\nkeras>=3\n', 'app/base.txt': 'tensorflow-cpu==2.15.1\n' })
    repo.git('branch', 'stable')
    repo.commit({ 'app/requirements.txt': '-r base.txt\nkeras>=3\nsix\n' })
    const config = { kind: 'ref' as const, ref: 'stable' }
    const { report } = await judge(path.join(repo.dir, 'app'), config, { name: 'push', repository: '' })
    // Checked from app/ (a folder of the repository): git's `<rev>:./path` reads relative to it.
    expect(report.findings.map(f => f.baseline)).toEqual(['pre-existing'])
    expect(report.baseline).toMatchObject({ ref: 'stable', status: 'compared' })
  })

  it('a base that is not in the clone: nothing compared, every finding counts, and how to fetch it', async () => {
    const repo = gitRepo()
    repo.commit({ 'requirements.txt': CONFLICT })
    const { report } = await judge(repo.dir, { kind: 'auto' }, prEvent('1'.repeat(40)))
    expect(report.status).toBe('fail')
    expect(report.findings[0].baseline).toBeUndefined()
    expect(report.baseline).toMatchObject({ status: 'skipped' })
    expect(report.baseline!.detail).toContain('fetch-depth: 0')
  })

  it('auto on a push has no base: it says so and changes nothing', async () => {
    const repo = gitRepo()
    repo.commit({ 'requirements.txt': CONFLICT })
    const { report } = await judge(repo.dir, { kind: 'auto' }, { name: 'push', repository: 'o/r' })
    expect(report.status).toBe('fail')
    expect(report.baseline?.detail).toMatch(/auto compares on pull_request and merge_group events/)
  })
})

describe('markBaseline', () => {
  const head: LineText = (_f, l) => ['tensorflow-cpu==2.15.1', 'keras>=3'][l - 1]
  const base: LineText = (_f, l) => ['keras>=3', 'tensorflow-cpu==2.15.1'][l - 1]
  const at = (...lines: number[]) => lines.map(line => ({ file: 'requirements.txt', line }))
  it('matches the same id on the same line texts, wherever the lines moved', () => {
    const h = finding({ id: 'keras-tf-mismatch', locations: at(1, 2), stage: 'preflight' })
    const b = finding({ id: 'keras-tf-mismatch', locations: at(2, 1), stage: 'preflight' })
    expect(markBaseline({ findings: [h], lineText: head }, { findings: [b], lineText: base })[0].baseline).toBe(
      'pre-existing'
    )
  })
  it("takes a real run's finding as pre-existing when a base finding covered all of its lines", () => {
    const conflict = finding({ id: 'resolution-conflict', locations: at(1, 2) })
    const b = finding({ id: 'keras-tf-mismatch', locations: at(1, 2) })
    expect(markBaseline({ findings: [conflict], lineText: head }, { findings: [b], lineText: base })[0].baseline).toBe(
      'pre-existing'
    )
    const wider = finding({ id: 'resolution-conflict', locations: [...at(1, 2), { file: 'other.txt', line: 1 }] })
    expect(markBaseline({ findings: [wider], lineText: head }, { findings: [b], lineText: base })[0].baseline).toBe(
      'new'
    )
  })
  it('a finding that got worse is new', () => {
    const h = finding({ id: 'pip-check', severity: 'error', locations: at(1) })
    const b = finding({ id: 'pip-check', severity: 'warning', locations: at(2) })
    expect(markBaseline({ findings: [h], lineText: head }, { findings: [b], lineText: base })[0].baseline).toBe('new')
  })
})
