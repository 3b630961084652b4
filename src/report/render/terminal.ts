import { type Report } from '../model.js'
import { headline } from './headline.js'
import { editsDiff } from './summary.js'
import { ENVIRONMENT_PACKAGES, STATUS_MARK, stepDetail, stepLabel } from './labels.js'
import { planTerminal } from './plan.js'

export interface Style {
  bold(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
  dim(s: string): string
}

const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`
export const COLOR: Style = { bold: ansi(1), red: ansi(31), green: ansi(32), yellow: ansi(33), dim: ansi(2) }
const id = (s: string) => s
export const PLAIN: Style = { bold: id, red: id, green: id, yellow: id, dim: id }

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/** The last lines of the evidence: where pip or Python said what went wrong. */
function evidenceLines(evidence: string, max = 12): string[] {
  const lines = evidence.trimEnd().split('\n')
  return lines.length <= max ? lines : ['...', ...lines.slice(-max)]
}

/** The report for a terminal: verdict first, then environment, steps and findings with their fixes. */
export function renderTerminal(report: Report, style: Style): string {
  const verdict = { pass: style.green('PASS'), warn: style.yellow('WARN'), fail: style.red('FAIL') }[report.status]
  const env = report.environment
  const name = report.override ? `keras-compat (${report.override})` : 'keras-compat'
  const out: string[] = [`${style.bold(name)} ${verdict}  ${headline(report).replace(/`/g, '')}`, '']
  if (report.fixPlan) out.push(...planTerminal(report.fixPlan, style, env.python))
  const versions = [
    ['python', env.python],
    ['tensorflow', env.tensorflow],
    ['keras', env.keras],
    ['tf.keras', env.tfKeras],
    ...ENVIRONMENT_PACKAGES.map(p => [p, env.packages[p] ?? ''])
  ]
  if (report.mode === 'full')
    out.push(style.bold('Environment'), ...versions.map(([k, v]) => `  ${pad(k, 12)} ${v || '—'}`), '')
  if (report.steps.length > 0) {
    out.push(style.bold('Smoke steps'))
    for (const s of report.steps.filter(x => x.step !== 'packages')) {
      const mark =
        s.status === 'ok'
          ? style.green(STATUS_MARK.ok)
          : s.status === 'error'
            ? style.red(STATUS_MARK.error)
            : style.yellow(STATUS_MARK[s.status])
      out.push(`  ${mark} ${pad(stepLabel(s.step), 38)} ${pad(s.seconds.toFixed(2), 6)} ${style.dim(stepDetail(s))}`)
    }
    out.push('')
  }
  out.push(style.bold(`Findings (${report.findings.length})`))
  for (const f of report.findings) {
    const sev =
      f.severity === 'error' ? style.red(f.severity) : f.severity === 'warning' ? style.yellow(f.severity) : f.severity
    const where = f.locations.map(l => (l.line ? `${l.file}:${l.line}` : l.file)).join(', ')
    out.push(`  ${sev} ${style.bold(f.id)}: ${f.title.replace(/`/g, '')}`)
    if (where) out.push(`    at ${where}`)
    out.push(`    ${f.explanation.replace(/`/g, '')}`, `    fix: ${f.fix.replace(/`/g, '')}`)
    const diff = editsDiff(f)
    if (diff)
      out.push(
        ...diff
          .split('\n')
          .map(l => `    ${l.startsWith('-') ? style.red(l) : l.startsWith('+') ? style.green(l) : style.dim(l)}`)
      )
    if (f.verification) {
      const v = f.verification
      const mark =
        v.status === 'verified'
          ? style.green('✓ verified:')
          : v.status === 'failed'
            ? style.red('✗')
            : style.yellow('not verified:')
      out.push(`    fix check: ${mark} ${v.detail}`)
    }
    if (f.severity !== 'info' && f.evidence) out.push(...evidenceLines(f.evidence).map(l => style.dim(`    | ${l}`)))
  }
  out.push('', style.dim(report.stages.map(s => `${s.name} ${s.seconds.toFixed(1)} s`).join(' · ')))
  return out.join('\n')
}
