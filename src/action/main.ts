import * as core from '@actions/core'
import * as os from 'node:os'
import { check, CheckDeps } from '../check.js'
import { Config } from '../config.js'
import { Outputs, State } from '../constants.js'
import { readConfig } from '../inputs.js'
import { checkMatrix } from '../matrix.js'
import { matrixOutputs, renderMatrixSummary } from '../report/render/matrix.js'
import { outputsFor } from '../report/render/outputs.js'
import { renderSummary } from '../report/render/summary.js'
import { failsAt, Status } from '../report/verdict.js'
import { removeOnCancel, trackWorkDir } from '../util/cancel.js'
import { nodeProcessRunner } from '../util/process.js'
import { ActionCaches } from './cache.js'
import { actionsCacheStore } from './cache-store.js'
import { actionLog } from './log.js'
import { publish, writeReportFile } from './publish.js'

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** One environment: the repository's pins (or one override from a workflow matrix). */
async function runOne(config: Config, deps: CheckDeps, tempRoot: string): Promise<Status> {
  const report = await check(config, deps)
  const file = writeReportFile(report, tempRoot)
  await publish(report.findings, outputsFor(report, file), renderSummary(report))
  return report.status
}

/** One environment per TensorFlow version, and one summary with the compatibility matrix. */
async function runMatrix(config: Config, deps: CheckDeps, tempRoot: string): Promise<Status> {
  const matrix = await checkMatrix(config, deps)
  const file = writeReportFile(matrix, tempRoot)
  await publish(
    matrix.entries.flatMap(e => e.report.findings),
    matrixOutputs(matrix, file),
    renderMatrixSummary(matrix)
  )
  return matrix.status
}

/** The main step: read inputs, check the repository, publish what was found, and fail the job if it must. */
export async function run(): Promise<void> {
  try {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const tempRoot = process.env.RUNNER_TEMP || os.tmpdir()
    removeOnCancel()

    const config = readConfig(name => core.getInput(name), workspace)
    const log = actionLog()
    const caches = new ActionCaches(actionsCacheStore, config.cache, log)
    const deps: CheckDeps = {
      runner: nodeProcessRunner,
      log,
      cache: caches,
      tempRoot,
      pathBase: workspace,
      baseEnv: process.env,
      onWorkDir: dir => {
        trackWorkDir(dir)
        core.saveState(State.WorkDir, dir ?? '')
      }
    }
    const status =
      config.tensorflowVersions.length > 0
        ? await runMatrix(config, deps, tempRoot)
        : await runOne(config, deps, tempRoot)
    core.setOutput(Outputs.CacheHit, String(caches.exactHit))
    // Saved whatever the verdict: a failing check is exactly when users re-run.
    await caches.save(process.env.GITHUB_EVENT_NAME)

    if (failsAt(status, config.failOn)) {
      core.setFailed(`keras-compat: ${status} (fail-on: ${config.failOn}); see the job summary for findings and fixes.`)
    }
  } catch (error) {
    // Any throw, Error or not, ends as a failed step with a message, never a bare stack trace.
    core.setFailed(errorMessage(error))
  }
}
