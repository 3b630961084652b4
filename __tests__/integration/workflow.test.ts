// Issue #16 through the bundle, as the runner runs it: the baseline on a real git history with real installs, the
// pull-request comment against a local fake of the REST API, the test constraints reaching real pip and uv, and the
// pre-commit hook run by the real pre-commit. Every run's report and SARIF are checked against their schemas by the
// runner helper.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type FakeGitHub, fakeGitHub } from '../helpers/fake-github.js'
import { gitRepo, pullRequestEvent } from '../helpers/git-repo.js'
import { sarifErrors } from '../helpers/sarif-schema.js'
import { repoWith, ROOT, runAction } from './helpers/runner.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(15 * 60_000)

const CONFLICT = 'tensorflow-cpu==2.15.1\nkeras>=3\n'
const prEnv = (base: string, head = 'f'.repeat(40)) => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: pullRequestEvent({ sha: base, ref: 'main' }, head),
  GITHUB_REPOSITORY: 'octo/repo'
})

describe('baseline: auto on a pull request, with real installs', () => {
  it('a pull request that adds a conflict fails on it', async () => {
    const repo = gitRepo()
    const base = repo.commit({ 'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n' }, 'base')
    repo.commit({ 'requirements.txt': CONFLICT }, 'adds Keras 3')
    const run = await runAction({ workspace: repo.dir, inputs: { baseline: 'auto' }, env: prEnv(base) })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('fail')
    const findings = JSON.parse(run.outputs.findings) as { id: string; baseline?: string }[]
    expect(findings.filter(f => f.baseline === 'new').map(f => f.id)).toContain('keras-tf-mismatch')
    expect(findings.every(f => f.baseline === 'new')).toBe(true)
    expect(run.log).toMatch(/Baseline: compared with the base of pull request #12 \([0-9a-f]{12}\): 0 pre-existing/)
    expect(run.leftInTemp.filter(f => !/^keras-compat-fix-.*\.patch$/.test(f))).toEqual([
      expect.stringMatching(/^keras-compat-report-.*\.json$/)
    ])
  })

  it('one that only carries an old conflict passes, with it listed as pre-existing', async () => {
    const repo = gitRepo()
    const base = repo.commit({ 'requirements.txt': CONFLICT }, 'an old conflict')
    repo.commit({ 'requirements.txt': `# pinned\n${CONFLICT}six==1.16.0\n`, 'README.md': 'docs\n' }, 'unrelated')
    const run = await runAction({ workspace: repo.dir, inputs: { baseline: 'auto' }, env: prEnv(base) })
    expect(run.outputs.status).toBe('pass')
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    // The real resolution failed on the old conflict (its words are the finding's evidence): pre-existing too.
    expect(report.outcome).toBe('resolve-failed')
    expect(report.findings.map((f: { id: string; baseline: string }) => [f.id, f.baseline]).sort()).toEqual([
      ['keras-tf-mismatch', 'pre-existing']
    ])
    expect(report.baseline).toMatchObject({ status: 'compared', commit: base, preExisting: 1 })
    expect(run.summary).toContain('<h3>Findings (0)</h3>')
    expect(run.summary).toContain('<h3>Pre-existing findings (1)</h3>')
    // Pre-existing findings are notices on their lines, not errors.
    expect(run.log).not.toMatch(/^::error /m)
    expect(run.log).toMatch(/^::notice title=keras-tf-mismatch%3A \(pre-existing\) .*,file=requirements\.txt,line=2::/m)
  })
})

describe('the pull-request comment through the bundle', () => {
  let gh: FakeGitHub
  beforeAll(async () => {
    gh = await fakeGitHub('octo/repo', 12)
  })
  afterAll(async () => {
    await gh.close()
  })

  const env = (fork = false) => {
    const event = pullRequestEvent({ sha: 'e'.repeat(40), ref: 'main' }, 'a'.repeat(40))
    if (fork) {
      const payload = JSON.parse(readFileSync(event, 'utf8'))
      payload.pull_request.head.repo.full_name = 'someone/fork'
      writeFileSync(event, JSON.stringify(payload))
    }
    return {
      GITHUB_API_URL: gh.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'octo/repo',
      GITHUB_WORKFLOW: 'keras',
      GITHUB_JOB: 'check'
    }
  }
  const inputs = { comment: 'always', 'github-token': 'ghs_secret_test_token_123', 'preflight-only': 'true' }

  it('creates the comment with the fix plan as a suggestion on a changed line, then updates that one comment in place', async () => {
    const dir = repoWith(CONFLICT)
    // Both lines are new in this pull request: the plan's edit lands on the diff wherever it is.
    gh.files.push({ filename: 'requirements.txt', patch: '@@ -0,0 +1,2 @@\n+tensorflow-cpu==2.15.1\n+keras>=3' })
    const first = await runAction({ workspace: dir, inputs, env: env() })
    expect(first.outputs.status).toBe('fail')
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0].body).toContain('keras-tf-mismatch')
    const plan = JSON.parse(readFileSync(first.outputs.report, 'utf8')).fixPlan as {
      edits: { file: string; line: number; after: string }[]
    }
    expect(plan.edits).toHaveLength(1)
    const [edit] = plan.edits
    expect(gh.reviewComments).toEqual([
      expect.objectContaining({ path: edit.file, line: edit.line, side: 'RIGHT', commit_id: 'a'.repeat(40) })
    ])
    expect(gh.reviewComments[0].body).toContain(`\`\`\`suggestion\n${edit.after}\n\`\`\``)
    expect(first.log).toContain('comment: created on pull request #12, 1 suggestion(s) on the diff.')
    // The pull request is fixed: the same comment now says so.
    writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow-cpu==2.15.1\nkeras>=2.15.0,<2.16\n')
    const second = await runAction({ workspace: dir, inputs, env: env() })
    expect(second.outputs.status).toBe('pass')
    expect(second.log).toContain('comment: updated on pull request #12.')
    expect(gh.comments).toHaveLength(1)
    expect(gh.comments[0].body).toContain('✅ pass')
    expect(gh.calls.filter(c => c.method === 'PATCH').map(c => c.path)).toEqual([
      `/repos/octo/repo/issues/comments/${gh.comments[0].id}`
    ])
    expect(gh.reviewComments).toHaveLength(1)
    expect(gh.calls.every(c => c.token === 'ghs_secret_test_token_123')).toBe(true)
    // The token reaches the API and nothing else: the runner is told to mask it (the one line it appears on, which
    // the runner consumes), and it is not in the log, the outputs, the summary or the report.
    expect(second.log).toContain('::add-mask::ghs_secret_test_token_123\n')
    const shown = second.log.replace('::add-mask::ghs_secret_test_token_123\n', '')
    for (const text of [
      shown,
      JSON.stringify(second.outputs),
      second.summary,
      readFileSync(second.outputs.report, 'utf8')
    ])
      expect(text).not.toContain('ghs_secret_test_token_123')
  })

  it('a fork pull request whose token cannot write: a warning naming pull-requests: write, the step as before', async () => {
    gh.forbid = 'writes'
    gh.comments.splice(0)
    gh.reviewComments.splice(0)
    try {
      const dir = repoWith(CONFLICT)
      const run = await runAction({ workspace: dir, inputs: { ...inputs, 'fail-on': 'never' }, env: env(true) })
      expect(run.exitCode).toBe(0)
      expect(run.log).toMatch(
        /^::warning::keras-compat could not comment on pull request #12: .*HTTP 403.*pull-requests: write.*fork/m
      )
    } finally {
      gh.forbid = 'none'
    }
  })
})

