import { FINDINGS_DOC } from '../../core/constants.js'
import { type Finding } from '../../core/finding.js'
import { type Report } from '../model.js'
import { escapeBlock, escapeLine, inlineHtml, tail } from './escape.js'
import { headline } from './headline.js'
import { ENVIRONMENT_PACKAGES, SEVERITY_MARK, STATUS_HEADLINE, STATUS_MARK, stepDetail, stepLabel } from './labels.js'
import { planSection } from './plan.js'

// GitHub refuses a step summary over 1 MiB; logs are the only unbounded part, so they get a fixed budget.
const LOG_BUDGET = 60_000
const EVIDENCE_BUDGET = 6_000

function row(cells: string[], header = false): string {
  const tag = header ? 'th' : 'td'
  return `<tr>${cells.map(c => `<${tag}>${c}</${tag}>`).join('')}</tr>`
}

function table(header: string[], rows: string[][]): string {
  return `<table>\n${row(header, true)}\n${rows.map(r => row(r)).join('\n')}\n</table>`
}

/** The versions that decide the verdict, on one line (the full table is folded below). */
function versionsLine(report: Report): string {
  const env = report.environment
  const parts = [
    ['Python', env.python],
    ['TensorFlow', env.tensorflow],
    ['Keras', env.keras],
    ['tf.keras', env.tensorflow ? env.tfKeras : '']
  ].filter(([, v]) => v)
  return parts.map(([k, v]) => `${k} <code>${escapeLine(v)}</code>`).join(' · ')
}

function environmentTable(report: Report): string {
  const env = report.environment
  const rows = [
    ['python', env.python],
    ['tensorflow', env.tensorflow],
    ['keras', env.keras],
    ['tf.keras', env.tfKeras],
    ...ENVIRONMENT_PACKAGES.map(p => [p, env.packages[p] ?? ''])
  ].map(([name, version]) => [`<code>${escapeLine(name)}</code>`, escapeLine(version || '—')])
  return table(['package', 'version'], rows)
}

// Three columns, the time folded into the detail: the table stays readable on a phone-width page.
function stepsTable(report: Report): string {
  const rows = report.steps
    .filter(s => s.step !== 'packages')
    .map(s => {
      const detail = [stepDetail(s), `${s.seconds.toFixed(2)} s`].filter(Boolean).join(' · ')
      return [escapeLine(stepLabel(s.step)), STATUS_MARK[s.status], escapeLine(detail)]
    })
  return table(['smoke step', '', 'detail'], rows)
}

/** The requirement-line changes of a fix, as a diff. */
export function editsDiff(f: Finding): string {
  return (f.edits ?? [])
    .map(e => {
      const at = e.line ? `${e.file}:${e.line}` : `${e.file} (new line)`
      return [`# ${at}`, ...(e.before ? [`- ${e.before}`] : []), `+ ${e.after}`].join('\n')
    })
    .join('\n')
}

const VERIFICATION_MARK = { verified: '✓ verified:', failed: '✗', 'not-verified': 'not verified:' } as const

/**
 * Untrusted multi-line text folded under a title. The <pre> holds it as one source line, so no blank line in it
 * can end the HTML block and make GitHub read the rest as Markdown.
 */
function folded(title: string, text: string, budget: number): string {
  return `<details><summary>${escapeLine(title)}</summary>\n<pre>${escapeBlock(tail(text, budget))}</pre>\n</details>`
}

/** Whether the fix's line edits resolved, with the resolver's words folded below when they did not. */
function fixCheck(f: Finding): string[] {
  const v = f.verification
  if (!v) return []
  return [
    `<p><strong>Fix check:</strong> ${VERIFICATION_MARK[v.status]} ${escapeLine(v.detail)}</p>`,
    v.evidence ? folded('resolver output', v.evidence, EVIDENCE_BUDGET) : ''
  ]
}

function findingSection(f: Finding): string {
  const diff = editsDiff(f)
  const where = f.locations.map(l => `<code>${escapeLine(l.line ? `${l.file}:${l.line}` : l.file)}</code>`).join(', ')
  const parts = [
    `<h4>${SEVERITY_MARK[f.severity]} <a href="${FINDINGS_DOC}#${escapeLine(f.id)}">${escapeLine(f.id)}</a>: ${inlineHtml(f.title)}</h4>`,
    `<p>${inlineHtml(f.explanation, true)}</p>`,
    f.fix ? `<p><strong>Fix:</strong> ${inlineHtml(f.fix, true)}</p>` : '',
    where ? `<p><strong>Where:</strong> ${where}</p>` : '',
    diff ? `<pre lang="diff">${escapeBlock(diff)}</pre>` : '',
    ...fixCheck(f),
    f.evidence ? folded('Evidence', f.evidence, EVIDENCE_BUDGET) : ''
  ]
  return parts.filter(Boolean).join('\n')
}

