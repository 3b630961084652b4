import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Finding } from '../core/finding.js'
import { type FixPlan } from '../fixplan/types.js'
import { type LineText } from '../report/lines.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { type Redact, redactDeep } from '../report/redact.js'
import { type Annotation, annotationsFor } from '../report/render/annotations.js'
import { renderSarif, type SarifRun } from '../report/render/sarif.js'
import { type IgnoreEntryState } from '../report/suppress.js'
import { errorMessage } from '../core/errors.js'

const stamp = () => `${Date.now()}-${process.pid}`

/** Writes the JSON report where later steps can read it (RUNNER_TEMP survives the step; our work folder does not). */
export function writeReportFile(report: object, dir: string): string {
  const file = path.join(dir, `keras-compat-report-${stamp()}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2))
  return file
}

/**
 * Writes the fix plan's patch beside the report, for `git apply` in a later step; '' when there is none, or when its
 * proof failed (the report still shows it, with the resolver's or the probe's words).
 */
export function writePatchFile(plan: FixPlan | undefined, dir: string): string {
  if (!plan?.patch || plan.verification.status === 'failed') return ''
  const file = path.join(dir, `keras-compat-fix-${stamp()}.patch`)
  writeFileSync(file, plan.patch)
  return file
}

/** Writes the SARIF log beside the report, for github/codeql-action/upload-sarif; returns its path. */
export function writeSarifFile(runs: SarifRun[], dir: string, lineText: LineText, redact: Redact): string {
  const file = path.join(dir, `keras-compat-report-${stamp()}.sarif`)
  writeFileSync(file, `${JSON.stringify(redactDeep(renderSarif(runs, lineText), redact), null, 2)}\n`)
  return file
}

/** A pre-existing finding is annotated as a notice: it is on the lines, but this change did not bring it. */
function asAnnotated(f: Finding): Finding {
  return f.baseline === 'pre-existing' ? { ...f, severity: 'info', title: `(pre-existing) ${f.title}` } : f
}

/** An `ignore:` entry that expired (a warning) or matched nothing (a notice), on its line of the config file. */
function entryAnnotation(e: IgnoreEntryState): Annotation {
  const expired = e.state === 'expired'
  return {
    level: expired ? 'warning' : 'notice',
    title: expired ? `keras-compat: ignore entry expired (${e.id})` : `keras-compat: ignore entry unused (${e.id})`,
    message: expired
      ? `This entry expired on ${e.until} and no longer suppresses anything${e.matched > 0 ? `: ${e.matched} finding(s) it matched count again` : ''}. Renew it with a new until date and a reason, or fix the finding.`
      : 'This entry matched no finding in this run: remove it, or check its id, package and file.',
    file: e.source.file,
    line: e.source.line
  }
}

/** Every annotation of a finished run: its findings (every version's in a matrix), then the config file's notes. */
export function annotationsOf(result: Report | MatrixReport): Annotation[] {
  const reports = 'kind' in result ? result.entries.map(e => e.report) : [result]
  const findings = reports.flatMap(r => r.findings.map(asAnnotated))
  // The plan's edits ride on the changed lines' annotations (a matrix: the plan that reaches the newest version).
  const plan = 'kind' in result ? result.newestPlan : result.fixPlan
  const entries = new Map<string, IgnoreEntryState>()
  for (const e of reports.flatMap(r => r.ignoreEntries ?? [])) {
    // A matrix has each entry once per version: it is unused only if no version used it.
    const key = `${e.source.file}:${e.source.line}`
    const seen = entries.get(key)
    if (!seen || e.state === 'used' || (e.state === 'expired' && seen.state === 'unused')) entries.set(key, e)
  }
  const notes = [...entries.values()].filter(e => e.state !== 'used').map(entryAnnotation)
  return [...annotationsFor(findings, plan), ...notes]
}

/** Summary, annotations and outputs. The summary is optional: when it cannot be written, a warning says so. */
export async function publish(
  annotations: Annotation[],
  outputs: Record<string, string>,
  summaryHtml: string
): Promise<void> {
  for (const a of annotations) {
    const props = { title: a.title, file: a.file, startLine: a.line }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written (the JSON report has everything).')
    return
  }
  try {
    await core.summary.addRaw(summaryHtml).write()
  } catch (error) {
    core.warning(`The job summary could not be written: ${errorMessage(error)}`)
  }
}
