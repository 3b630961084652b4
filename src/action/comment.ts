import { createHash } from 'node:crypto'
import { type CommentChoice, type FailOn } from '../core/constants.js'
import { errorMessage } from '../core/errors.js'
import { type Edit, type Finding } from '../core/finding.js'
import { type LineText, normalizeLine } from '../report/lines.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { markerLine, renderComment, renderSuggestion } from '../report/render/comment.js'
import { failsAt } from '../report/verdict.js'
import { rightSideLines } from './diff.js'
import { type GitHubApi, listAll } from './github-api.js'

/** Where the comment goes, and how it is found again. */
export interface CommentTarget {
  api: GitHubApi
  /** owner/name. */
  repository: string
  pullRequest: { number: number; headSha: string; fork: boolean }
  /** One per pull request and job (and matrix leg): the hidden marker's text. */
  marker: string
  runUrl?: string
}

export interface CommentOutcome {
  /** What was done: `created`, `updated`, `unchanged`, `skipped` (nothing to say), or `failed` (see `warning`). */
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'
  suggestions: number
  /** For the log: a warning to show (never a failure of the step). */
  warning?: string
}

// A pull request with hundreds of findings gets its comment; the diff is not buried under suggestions.
const MAX_SUGGESTIONS = 20

class ApiError extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: unknown
  ) {
    const message = body && typeof body === 'object' && 'message' in body ? String(body.message) : ''
    super(`${what}: HTTP ${status}${message ? ` (${message.slice(0, 300)})` : ''}`)
  }
}

interface Listed {
  id: number
  body: string
}

function asListed(items: unknown[]): Listed[] {
  return items
    .filter((c): c is { id: number; body: string } => {
      const o = c as { id?: unknown; body?: unknown }
      return typeof o?.id === 'number' && typeof o.body === 'string'
    })
    .map(c => ({ id: c.id, body: c.body }))
}

/** Whether this run has something to say: the choice, and the verdict against fail-on. */
export function wantsComment(choice: CommentChoice, status: Report['status'], failOn: FailOn): boolean {
  if (choice === 'always') return true
  return choice === 'on-failure' && (status === 'fail' || failsAt(status, failOn))
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)

/**
 * The fix plan's line edits are the suggestions to make (a finding's own edit may not be the plan's): each rides on
 * the error finding at its line, else on the first error finding, so that the comment says which it fixes.
 */
function withPlanEdits(findings: Finding[], planEdits: Edit[]): Finding[] {
  if (planEdits.length === 0) return findings
  const errors = findings.filter(f => f.severity === 'error')
  const owner = (e: Edit) =>
    errors.find(f => f.locations.some(l => l.file === e.file && l.line === e.line)) ?? errors[0]
  const extra = new Map<Finding, Edit[]>()
  for (const e of planEdits) {
    const f = owner(e)
    const known = (f?.edits ?? []).some(x => x.file === e.file && x.line === e.line && x.after === e.after)
    if (f && !known) extra.set(f, [...(extra.get(f) ?? []), e])
  }
  return findings.map(f => (extra.has(f) ? { ...f, edits: [...(f.edits ?? []), ...extra.get(f)!] } : f))
}

/** Each planned line edit that lands on a line of the diff, with the line as it will read after the edit. */
async function suggestionsFor(
  findings: Finding[],
  target: CommentTarget,
  lineText: LineText
): Promise<{ finding: Finding; edit: Edit & { line: number }; replacement: string | null }[]> {
  const edits = findings.flatMap(f =>
    (f.edits ?? [])
      .filter((e): e is Edit & { line: number } => e.line !== undefined)
      .map(edit => ({ finding: f, edit }))
  )
  if (edits.length === 0 || !target.pullRequest.headSha) return []
  const { repository, pullRequest } = target
  const files = await listAll(target.api, `/repos/${repository}/pulls/${pullRequest.number}/files`)
  if (files.status !== 200) throw new ApiError(files.status, 'reading the pull request files', files.body)
  const inDiff = new Map<string, Set<number>>()
  for (const f of files.items as { filename?: unknown; patch?: unknown }[])
    if (typeof f.filename === 'string' && typeof f.patch === 'string') inDiff.set(f.filename, rightSideLines(f.patch))
  return edits
    .filter(({ edit }) => inDiff.get(edit.file)?.has(edit.line))
    .map(({ finding, edit }) => ({ finding, edit, text: lineText(edit.file, edit.line) }))
    .filter((x): x is typeof x & { text: string } => x.text !== undefined && x.text.includes(x.edit.before))
    .map(({ finding, edit, text }) => ({
      finding,
      edit,
      replacement: edit.after === '' ? null : text.replace(edit.before, edit.after)
    }))
    .slice(0, MAX_SUGGESTIONS)
}

