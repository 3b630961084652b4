import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Finding } from '../core/finding.js'
import { type FixPlan } from '../fixplan/types.js'
import { annotationsFor } from '../report/render/annotations.js'
import { errorMessage } from '../core/errors.js'

/** Writes the JSON report where later steps can read it (RUNNER_TEMP survives the step; our work folder does not). */
export function writeReportFile(report: object, dir: string): string {
  const file = path.join(dir, `keras-compat-report-${Date.now()}-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2))
  return file
}

/**
 * Writes the fix plan's patch beside the report, for `git apply` in a later step; '' when there is none, or when its
 * proof failed (the report still shows it, with the resolver's or the probe's words).
 */
export function writePatchFile(plan: FixPlan | undefined, dir: string): string {
  if (!plan?.patch || plan.verification.status === 'failed') return ''
  const file = path.join(dir, `keras-compat-fix-${Date.now()}-${process.pid}.patch`)
  writeFileSync(file, plan.patch)
  return file
}

/** Summary, annotations and outputs. The summary is optional: when it cannot be written, a warning says so. */
export async function publish(
  findings: Finding[],
  outputs: Record<string, string>,
  summaryHtml: string,
  plan?: FixPlan
): Promise<void> {
  for (const a of annotationsFor(findings, plan)) {
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