const NO_STEPS: Record<Report['outcome'], string> = {
  'preflight-only': 'Preflight only: nothing was installed or imported.',
  'refused-input': 'Nothing was installed: a requirement file stops the installer before it starts (see the findings).',
  'no-interpreter': 'Nothing was installed: the interpreter cannot be used (see the findings).',
  'no-installer': 'Nothing was installed: no installer could be had (see the findings).',
  'venv-failed': 'Nothing was installed: the virtual environment could not be made (see the findings).',
  'resolve-failed':
    'Nothing was installed: the requirements do not resolve, so the install was skipped before any download (see the findings).',
  'install-failed': 'The probe did not run: the install failed (see the findings).',
  probed: 'The probe did not run.'
}

function noStepsReason(report: Report): string {
  return NO_STEPS[report.outcome]
}

function stagesLine(report: Report): string {
  return report.stages.map(s => `${escapeLine(s.name)} ${s.seconds.toFixed(1)} s`).join(' · ')
}

function logBlock(title: string, text: string): string {
  return text.trim() ? folded(title, text, LOG_BUDGET) : ''
}

// GitHub refuses a step summary over 1 MiB. Kept well below, since a matrix puts several reports in one summary.
export const SUMMARY_BUDGET = 900_000

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * Keeps the summary within `budget` bytes: the verdict, versions and steps always; then findings, most severe
 * first, until the budget is spent (the rest counted in a note); the logs only if there is room left.
 */
function fit(head: string[], findings: string[], tail: string[], logs: string[], budget: number): string {
  let used = bytes(head.join('\n')) + bytes(tail.join('\n')) + 200
  const kept: string[] = []
  for (const f of findings) {
    if (used + bytes(f) > budget) break
    kept.push(f)
    used += bytes(f) + 1
  }
  const cut = findings.length - kept.length
  const note =
    cut > 0
      ? [
          `<p><strong>${cut} more finding(s) left out to keep this summary under GitHub's size limit; the JSON report (output <code>report</code>) has them all.</strong></p>`
        ]
      : []
  const roomy = logs.filter(l => {
    if (used + bytes(l) > budget) return false
    used += bytes(l)
    return true
  })
  const logNote =
    roomy.length < logs.filter(Boolean).length
      ? ['<p>Logs left out to keep this summary under the size limit; the JSON report keeps them.</p>']
      : []
  return [...head, ...kept, ...note, ...tail, ...roomy, ...logNote, ''].filter(x => x !== '').join('\n')
}

/**
 * The job summary as HTML (GitHub renders it as Markdown with HTML allowed). Every dynamic string is escaped, and
 * none brings a line break into the source: a blank line would end our HTML block and let GitHub read Markdown.
 */
export function renderSummary(
  report: Report,
  heading = report.override ? `keras-compat (${report.override})` : 'keras-compat',
  budget = SUMMARY_BUDGET
): string {
  // Verdict and why first, then the findings with their fixes; the step table and the versions after them.
  const head = [
    `<h2>${escapeLine(heading)}: ${STATUS_HEADLINE[report.status]}${report.mode === 'preflight-only' ? ' (preflight only)' : ''}</h2>`,
    `<p>${inlineHtml(headline(report))}</p>`,
    // The one change that fixes every error comes first: it is what the reader acts on.
    report.fixPlan ? planSection(report.fixPlan, report.environment.python) : '',
    report.mode === 'full' ? `<p>${versionsLine(report)}</p>` : '',
    `<h3>Findings (${report.findings.length})</h3>`,
    report.findings.length === 0 ? '<p>No findings.</p>' : ''
  ]
  const tail = [
    '<h3>Smoke steps</h3>',
    report.steps.length > 0 ? stepsTable(report) : `<p>${noStepsReason(report)}</p>`,
    report.mode === 'full'
      ? `<details><summary>Installed versions</summary>\n\n${environmentTable(report)}\n</details>`
      : '',
    `<p><sub>${stagesLine(report)} · total ${report.seconds.toFixed(1)} s · keras-compat ${escapeLine(report.tool.version)}</sub></p>`
  ]
  // A failed resolution is the installer's last word: its dry run's log, under its own name.
  const installLog = report.outcome === 'resolve-failed' ? 'Resolution log' : 'Install log'
  const logs = [logBlock(installLog, report.installer?.log ?? ''), logBlock('Probe log', report.probeLog)].filter(
    Boolean
  )
  return fit(head, report.findings.map(findingSection), tail, logs, budget)
}
