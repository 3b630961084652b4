import * as core from '@actions/core'
import * as os from 'node:os'
import { check, type CheckDeps } from '../pipeline/check.js'
import { type Config } from '../config/types.js'
import { Outputs, State } from '../core/constants.js'
import { jobFilesTampered } from '../diagnose/job-files.js'
import { readConfig } from '../config/action.js'
import { checkMatrix } from '../pipeline/matrix.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { type Redact, redactDeep, redactor, secretValues } from '../report/redact.js'
import { matrixOutputs, renderMatrixSummary } from '../report/render/matrix.js'
import { outputsFor } from '../report/render/outputs.js'
import { renderSummary } from '../report/render/summary.js'
import { failsAt, type Status } from '../report/verdict.js'
import { removeOnCancel, trackWorkDir } from '../environment/cancel.js'
import { nodeProcessRunner } from '../util/process.js'
import { ActionCaches } from './cache.js'
import { actionsCacheStore } from './cache-store.js'
import { guardJobFiles, type JobFilesGuard } from './job-files.js'
import { actionLog } from './log.js'
import { publish, writePatchFile, writeReportFile } from './publish.js'
import { ConfigError, errorMessage } from '../core/errors.js'

/** What every run's publishing needs besides its report. */
interface Edge {
  tempRoot: string
  guard: JobFilesGuard
  redact: Redact
}

/** A report with the finding for tampered command files, when the code under test wrote to them. */
function withTampering(report: Report, guard: JobFilesGuard): Report {
  const changes = guard.restore()
  if (changes.length === 0) return report
  return { ...report, status: 'fail', findings: [jobFilesTampered(changes), ...report.findings] }
}

/** One environment: the repository's pins (or one override from a workflow matrix). */
async function runOne(config: Config, deps: CheckDeps, edge: Edge): Promise<Status> {
  const report = redactDeep(withTampering(await check(config, deps), edge.guard), edge.redact)
  const file = writeReportFile(report, edge.tempRoot)
  const patch = writePatchFile(report.fixPlan, edge.tempRoot)
  await publish(report.findings, outputsFor(report, file, patch), renderSummary(report), report.fixPlan)
  return report.status
}

/** One environment per TensorFlow version, and one summary with the compatibility matrix. */
async function runMatrix(config: Config, deps: CheckDeps, edge: Edge): Promise<Status> {
  const checked = await checkMatrix(config, deps)
  const last = checked.entries[checked.entries.length - 1]
  const tampered = last ? withTampering(last.report, edge.guard) : undefined
  const matrix: MatrixReport = redactDeep(
    tampered && tampered !== last.report
      ? { ...checked, status: 'fail', entries: [...checked.entries.slice(0, -1), { ...last, report: tampered }] }
      : checked,
    edge.redact
  )
  const file = writeReportFile(matrix, edge.tempRoot)
  const patch = writePatchFile(matrix.newestPlan, edge.tempRoot)
  await publish(
    matrix.entries.flatMap(e => e.report.findings),
    matrixOutputs(matrix, file, patch),
    renderMatrixSummary(matrix),
    matrix.newestPlan
  )
  return matrix.status
}

/** The main step: read inputs, check the repository, publish what was found, and fail the job if it must. */
export async function run(): Promise<void> {
  try {
    // Before any of the repository's code can run: what the step's command files hold now is what they must hold.
    const guard = guardJobFiles(process.env)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const tempRoot = process.env.RUNNER_TEMP || os.tmpdir()
    removeOnCancel()

    const config = readConfig(name => core.getInput(name), workspace)
    const redact = redactor(secretValues(config.env, process.env))
    const log = actionLog(redact)
    const caches = new ActionCaches(actionsCacheStore, config.cache, log, redact)
    const deps: CheckDeps = {
      runner: nodeProcessRunner,
      log,
      cache: caches,
      tempRoot,
      pathBase: workspace,
      baseEnv: process.env,
      onWorkDir: work => {
        trackWorkDir(work?.root)
        core.saveState(State.WorkDir, work?.root ?? '')
        core.saveState(State.WorkToken, work?.token ?? '')
        guard.refresh('GITHUB_STATE')
      }
    }
    const edge = { tempRoot, guard, redact }
    const status =
      config.tensorflowVersions.length > 0 ? await runMatrix(config, deps, edge) : await runOne(config, deps, edge)
    core.setOutput(Outputs.CacheHit, String(caches.exactHit))
    // Saved whatever the verdict: a failing check is exactly when users re-run.
    await caches.save(process.env.GITHUB_EVENT_NAME)

    if (failsAt(status, config.failOn)) {
      core.setFailed(`keras-compat: ${status} (fail-on: ${config.failOn}); see the job summary for findings and fixes.`)
    }
  } catch (error) {
    // Any throw, Error or not, ends as a failed step with a message, never a bare stack trace; an internal error's
    // stack is kept in the debug log (ACTIONS_STEP_DEBUG) for the bug report.
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}
