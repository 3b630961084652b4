import * as core from '@actions/core'
import * as os from 'node:os'
import { check, type CheckDeps } from '../pipeline/check.js'
import { Outputs, State } from '../core/constants.js'
import { jobFilesTampered } from '../diagnose/job-files.js'
import { readActionSettings } from '../config/action.js'
import { type Settings } from '../config/settings.js'
import { checkMatrix } from '../pipeline/matrix.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { type Redact, redactDeep, redactor, secretValues } from '../report/redact.js'
import { renderFinishedMatrixSummary, renderFinishedSummary } from '../report/render/gate.js'
import { matrixOutputs } from '../report/render/matrix.js'
import { outputsFor } from '../report/render/outputs.js'
import { failsAt, type Status } from '../report/verdict.js'
import { removeOnCancel, trackWorkDir } from '../environment/cancel.js'
import { readEvent, type RunEvent } from '../finish/event.js'
import { finishMatrix, finishReport } from '../finish/finish.js'
import { fileLines } from '../finish/line-text.js'
import { sarifRuns } from '../finish/sarif.js'
import { warmPlan } from '../finish/tensorflow-matrix.js'
import { nodeProcessRunner } from '../util/process.js'
import { ActionCaches } from './cache.js'
import { actionsCacheStore } from './cache-store.js'
import { postComment } from './comment-step.js'
import { guardJobFiles, type JobFilesGuard } from './job-files.js'
import { actionLog } from './log.js'
import { annotationsOf, publish, writePatchFile, writeReportFile, writeSarifFile } from './publish.js'
import { ConfigError, errorMessage } from '../core/errors.js'

/** What every run's publishing needs besides its report. */
interface Edge {
  tempRoot: string
  guard: JobFilesGuard
  redact: Redact
  settings: Settings
  deps: CheckDeps
  event: RunEvent
  workspace: string
}

/** A report with the finding for tampered command files, when the code under test wrote to them. */
function withTampering(report: Report, guard: JobFilesGuard): Report {
  const changes = guard.restore()
  if (changes.length === 0) return report
  return { ...report, status: 'fail', findings: [jobFilesTampered(changes), ...report.findings] }
}

/** Everything written after the check: the report and SARIF files, annotations, outputs, summary, comment. */
async function publishAll(result: Report | MatrixReport, edge: Edge): Promise<void> {
  const { config } = edge.settings
  const lines = fileLines(edge.workspace)
  const lineText = (file: string, line: number) => {
    const text = lines(file, line)
    return text === undefined ? undefined : edge.redact(text)
  }
  const file = writeReportFile(result, edge.tempRoot)
  const patch = writePatchFile('kind' in result ? result.newestPlan : result.fixPlan, edge.tempRoot)
  let sarif = ''
  try {
    sarif = writeSarifFile(sarifRuns(result, config, edge.workspace), edge.tempRoot, lineText, edge.redact)
  } catch (error) {
    // The report is written; a SARIF file that cannot be is a warning, and the output stays empty.
    core.warning(`The SARIF file could not be written: ${errorMessage(error)}`)
  }
  const outputs = {
    ...('kind' in result ? matrixOutputs(result, file, patch) : outputsFor(result, file, patch)),
    [Outputs.Sarif]: sarif,
    [Outputs.TensorflowMatrix]: JSON.stringify(result.tensorflowMatrix ?? [])
  }
  const summary = 'kind' in result ? renderFinishedMatrixSummary(result) : renderFinishedSummary(result)
  await publish(annotationsOf(result), outputs, summary)
  await postComment(result, { ...edge, lineText })
}

/** One environment: the repository's pins (or one override from a workflow matrix). */
async function runOne(edge: Edge): Promise<Status> {
  const checked = withTampering(await check(edge.settings.config, edge.deps), edge.guard)
  const report = redactDeep(await finishReport(checked, { ...edge, now: new Date() }), edge.redact)
  await publishAll(report, edge)
  return report.status
}

/** One environment per TensorFlow version, and one summary with the compatibility matrix. */
async function runMatrix(edge: Edge): Promise<Status> {
  const checked = await checkMatrix(edge.settings.config, edge.deps)
  const last = checked.entries[checked.entries.length - 1]
  const tampered = last ? withTampering(last.report, edge.guard) : undefined
  const withTamper: MatrixReport =
    tampered && tampered !== last.report
      ? { ...checked, status: 'fail', entries: [...checked.entries.slice(0, -1), { ...last, report: tampered }] }
      : checked
  const matrix = redactDeep(await finishMatrix(withTamper, { ...edge, now: new Date() }), edge.redact)
  await publishAll(matrix, edge)
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

    const settings = readActionSettings(name => core.getInput(name), workspace)
    const { config } = settings
    // The token is used only for the comment; the runner masks the job's own token already, a given one is masked here.
    if (config.comment !== 'never' && config.githubToken) core.setSecret(config.githubToken)
    const redact = redactor(secretValues({ ...config.env, GITHUB_TOKEN: config.githubToken }, process.env))
    const log = actionLog(redact)
    if (settings.file) log.info(`Config file: ${settings.file.name} (${settings.file.ignore.length} ignore entries).`)
    for (const note of settings.notes) log.info(note)
    const caches = new ActionCaches(actionsCacheStore, config.cache, log, redact)
    const deps: CheckDeps = {
      runner: nodeProcessRunner,
      log,
      cache: caches,
      onInstalled: caches.onInstalled,
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
    const edge: Edge = { tempRoot, guard, redact, settings, deps, event: readEvent(process.env), workspace }
    warmPlan(config, deps)
    const status = config.tensorflowVersions.length > 0 ? await runMatrix(edge) : await runOne(edge)
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
