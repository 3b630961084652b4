import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Config } from '../config/types.js'
import { type LineText } from '../report/lines.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { renderSarif, type SarifRun } from '../report/render/sarif.js'
import { repoRelative } from '../util/platform-paths.js'

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/^-+|-+$/g, '')

/**
 * The category code scanning files a run under: `keras-compat`, then the working directory when it is not the root,
 * then what replaced the pins (a matrix leg). Two uploads with different categories never close each other's alerts.
 */
export function sarifCategory(config: Config, pathBase: string, variant: string): string {
  const dir = path.relative(pathBase, config.workingDirectory)
  const parts = ['keras-compat', dir && !dir.startsWith('..') ? slug(dir.split(path.sep).join('/')) : '', slug(variant)]
  return parts.filter(Boolean).join('/')
}

/** The file a finding with no place of its own is shown on: the first requirement file, or the project's. */
function defaultFile(report: Report, pathBase: string): string {
  const first = report.requirementFiles[0]
  if (first) return repoRelative(pathBase, first)
  if (report.project) return repoRelative(pathBase, path.join(report.project, 'pyproject.toml'))
  return repoRelative(pathBase, path.join(report.workingDirectory, 'requirements.txt'))
}

/**
 * One SARIF run per report: a matrix gives one per version, each under its own category. `part` tells apart checks
 * of one folder that are uploaded together (the command line's requirement files, each checked on its own).
 */
export function sarifRuns(result: Report | MatrixReport, config: Config, pathBase: string, part = ''): SarifRun[] {
  const variant = (v: string) => [part, v].filter(Boolean).join('/')
  if ('kind' in result)
    return result.entries.map(e => ({
      report: e.report,
      category: sarifCategory(config, pathBase, variant(`tensorflow-${e.requested}`)),
      defaultFile: defaultFile(e.report, pathBase)
    }))
  return [
    {
      report: result,
      category: sarifCategory(config, pathBase, variant(result.override)),
      defaultFile: defaultFile(result, pathBase)
    }
  ]
}

export function writeSarif(file: string, runs: SarifRun[], lineText: LineText): void {
  writeFileSync(file, `${JSON.stringify(renderSarif(runs, lineText), null, 2)}\n`)
}