describe('the command line: requirement files as arguments, SARIF, a baseline revision', () => {
  it('checks each file on its own, writes one SARIF run per file, and compares with a named revision', () => {
    const repo = gitRepo()
    repo.commit({ 'requirements.txt': CONFLICT, 'requirements-dev.txt': 'six==1.16.0\n' }, 'base')
    repo.git('branch', 'stable')
    repo.commit({ 'requirements-dev.txt': 'tensorflow-cpu==2.15.1\nnumpy>=2\n' }, 'a new problem in dev')
    // Outside the repository (the SARIF file must not become one of its files), in a folder the suite removes.
    const sarifFile = path.join(scratchDir('sarif'), 'cli.sarif')
    const cli = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'dist/cli.js'),
        'requirements.txt',
        'requirements-dev.txt',
        '--preflight-only',
        '--baseline',
        'stable',
        '--sarif',
        sarifFile,
        '--json'
      ],
      { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }
    )
    const reports = JSON.parse(cli.stdout) as { status: string; findings: { id: string; baseline: string }[] }[]
    expect(reports.map(r => [r.status, r.findings.map(f => `${f.id}:${f.baseline}`)])).toEqual([
      ['pass', ['keras-tf-mismatch:pre-existing']],
      ['fail', ['numpy-range:new']]
    ])
    expect(cli.status).toBe(1)
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'))
    expect(sarifErrors(sarif)).toEqual([])
    expect(sarif.runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id)).toEqual([
      'keras-compat/requirements.txt/',
      'keras-compat/requirements-dev.txt/'
    ])
    expect(sarif.runs[0].results[0].baselineState).toBe('unchanged')
  })
})

