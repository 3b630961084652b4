import { FINDINGS_DOC, Outputs } from '../../core/constants.js'
import { STEP } from '../../probe/steps.js'
import { ProbeView } from '../../probe/view.js'
import { type MatrixEntry, type MatrixReport } from '../model.js'
import { escapeLine } from './escape.js'
import { STATUS_HEADLINE } from './labels.js'
import { outputsFor } from './outputs.js'
import { planSection, planTerminal } from './plan.js'
import { renderSummary, SUMMARY_BUDGET } from './summary.js'
import { type Style } from './terminal.js'

/** The line on top: the newest TensorFlow that works as pinned, and what must change to reach the newest asked for. */
export function matrixTopLine(m: MatrixReport): string {
  const works = m.newestPassing
    ? `Newest TensorFlow that works with the pins as they are: ${m.newestPassing}.`
    : 'No requested TensorFlow version works with the pins as they are.'
  return m.toNewest
    ? `${works} To reach the newest requested${m.newestPlan?.found ? ', one change' : ''}: ${m.toNewest}`
    : works
}

function mark(e: MatrixEntry, step: string): string {
  const s = e.report.steps.find(x => x.step === step)
  return !s ? '–' : s.status === 'ok' ? '✓' : s.status === 'error' ? '✗' : s.status === 'incompatible' ? '⚠' : '–'
}

const API_STEPS = {
  'tf.keras': [STEP.tfKerasBuild, STEP.tfKerasFit, STEP.tfKerasSave],
  keras: [STEP.kerasBuild, STEP.kerasFit, STEP.kerasSave]
}

/** One row per version: what resolved, which Keras each name gave, and whether each API built, trained and saved. */
function cells(e: MatrixEntry): Record<string, string> {
  const r = e.report
  const resolved = r.installer?.ok ? '✓' : r.mode === 'preflight-only' ? '–' : '✗'
  const view = new ProbeView(r.steps)
  const tfKeras = view.ok(STEP.tfKerasAttribute) ? view.data(STEP.tfKerasAttribute) : undefined
  const smoke = view.smokeImports().map(i => i.record)
  return {
    requested: e.requested,
    tensorflow: r.environment.tensorflow || '—',
    status: STATUS_HEADLINE[r.status],
    resolves: resolved,
    'tf.keras': tfKeras ? `${tfKeras.kind} ${tfKeras.version ?? ''}`.trim() : r.environment.tfKeras,
    keras: r.environment.keras || '—',
    'tf.keras build/fit/save': API_STEPS['tf.keras'].map(s => mark(e, s)).join(' '),
    'keras build/fit/save': API_STEPS.keras.map(s => mark(e, s)).join(' '),
    'smoke imports': smoke.length === 0 ? '–' : smoke.map(s => (s.status === 'ok' ? '✓' : '✗')).join(' '),
    findings: [...new Set(r.findings.filter(f => f.severity !== 'info').map(f => f.id))].join(', ') || '—'
  }
}

const COLUMNS = [
  'requested',
  'tensorflow',
  'status',
  'resolves',
  'tf.keras',
  'keras',
  'tf.keras build/fit/save',
  'keras build/fit/save',
  'smoke imports',
  'findings'
]

/** Every build/fit/save step of both APIs in one cell: "✓" when all passed, else the ones that did not. */
function smokeCell(e: MatrixEntry): string {
  const steps = [...API_STEPS['tf.keras'], ...API_STEPS.keras]
  const ran = steps.filter(s => mark(e, s) !== '–')
  if (ran.length === 0) return '–'
  const bad = ran.filter(s => mark(e, s) !== '✓')
  return bad.length === 0 ? '✓' : `✗ ${bad.join(', ')}`
}

// Five short columns, so the table fits a phone-width page; the terminal keeps every column, and each version's
// full report (steps, versions, findings) is folded below the table.
const SUMMARY_COLUMNS = ['TensorFlow', 'status', 'tf.keras / keras', 'build, fit, save', 'findings']

