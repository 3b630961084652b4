// The canary's memory: reads this run's report (REPORT), compares its verdict with the one kept from the last run
// (the file named as the argument, restored by actions/cache), keeps the new one in its place, and says whether it
// changed: `changed` and `title` go to GITHUB_OUTPUT, the issue's text to body.md beside the verdict file. The first
// run has nothing to compare with and changes nothing. No dependencies: it runs on a bare runner with only Node.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'

/** What counts as the verdict: the status, what was installed, and the ids of the findings that are not info. */
export function verdictOf(report) {
  const entries = report.kind === 'matrix' ? report.entries.map(e => e.report) : [report]
  const last = entries[entries.length - 1] ?? {}
  const ids = entries.flatMap(r => (r.findings ?? []).filter(f => f.severity !== 'info').map(f => f.id))
  return {
    status: report.status,
    tensorflow: last.environment?.tensorflow ?? '',
    keras: last.environment?.keras ?? '',
    findings: [...new Set(ids)].sort()
  }
}

/** A change worth an issue: another status, or another set of finding ids (new versions alone are not). */
export function changed(before, now) {
  return before.status !== now.status || before.findings.join(',') !== now.findings.join(',')
}

const describe = v =>
  `${v.status} (TensorFlow ${v.tensorflow || 'not installed'}, Keras ${v.keras || '—'}${v.findings.length ? `; ${v.findings.join(', ')}` : ''})`

function main() {
  const file = process.argv[2]
  const leg = process.env.LEG ?? 'canary'
  if (!file || !process.env.REPORT) {
    console.error('usage: REPORT=report.json LEG=name node verdict.mjs VERDICT_FILE')
    process.exit(2)
  }
  const now = verdictOf(JSON.parse(readFileSync(process.env.REPORT, 'utf8')))
  const before = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(now, null, 2)}\n`)
  const isChange = before !== undefined && changed(before, now)
  const title = `canary: ${leg} is now ${now.status}`
  const run = process.env.RUN_URL ? `\n\nThe run: ${process.env.RUN_URL}` : ''
  // Finding ids and versions only: no text from packages goes into the issue.
  const body = `The verdict for ${leg} changed.\n\n- before: ${describe(before ?? now)}\n- now: ${describe(now)}${run}\n`
  writeFileSync(path.join(path.dirname(file), 'body.md'), body)
  console.log(before ? `${leg}: ${describe(before)} → ${describe(now)}` : `${leg}: first verdict ${describe(now)}`)
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `changed=${isChange}\ntitle=${title}\n`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main()