/** Posts the suggestions as review comments on their lines, each found again by its own marker. */
async function postSuggestions(
  target: CommentTarget,
  planned: Awaited<ReturnType<typeof suggestionsFor>>,
  lineText: LineText
): Promise<Set<Edit>> {
  const posted = new Set<Edit>()
  if (planned.length === 0) return posted
  const { api, repository, pullRequest } = target
  const existing = await listAll(api, `/repos/${repository}/pulls/${pullRequest.number}/comments`)
  if (existing.status !== 200) throw new ApiError(existing.status, 'reading the review comments', existing.body)
  const listed = asListed(existing.items)
  for (const { finding, edit, replacement } of planned) {
    const key = hash(`${edit.file}\0${normalizeLine(lineText(edit.file, edit.line) ?? '')}\0${edit.after}`)
    const marker = `${target.marker} suggestion=${key}`
    const body = renderSuggestion(finding, replacement, marker)
    const found = listed.find(c => c.body.startsWith(markerLine(marker)))
    const r = found
      ? found.body === body
        ? { status: 200, body: null }
        : await api.request('PATCH', `/repos/${repository}/pulls/comments/${found.id}`, { body })
      : await api.request('POST', `/repos/${repository}/pulls/${pullRequest.number}/comments`, {
          body,
          commit_id: pullRequest.headSha,
          path: edit.file,
          line: edit.line,
          side: 'RIGHT'
        })
    if (r.status !== 200 && r.status !== 201) throw new ApiError(r.status, 'posting a suggestion', r.body)
    posted.add(edit)
  }
  return posted
}

/** Why a refusal happened, in the words that fix it. */
function refusal(error: unknown, target: CommentTarget): string {
  const pr = `pull request #${target.pullRequest.number}`
  if (error instanceof ApiError && (error.status === 403 || error.status === 401)) {
    const fork = target.pullRequest.fork
      ? ' This pull request comes from a fork, and GitHub gives such runs a read-only token.'
      : ''
    return `keras-compat could not comment on ${pr}: ${error.message}. The job's token needs \`pull-requests: write\` (add it under permissions:).${fork} The check itself is unaffected; set comment: never to stop trying.`
  }
  return `keras-compat could not comment on ${pr}: ${errorMessage(error)}. The check itself is unaffected.`
}

/**
 * Creates the pull request's comment, or updates the one this job posted before (found by its hidden marker), and
 * posts planned line edits that fall on the diff as suggestions. With `on-failure`, a run with nothing to say still
 * updates an earlier comment, so a fixed pull request does not keep a stale failure. Never throws: a refusal (a fork's
 * read-only token) is a warning that names the permission.
 */
export async function upsertComment(
  report: Report | MatrixReport,
  options: { choice: CommentChoice; failOn: FailOn; target: CommentTarget; lineText: LineText }
): Promise<CommentOutcome> {
  const { target } = options
  const { api, repository, pullRequest } = target
  const wanted = wantsComment(options.choice, report.status, options.failOn)
  try {
    const comments = await listAll(api, `/repos/${repository}/issues/${pullRequest.number}/comments`)
    if (comments.status !== 200) throw new ApiError(comments.status, 'reading the comments', comments.body)
    const mine = asListed(comments.items).find(c => c.body.startsWith(markerLine(target.marker)))
    if (!wanted && !mine) return { action: 'skipped', suggestions: 0 }
    const findings = 'kind' in report ? report.entries.flatMap(e => e.report.findings) : report.findings
    const plan = 'kind' in report ? report.newestPlan : report.fixPlan
    const counted = withPlanEdits(
      findings.filter(f => f.baseline !== 'pre-existing'),
      plan?.found ? plan.edits : []
    )
    const planned = wanted ? await suggestionsFor(counted, target, options.lineText) : []
    const suggested = await postSuggestions(target, planned, options.lineText)
    const body = renderComment({ report, marker: target.marker, runUrl: target.runUrl, suggested })
    if (mine?.body === body) return { action: 'unchanged', suggestions: suggested.size }
    const r = mine
      ? await api.request('PATCH', `/repos/${repository}/issues/comments/${mine.id}`, { body })
      : await api.request('POST', `/repos/${repository}/issues/${pullRequest.number}/comments`, { body })
    if (r.status !== 200 && r.status !== 201)
      throw new ApiError(r.status, mine ? 'updating the comment' : 'commenting', r.body)
    return { action: mine ? 'updated' : 'created', suggestions: suggested.size }
  } catch (error) {
    return { action: 'failed', suggestions: 0, warning: refusal(error, target) }
  }
}
