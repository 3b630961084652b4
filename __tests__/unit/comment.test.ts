// The pull-request comment against a local fake of the REST API (127.0.0.1): created once, found again by its hidden
// marker and updated in place, suggestions only on lines in the diff, a fork's 403 a warning naming the permission,
// and the body always under GitHub's 65,536-character limit.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { finding, report } from '../../__fixtures__/report.js'
import { type CommentTarget, upsertComment, wantsComment } from '../../src/action/comment.js'
import { rightSideLines } from '../../src/action/diff.js'
import { restClient } from '../../src/action/github-api.js'
import { type Finding } from '../../src/core/finding.js'
import { type LineText } from '../../src/report/lines.js'
import { type Report } from '../../src/report/model.js'
import { COMMENT_LIMIT, markerLine, renderComment, renderSuggestion } from '../../src/report/render/comment.js'
import { type FakeGitHub, fakeGitHub } from '../helpers/fake-github.js'

const FILE = 'requirements.txt'
const LINES = ['tensorflow-cpu==2.15.1', 'keras>=3  # the new Keras', 'six==1.16.0']
const lineText: LineText = (file, line) => (file === FILE ? LINES[line - 1] : undefined)

const mismatch: Finding = finding({
  id: 'keras-tf-mismatch',
  title: '`keras>=3` cannot be installed beside `tensorflow-cpu==2.15.1`',
  explanation: 'TensorFlow 2.15 requires keras<2.16.',
  fix: 'Change the keras line to `keras>=2.15.0,<2.16`.',
  locations: [
    { file: FILE, line: 1 },
    { file: FILE, line: 2 }
  ],
  edits: [{ file: FILE, line: 2, before: 'keras>=3', after: 'keras>=2.15.0,<2.16' }],
  verification: { status: 'verified', detail: 'resolves (uv 0.13.9 dry run)' }
})
const failing = (findings: Finding[] = [mismatch]): Report => report({ status: 'fail', findings })

let gh: FakeGitHub
beforeEach(async () => {
  gh = await fakeGitHub('octo/repo', 7)
})
afterEach(async () => {
  await gh.close()
})

function target(overrides: Partial<CommentTarget> = {}): CommentTarget {
  return {
    api: restClient(gh.url, 'ghs_faketoken123'),
    repository: 'octo/repo',
    pullRequest: { number: 7, headSha: 'a'.repeat(40), fork: false },
    marker: 'workflow=ci job=keras dir=. leg= python=3.11',
    ...overrides
  }
}

const post = (r: Report, choice: 'always' | 'on-failure' = 'always', t = target()) =>
  upsertComment(r, { choice, failOn: 'error', target: t, lineText })

