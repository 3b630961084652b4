import { type Settings } from '../config/settings.js'
import { type Config } from '../config/types.js'
import { type CheckDeps } from '../pipeline/check.js'
import { markBaseline } from '../report/baseline.js'
import { gateReport, type Gating, regateMatrix } from '../report/gate.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { isoDay, suppress } from '../report/suppress.js'
import { parseVersionRequest } from '../override/spec.js'
import { baseFindings, prepareBase, type PreparedBase, removeBase } from './baseline.js'
import { type RunEvent } from './event.js'
import { type Git, gitIn } from './git.js'
import { fileLines } from './line-text.js'
import { tensorflowMatrix } from './tensorflow-matrix.js'

/** What finishing a report needs besides the report: the settings, the edge's deps, the event, the day. */
export interface FinishInput {
  settings: Settings
  deps: CheckDeps
  event: RunEvent
  now: Date
  /** git in the repository (tests may point it elsewhere). */
  git?: Git
  /** Whether to plan the `tensorflow-matrix` (default yes; the pre-commit hook's runs have no use for it). */
  plan?: boolean
}

/**
 * One report finished: the config file's `ignore:` entries applied, the findings compared with the base (when
 * `baseline` asks), and the status recomputed from what still counts. Done here, at the edge, after every stage.
 */
async function finishOne(report: Report, config: Config, input: FinishInput, base?: PreparedBase): Promise<Report> {
  const lineText = fileLines(input.deps.pathBase)
  const rules = input.settings.file?.ignore ?? []
  const { kept, suppressed, entries } = suppress(report.findings, rules, lineText, isoDay(input.now))
  const gating: Gating = { findings: kept, suppressed, entries }
  if (base?.kind === 'skipped') gating.baseline = base.info
  if (base?.kind === 'ready') {
    const theirs = await baseFindings(base, config, input.deps)
    gating.findings = markBaseline({ findings: kept, lineText }, theirs)
    gating.baseline = {
      ref: base.ref,
      commit: base.commit,
      status: 'compared',
      detail: theirs.detail,
      preExisting: gating.findings.filter(f => f.baseline === 'pre-existing').length
    }
  }
  return gateReport(report, gating)
}

async function withBase<T>(input: FinishInput, use: (base?: PreparedBase) => Promise<T>): Promise<T> {
  const { config } = input.settings
  const git = input.git ?? gitIn(input.deps.pathBase, input.deps.baseEnv)
  const base = await prepareBase(config, input.deps, input.event, git)
  try {
    return await use(base)
  } finally {
    removeBase(base)
  }
}

function logBaseline(report: Report, input: FinishInput, label = ''): void {
  const b = report.baseline
  if (!b) return
  const counted = report.findings.filter(f => f.baseline === 'new').length
  input.deps.log.info(
    b.status === 'compared'
      ? `Baseline${label}: compared with ${b.ref} (${b.commit.slice(0, 12)}): ${b.preExisting} pre-existing, ${counted} new finding(s).`
      : b.detail
  )
}

export async function finishReport(report: Report, input: FinishInput): Promise<Report> {
  const finished = await withBase(input, base => finishOne(report, input.settings.config, input, base))
  logBaseline(finished, input)
  if (input.plan === false) return finished
  return { ...finished, tensorflowMatrix: await tensorflowMatrix(input.settings.config, input.deps) }
}

/** Each version of a matrix finished as its own report (its override kept for the base too), then the matrix. */
export async function finishMatrix(matrix: MatrixReport, input: FinishInput): Promise<MatrixReport> {
  const { config } = input.settings
  const reports = await withBase(input, async base => {
    const out: Report[] = []
    for (const entry of matrix.entries) {
      const request = parseVersionRequest(entry.requested, 'tensorflow-versions')
      const finished = await finishOne(entry.report, { ...config, tensorflowVersion: request }, input, base)
      logBaseline(finished, input, ` (TensorFlow ${entry.requested})`)
      out.push(finished)
    }
    return out
  })
  const regated = regateMatrix(matrix, reports)
  if (input.plan === false) return regated
  return { ...regated, tensorflowMatrix: await tensorflowMatrix(config, input.deps) }
}