function summaryRow(e: MatrixEntry): string {
  const c = cells(e)
  const findings =
    c.findings === '—'
      ? c.findings
      : c.findings
          .split(', ')
          .map(id => `<a href="${FINDINGS_DOC}#${escapeLine(id)}">${escapeLine(id)}</a>`)
          .join(', ')
  const tensorflow = c.tensorflow === '—' ? c.requested : `${c.requested} → ${c.tensorflow}`
  const values = [tensorflow, c.status, `${c['tf.keras']} / ${c.keras}`, smokeCell(e)].map(escapeLine)
  return `<tr>${[...values, findings].map(v => `<td>${v}</td>`).join('')}</tr>`
}

export function renderMatrixSummary(m: MatrixReport): string {
  const rows = m.entries.map(summaryRow)
  // Each version's full report gets an equal share of the summary's size budget.
  const share = Math.floor((SUMMARY_BUDGET - 50_000) / Math.max(1, m.entries.length))
  const details = m.entries.map(
    e =>
      `<details><summary>TensorFlow ${escapeLine(e.requested)}: ${STATUS_HEADLINE[e.report.status]}</summary>\n\n${renderSummary(e.report, undefined, share)}\n</details>`
  )
  return [
    `<h2>keras-compat matrix: ${STATUS_HEADLINE[m.status]}</h2>`,
    `<p>${escapeLine(matrixTopLine(m))}</p>`,
    m.newestPlan ? planSection(m.newestPlan, m.entries[m.entries.length - 1]?.report.environment.python ?? '') : '',
    `<table>\n<tr>${SUMMARY_COLUMNS.map(c => `<th>${escapeLine(c)}</th>`).join('')}</tr>\n${rows.join('\n')}\n</table>`,
    ...details,
    ''
  ]
    .filter((part, i, all) => part !== '' || i === all.length - 1)
    .join('\n')
}

export function renderMatrixTerminal(m: MatrixReport, style: Style): string {
  const table = m.entries.map(cells)
  const widths = COLUMNS.map(c => Math.max(c.length, ...table.map(r => r[c].length)))
  const line = (r: Record<string, string>) => COLUMNS.map((c, i) => r[c].padEnd(widths[i])).join('  ')
  const verdict = { pass: style.green('PASS'), warn: style.yellow('WARN'), fail: style.red('FAIL') }[m.status]
  return [
    `${style.bold('keras-compat matrix')} ${verdict}  ${matrixTopLine(m)}`,
    '',
    ...(m.newestPlan ? planTerminal(m.newestPlan, style, '') : []),
    style.bold(line(Object.fromEntries(COLUMNS.map(c => [c, c])))),
    ...table.map(line)
  ].join('\n')
}

/** Outputs for a matrix run: `matrix` (one entry per version), the matrix `status`, the rest from the newest version. */
export function matrixOutputs(m: MatrixReport, reportPath: string, patchPath = ''): Record<string, string> {
  const last = m.entries[m.entries.length - 1]
  const base = last ? outputsFor(last.report, reportPath, patchPath) : {}
  const matrix = m.entries.map(e => ({
    version: e.requested,
    status: e.report.status,
    'tensorflow-version': e.report.environment.tensorflow,
    'keras-version': e.report.environment.keras,
    'tf-keras': e.report.environment.tfKeras,
    findings: e.report.findings.map(f => ({ id: f.id, severity: f.severity, locations: f.locations }))
  }))
  return {
    ...base,
    [Outputs.Status]: m.status,
    [Outputs.Findings]: JSON.stringify(
      m.entries.flatMap(e => e.report.findings.map(f => ({ ...f, tensorflow: e.requested })))
    ),
    [Outputs.Matrix]: JSON.stringify(matrix),
    [Outputs.Report]: reportPath
  }
}
