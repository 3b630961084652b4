import { FINDINGS_DOC } from '../../core/constants.js'
import { type Edit, type Finding } from '../../core/finding.js'
import { VERSION } from '../../core/version.js'
import { type MatrixReport, type Report } from '../model.js'
import { type SuppressedFinding } from '../suppress.js'
import { escapeBlock, escapeLine, inlineHtml } from './escape.js'
import { headline } from './headline.js'
import { SEVERITY_MARK, STATUS_HEADLINE } from './labels.js'
import { matrixTopLine } from './matrix.js'
import { planText } from './edits-text.js'

/** GitHub refuses a comment body over 65,536 characters; JavaScript's length (UTF-16 units) never undercounts them. */
export const COMMENT_LIMIT = 65_536

export interface CommentInput {
  report: Report | MatrixReport
  /** The hidden marker that finds this comment again (one per pull request and job). */
  marker: string
  /** Link to the run, for the logs and the full summary. */
  runUrl?: string
  /** Line edits that were posted as suggestions on the pull request's diff. */
  suggested?: Set<Edit>
  limit?: number
}

/** The hidden first line of every comment keras-compat posts: what it looks for to update in place. */
export const markerLine = (marker: string) => `<!-- keras-compat:${marker} -->`

// Text from packages and files could name a user or a team: a zero-width space after `@` keeps it from pinging them.
const quiet = (html: string) => html.replace(/@(?=[A-Za-z0-9])/g, '@&#8203;')

const placeOf = (f: Finding) =>
  f.locations.map(l => `<code>${escapeLine(l.line ? `${l.file}:${l.line}` : l.file)}</code>`).join(', ')

function findingBlock(f: Finding, suggested: Set<Edit>): string {
  const plan = planText(f)
  const posted = (f.edits ?? []).filter(e => suggested.has(e)).length
  const v = f.verification
  return [
    `<h4>${SEVERITY_MARK[f.severity]} <a href="${FINDINGS_DOC}#${escapeLine(f.id)}">${escapeLine(f.id)}</a>: ${inlineHtml(f.title)}</h4>`,
    `<p>${inlineHtml(f.explanation, true)}</p>`,
    f.fix ? `<p><strong>Fix:</strong> ${inlineHtml(f.fix, true)}</p>` : '',
    placeOf(f) ? `<p><strong>Where:</strong> ${placeOf(f)}</p>` : '',
    plan ? `<pre lang="diff">${escapeBlock(plan)}</pre>` : '',
    v ? `<p><strong>Fix check:</strong> ${escapeLine(v.status)}: ${escapeLine(v.detail)}</p>` : '',
    posted > 0
      ? `<p>💡 ${posted} line edit(s) posted as suggestions on the diff: apply them from the review comments.</p>`
      : ''
  ]
    .filter(Boolean)
    .join('\n')
}

const line = (f: Finding, extra = '') =>
  `<li>${SEVERITY_MARK[f.severity]} <a href="${FINDINGS_DOC}#${escapeLine(f.id)}">${escapeLine(f.id)}</a>: ${inlineHtml(f.title)}${placeOf(f) ? ` — ${placeOf(f)}` : ''}${extra}</li>`

function folded(title: string, items: string[]): string {
  return items.length === 0
    ? ''
    : `<details><summary>${escapeLine(title)} (${items.length})</summary>\n<ul>\n${items.join('\n')}\n</ul>\n</details>`
}

const suppressedLine = (f: SuppressedFinding) =>
  line(
    f,
    ` — suppressed: ${inlineHtml(f.suppression.reason)}${f.suppression.until ? ` (until ${escapeLine(f.suppression.until)})` : ''}`
  )

interface Parts {
  head: string[]
  findings: string[]
  tail: string[]
}

function singleParts(report: Report, suggested: Set<Edit>, label = ''): Parts {
  const counted = report.findings.filter(f => f.baseline !== 'pre-existing')
  const old = report.findings.filter(f => f.baseline === 'pre-existing')
  const b = report.baseline
  return {
    head: [
      `<h3>keras-compat${label ? ` (${escapeLine(label)})` : ''}: ${STATUS_HEADLINE[report.status]}</h3>`,
      `<p>${inlineHtml(headline({ ...report, findings: counted }))}</p>`,
      b?.status === 'compared'
        ? `<p>Compared with ${escapeLine(b.ref)} (<code>${escapeLine(b.commit.slice(0, 12))}</code>): ${counted.length} new, ${old.length} pre-existing (listed, not counted).</p>`
        : b
          ? `<p>${escapeLine(b.detail)}</p>`
          : '',
      counted.length === 0 ? '<p>No findings.</p>' : ''
    ],
    findings: counted.map(f => findingBlock(f, suggested)),
    tail: [
      folded(
        'Pre-existing findings',
        old.map(f => line(f))
      ),
      folded('Suppressed findings', (report.suppressed ?? []).map(suppressedLine))
    ]
  }
}