describe('the comment on the fake API', () => {
  it('creates one comment with the verdict, the finding and its fix plan, with the token, and nothing else', async () => {
    const outcome = await post(failing())
    expect(outcome).toEqual({ action: 'created', suggestions: 0 })
    expect(gh.comments).toHaveLength(1)
    const body = gh.comments[0].body
    expect(body.startsWith(markerLine(target().marker))).toBe(true)
    expect(body).toContain('❌ fail')
    expect(body).toContain('keras-tf-mismatch')
    expect(body).toContain('- keras&gt;=3&#10;+ keras&gt;=2.15.0,&lt;2.16')
    expect(body).toContain('verified')
    expect(gh.calls.every(c => c.token === 'ghs_faketoken123')).toBe(true)
    expect(gh.calls.filter(c => c.method !== 'GET').map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /repos/octo/repo/issues/7/comments'
    ])
  })

  it('finds its comment again by the hidden marker (past the first page) and updates it in place', async () => {
    for (let i = 0; i < 150; i++) gh.comments.push({ id: i + 1, body: `chat ${i}`, user: { login: 'u', type: 'User' } })
    await post(failing())
    const fixed = report({ status: 'pass', findings: [] })
    expect(await post(fixed)).toEqual({ action: 'updated', suggestions: 0 })
    const mine = gh.comments.filter(c => c.body.includes('keras-compat:'))
    expect(mine).toHaveLength(1)
    expect(mine[0].body).toContain('✅ pass')
    expect(gh.calls.map(c => c.path)).toContain('/repos/octo/repo/issues/7/comments?per_page=100&page=2')
    expect(gh.calls.filter(c => c.method === 'PATCH').map(c => c.path)).toEqual([
      `/repos/octo/repo/issues/comments/${mine[0].id}`
    ])
  })

  it('keeps one comment per job: another marker (another job or matrix leg) gets its own', async () => {
    await post(failing())
    await post(
      failing(),
      'always',
      target({ marker: 'workflow=ci job=keras dir=. leg=tensorflow-cpu 2.21 python=3.11' })
    )
    expect(gh.comments).toHaveLength(2)
  })

  it('on-failure: says nothing for a pass, but updates its own earlier failure comment to the pass', async () => {
    expect(await post(report({ status: 'pass' }), 'on-failure')).toEqual({ action: 'skipped', suggestions: 0 })
    expect(gh.comments).toHaveLength(0)
    await post(failing(), 'on-failure')
    expect(await post(report({ status: 'pass' }), 'on-failure')).toMatchObject({ action: 'updated' })
    expect(gh.comments[0].body).toContain('✅ pass')
  })

  it('a 403 (a fork pull request, read-only token) is a warning naming pull-requests: write, never a throw', async () => {
    gh.forbid = 'writes'
    const outcome = await post(failing(), 'always', target({ pullRequest: { number: 7, headSha: '', fork: true } }))
    expect(outcome.action).toBe('failed')
    expect(outcome.warning).toContain('pull-requests: write')
    expect(outcome.warning).toContain('fork')
    expect(outcome.warning).toContain('HTTP 403')
    expect(gh.comments).toHaveLength(0)
  })

  it('an unreachable API is a warning too', async () => {
    await gh.close()
    const outcome = await post(failing(), 'always', target({ api: restClient('http://127.0.0.1:9', 't') }))
    expect(outcome.action).toBe('failed')
    expect(outcome.warning).toMatch(/could not comment on pull request #7/)
    gh = await fakeGitHub()
  })

  it('stays under 65,536 characters with hundreds of long findings, and says how many it left out', async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding({ id: 'pip-check', severity: 'warning', title: `finding ${i}`, explanation: 'x'.repeat(2000) })
    )
    expect(await post(failing(many))).toMatchObject({ action: 'created' })
    const body = gh.comments[0].body
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toMatch(/(\d+) more finding\(s\) left out/)
    const left = Number(/(\d+) more finding\(s\) left out/.exec(body)![1])
    expect(left).toBeGreaterThan(300)
    expect(body.match(/<h4>/g)!.length + left).toBe(400)
  })
})

describe('suggestions on the diff', () => {
  const patch = '@@ -1,2 +1,3 @@\n tensorflow-cpu==2.15.1\n-keras<3\n+keras>=3  # the new Keras\n+six==1.16.0'

  it('posts a suggestion block for a planned edit on a line of the diff, keeping the rest of the line', async () => {
    gh.files.push({ filename: FILE, patch })
    expect(await post(failing())).toEqual({ action: 'created', suggestions: 1 })
    expect(gh.reviewComments).toHaveLength(1)
    const review = gh.reviewComments[0]
    expect(review).toMatchObject({ path: FILE, line: 2, side: 'RIGHT', commit_id: 'a'.repeat(40) })
    expect(review.body).toContain('```suggestion\nkeras>=2.15.0,<2.16  # the new Keras\n```')
    expect(gh.comments[0].body).toContain('posted as suggestions')
    // Again: the same suggestion is found by its marker and not posted twice.
    await post(failing())
    expect(gh.reviewComments).toHaveLength(1)
  })

  it('posts none when the line is not in the diff, or the file has no patch', async () => {
    gh.files.push({ filename: FILE, patch: '@@ -3 +3 @@\n-six\n+six==1.16.0' })
    expect(await post(failing())).toMatchObject({ suggestions: 0 })
    gh.files.splice(0, 1, { filename: FILE })
    expect(await post(failing())).toMatchObject({ suggestions: 0 })
    expect(gh.reviewComments).toHaveLength(0)
    expect(gh.comments[0].body).not.toContain('posted as suggestions')
  })

  it('reads the right-hand lines of a patch: context and added lines, not removed ones', () => {
    expect([...rightSideLines(patch)]).toEqual([1, 2, 3])
    expect([
      ...rightSideLines('@@ -10,3 +20,2 @@ def f():\n ctx\n-gone\n+new\n\\ No newline at end of file\n')
    ]).toEqual([20, 21])
  })
})

