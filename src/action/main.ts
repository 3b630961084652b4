import * as core from '@actions/core'
import * as os from 'node:os'
import { check } from '../check.js'
import { Outputs, State } from '../constants.js'
import { readConfig } from '../inputs.js'
import { failsAt } from '../report/verdict.js'
import { removeOnCancel, trackWorkDir } from '../util/cancel.js'
import { nodeProcessRunner } from '../util/process.js'
import { ActionCaches } from './cache.js'
import { actionsCacheStore } from './cache-store.js'
import { actionLog } from './log.js'
import { publish, writeReportFile } from './publish.js'

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
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
    const report = await check(config, {
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
    })
    await publish(report, writeReportFile(report, tempRoot))
    core.setOutput(Outputs.CacheHit, String(caches.exactHit))
    // Saved whatever the verdict: a failing check is exactly when users re-run.
    await caches.save(process.env.GITHUB_EVENT_NAME)

    if (failsAt(report.status, config.failOn)) {
      core.setFailed(
        `keras-compat: ${report.status} (fail-on: ${config.failOn}); see the job summary for findings and fixes.`
      )
    }
  } catch (error) {
    // Any throw, Error or not, ends as a failed step with a message, never a bare stack trace.
    core.setFailed(errorMessage(error))
  }
}