function matrixParts(m: MatrixReport, suggested: Set<Edit>): Parts {
  const rows = m.entries.map(
    e =>
      `<tr><td>${escapeLine(e.requested)}</td><td>${escapeLine(e.report.environment.tensorflow || '—')}</td><td>${STATUS_HEADLINE[e.report.status]}</td></tr>`
  )
  const per = m.entries.map(e => ({ e, parts: singleParts(e.report, suggested, `TensorFlow ${e.requested}`) }))
  return {
    head: [
      `<h3>keras-compat matrix: ${STATUS_HEADLINE[m.status]}</h3>`,
      `<p>${escapeLine(matrixTopLine(m))}</p>`,
      `<table>\n<tr><th>requested</th><th>TensorFlow</th><th>status</th></tr>\n${rows.join('\n')}\n</table>`
    ],
    findings: per.flatMap(({ e, parts }) =>
      parts.findings.map(f => f.replace(/^<h4>/, `<h4>[${escapeLine(e.requested)}] `))
    ),
    tail: per.flatMap(({ e, parts }) =>
      parts.tail.filter(Boolean).map(t => t.replace('<summary>', `<summary>TensorFlow ${escapeLine(e.requested)}: `))
    )
  }
}

/**
 * The pull-request comment: the verdict, the findings with their fixes and fix plans, then the pre-existing and
 * suppressed ones folded. Findings are kept, most severe first, while the body stays under GitHub's limit; the rest
 * are counted in a note that points at the job summary. Everything untrusted is escaped as in the summary.
 */
export function renderComment(input: CommentInput): string {
  const limit = input.limit ?? COMMENT_LIMIT
  const suggested = input.suggested ?? new Set<Edit>()
  const parts = 'kind' in input.report ? matrixParts(input.report, suggested) : singleParts(input.report, suggested)
  const foot = `<p><sub>keras-compat ${escapeLine(VERSION)}${input.runUrl ? ` · <a href="${escapeLine(input.runUrl)}">the run, its job summary and logs</a>` : ''}</sub></p>`
  const head = quiet([markerLine(input.marker), ...parts.head].filter(Boolean).join('\n'))
  const tail = quiet(parts.tail.filter(Boolean).join('\n'))
  let used = head.length + tail.length + foot.length + 400
  const kept: string[] = []
  for (const block of parts.findings.map(quiet)) {
    if (used + block.length + 1 > limit) break
    kept.push(block)
    used += block.length + 1
  }
  const cut = parts.findings.length - kept.length
  const note =
    cut > 0
      ? `<p><strong>${cut} more finding(s) left out to stay under GitHub's comment size limit: see the run's job summary.</strong></p>`
      : ''
  const body = [head, ...kept, note, used + tail.length <= limit ? tail : '', foot].filter(Boolean).join('\n')
  return body.length <= limit ? body : `${body.slice(0, limit - 40)}\n<!-- cut to the size limit -->`
}

/** The longest run of backticks in `text`, so a fence around it can be longer. */
const longestTicks = (text: string) => Math.max(0, ...[...text.matchAll(/`+/g)].map(m => m[0].length))

/**
 * A review comment on one line of the diff: GitHub's suggestion block replaces the line with `replacement` when
 * applied (null: removes it). The fence is longer than any backtick run in the line, so the line cannot end it.
 */
export function renderSuggestion(f: Finding, replacement: string | null, marker: string): string {
  const fence = '`'.repeat(Math.max(3, longestTicks(replacement ?? '') + 1))
  const v = f.verification
  return [
    markerLine(marker),
    quiet(
      `${SEVERITY_MARK[f.severity]} <strong>keras-compat</strong> <a href="${FINDINGS_DOC}#${escapeLine(f.id)}">${escapeLine(f.id)}</a>: ${inlineHtml(f.title)}`
    ),
    '',
    `${fence}suggestion`,
    ...(replacement === null ? [] : [replacement.replace(/[\r\n]+/g, ' ')]),
    fence,
    ...(v ? ['', quiet(`Fix check: ${escapeLine(v.status)}: ${escapeLine(v.detail)}`)] : [])
  ].join('\n')
}