describe('the comment body', () => {
  it('cannot ping anyone or open markup from package text', () => {
    const hostile = finding({
      title: 'ping @octocat and @org/team',
      explanation: 'line one\n\n# Heading\n<img src=x onerror=alert(1)> [link](https://evil.example)',
      evidence: ''
    })
    const body = renderComment({ report: failing([hostile]), marker: 'm' })
    expect(body).not.toMatch(/@octocat|@org/)
    expect(body).toContain('@&#8203;octocat')
    expect(body).not.toContain('<img')
    expect(body).not.toMatch(/\n\n/)
  })

  it('lists pre-existing and suppressed findings apart, not as findings', () => {
    const old = { ...mismatch, baseline: 'pre-existing' as const }
    const gone = {
      ...finding({ id: 'pip-check' }),
      suppression: { reason: 'upstream bug', source: { file: '.github/keras-compat.yml', line: 4 } }
    }
    const body = renderComment({
      report: report({
        status: 'pass',
        findings: [old],
        suppressed: [gone],
        baseline: { ref: 'origin/main', commit: 'b'.repeat(40), status: 'compared', detail: 'x', preExisting: 1 }
      }),
      marker: 'm'
    })
    expect(body).toContain('0 new, 1 pre-existing')
    expect(body).toContain('<summary>Pre-existing findings (1)</summary>')
    expect(body).toContain('<summary>Suppressed findings (1)</summary>')
    expect(body).toContain('upstream bug')
    expect(body).not.toContain('<h4>')
  })

  it('a matrix: one table of versions, each finding under its version', () => {
    const body = renderComment({
      report: {
        schemaVersion: 1,
        kind: 'matrix',
        status: 'fail',
        matrixPass: 'all',
        entries: [
          { requested: '2.15', report: report() },
          { requested: '2.21', report: failing() }
        ],
        newestPassing: '2.15.1',
        toNewest: ''
      },
      marker: 'm'
    })
    expect(body).toContain('<h3>keras-compat matrix: ❌ fail</h3>')
    expect(body).toContain('<tr><td>2.21</td><td>2.21.0</td><td>❌ fail</td></tr>')
    expect(body).toMatch(/<h4>\[2\.21\] ❌ <a [^>]+>keras-tf-mismatch<\/a>/)
  })

  it('fences a suggestion longer than any backtick run in the line, and removes a line with an empty block', () => {
    const s = renderSuggestion(mismatch, 'pkg==1.0  # ```` odd', 'm')
    expect(s).toContain('`````suggestion\npkg==1.0  # ```` odd\n`````')
    expect(renderSuggestion(mismatch, null, 'm')).toContain('```suggestion\n```')
  })

  it('wants a comment by the choice and the verdict', () => {
    expect(wantsComment('always', 'pass', 'error')).toBe(true)
    expect(wantsComment('on-failure', 'pass', 'error')).toBe(false)
    expect(wantsComment('on-failure', 'warn', 'error')).toBe(false)
    expect(wantsComment('on-failure', 'warn', 'warning')).toBe(true)
    expect(wantsComment('on-failure', 'fail', 'never')).toBe(true)
    expect(wantsComment('never', 'fail', 'error')).toBe(false)
  })
})
