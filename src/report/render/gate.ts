import { FINDINGS_DOC } from '../../core/constants.js'
import { type Finding } from '../../core/finding.js'
import { type MatrixReport, type Report } from '../model.js'
import { type IgnoreEntryState, type SuppressedFinding } from '../suppress.js'
import { escapeLine, inlineHtml } from './escape.js'
import { SEVERITY_MARK } from './labels.js'
import { renderMatrixSummary } from './matrix.js'
import { renderSummary, SUMMARY_BUDGET } from './summary.js'

// Each list is capped: the full lists are in the JSON report. Well inside the summary's budget either way.
const MAX_ITEMS = 50

const where = (f: Finding) =>
  f.locations.map(l => `<code>${escapeLine(l.line ? `${l.file}:${l.line}` : l.file)}</code>`).join(', ')

function item(f: Finding, extra = ''): string {
  const place = where(f)
  return `<li>${SEVERITY_MARK[f.severity]} <a href="${FINDINGS_DOC}#${escapeLine(f.id)}">${escapeLine(f.id)}</a>: ${inlineHtml(f.title)}${place ? ` — ${place}` : ''}${extra}</li>`
}

function list(items: string[]): string {
  const cut = items.length - MAX_ITEMS
  const more = cut > 0 ? `<li>… and ${cut} more (the JSON report has them all)</li>` : ''
  return `<ul>\n${items.slice(0, MAX_ITEMS).join('\n')}${more ? `\n${more}` : ''}\n</ul>`
}

const suppressedItem = (f: SuppressedFinding) =>
  item(
    f,
    `<br>suppressed by <code>${escapeLine(`${f.suppression.source.file}:${f.suppression.source.line}`)}</code>: ${inlineHtml(f.suppression.reason)}${f.suppression.until ? ` (until ${escapeLine(f.suppression.until)})` : ''}`
  )

function entryNote(e: IgnoreEntryState): string {
  const at = `<code>${escapeLine(`${e.source.file}:${e.source.line}`)}</code>`
  const what = [e.id, e.package, e.file]
    .filter(Boolean)
    .map(s => escapeLine(String(s)))
    .join(' · ')
  return e.state === 'expired'
    ? `<li>⚠️ ${at} (${what}) expired on ${escapeLine(e.until ?? '')}: it no longer suppresses anything${e.matched > 0 ? `, and ${e.matched} finding(s) it matched now count` : ''}.</li>`
    : `<li>ℹ️ ${at} (${what}) matched no finding: remove it, or check its id, package and file.</li>`
}

/** The sections a finished report adds below the summary: pre-existing and suppressed findings, the entries' notes. */
export function gateSections(report: Report): string {
  const parts: string[] = []
  const b = report.baseline
  const old = report.findings.filter(f => f.baseline === 'pre-existing')
  if (b?.status === 'compared') {
    parts.push(
      `<h3>Pre-existing findings (${old.length})</h3>`,
      `<p>Compared with ${escapeLine(b.ref)} (<code>${escapeLine(b.commit.slice(0, 12))}</code>): ${escapeLine(b.detail)}. ${old.length > 0 ? 'These were already there: listed, not counted.' : 'Nothing here was already there.'}</p>`
    )
    if (old.length > 0) parts.push(list(old.map(f => item(f))))
  } else if (b) parts.push(`<p><strong>Baseline:</strong> ${escapeLine(b.detail)}</p>`)
  const suppressed = report.suppressed ?? []
  if (suppressed.length > 0)
    parts.push(
      `<h3>Suppressed findings (${suppressed.length})</h3>`,
      '<p>Covered by an <code>ignore:</code> entry of the config file: listed, not counted.</p>',
      list(suppressed.map(suppressedItem))
    )
  const notes = (report.ignoreEntries ?? []).filter(e => e.state !== 'used')
  if (notes.length > 0) parts.push('<h3>Config file</h3>', list(notes.map(entryNote)))
  return parts.join('\n')
}

/** The report as the summary shows it when a baseline ran: only new findings in the findings list. */
export function newOnly(report: Report): Report {
  return report.baseline?.status === 'compared'
    ? { ...report, findings: report.findings.filter(f => f.baseline !== 'pre-existing') }
    : report
}

const ANCHOR = '<h3>Smoke steps</h3>'

/** Puts the sections right after the findings when the summary has its usual shape, else at its end. */
function insert(summary: string, sections: string): string {
  if (!sections) return summary
  const at = summary.indexOf(ANCHOR)
  return at < 0 ? `${summary}\n${sections}\n` : `${summary.slice(0, at)}${sections}\n${summary.slice(at)}`
}

/** The job summary of a finished report: new findings first, then pre-existing and suppressed ones apart. */
export function renderFinishedSummary(report: Report): string {
  const sections = gateSections(report)
  return insert(renderSummary(newOnly(report), undefined, SUMMARY_BUDGET - sections.length), sections)
}

/** The same for a matrix: each version's sections under its name, after the matrix. */
export function renderFinishedMatrixSummary(m: MatrixReport): string {
  const shown = { ...m, entries: m.entries.map(e => ({ ...e, report: newOnly(e.report) })) }
  const sections = m.entries
    .map(e => {
      const s = gateSections(e.report)
      return s
        ? `<h3>TensorFlow ${escapeLine(e.requested)}</h3>\n${s.replace(/<h3>/g, '<h4>').replace(/<\/h3>/g, '</h4>')}`
        : ''
    })
    .filter(Boolean)
    .join('\n')
  return `${renderMatrixSummary(shown)}${sections ? `${sections}\n` : ''}`
}