describe('the test constraints reach the installers keras-compat runs', () => {
  it('a capped package is capped for uv and for pip, through XDG_CONFIG_HOME', async () => {
    const dir = scratchDir('constraints')
    const caps = path.join(dir, 'caps.txt')
    writeFileSync(caps, '# a cap that bites\nsix<=1.15.0\n')
    const made = execFileSync(
      process.execPath,
      [path.join(ROOT, 'scripts/test-constraints.mjs'), path.join(dir, 'config'), caps],
      {
        encoding: 'utf8'
      }
    )
    const xdg = made.trim().replace(/^XDG_CONFIG_HOME=/, '')
    for (const installer of ['uv', 'pip']) {
      const run = await runAction({
        workspace: repoWith('six\n'),
        inputs: { installer },
        env: { XDG_CONFIG_HOME: xdg }
      })
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
      expect({ installer, ok: report.installer.ok }).toEqual({ installer, ok: true })
      expect({ installer, six: /six[=-]=?1\.15\.0/.test(report.installer.log) }).toEqual({ installer, six: true })
    }
  })

  it('the real constraints file only caps, and caps the TensorFlow family the tests install', () => {
    const text = readFileSync(path.join(ROOT, '__tests__/integration/constraints.txt'), 'utf8')
    const lines = text.split('\n').filter(l => l.trim() && !l.startsWith('#'))
    expect(lines.length).toBeGreaterThanOrEqual(8)
    for (const line of lines) expect(line).toMatch(/^[a-z0-9-]+<=\d+(\.\d+)+$/)
    for (const name of ['tensorflow-cpu', 'keras', 'tf-keras', 'numpy', 'protobuf', 'tensorflow-probability'])
      expect(lines.some(l => l.startsWith(`${name}<=`))).toBe(true)
  })
})

describe('the pre-commit hook, run by pre-commit itself', () => {
  it('fails a commit that brings a conflict and passes a clean one; nothing is installed for the hook', () => {
    const venv = scratchDir('pre-commit')
    execFileSync('python3', ['-m', 'venv', venv])
    const bin = (name: string) => path.join(venv, 'bin', name)
    execFileSync(bin('pip'), ['install', '--quiet', 'pre-commit==4.7.0'], { stdio: 'ignore' })
    const repo = gitRepo()
    repo.commit({ 'requirements.txt': CONFLICT, 'svc/requirements-dev.txt': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n' })
    const tryRepo = (file: string) =>
      spawnSync(bin('pre-commit'), ['try-repo', ROOT, 'keras-compat-preflight', '--files', file], {
        cwd: repo.dir,
        encoding: 'utf8',
        env: {
          PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
          HOME: repo.dir,
          PRE_COMMIT_HOME: path.join(venv, 'cache')
        }
      })
    try {
      const bad = tryRepo('requirements.txt')
      expect(bad.status).toBe(1)
      expect(bad.stdout).toMatch(/keras-compat preflight\.+Failed/)
      expect(bad.stdout).toContain('keras-tf-mismatch')
      const good = tryRepo('svc/requirements-dev.txt')
      expect(good.stdout).toMatch(/keras-compat preflight\.+Passed/)
      expect(good.status).toBe(0)
      expect(existsSync(path.join(repo.dir, '.venv'))).toBe(false)
    } finally {
      rmSync(venv, { recursive: true, force: true })
    }
  })
})
