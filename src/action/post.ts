import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import * as os from 'node:os'
import { State } from '../core/constants.js'
import { ownedWorkDir, removeWorkDir } from '../environment/workspace.js'
import { killProcessesUsing } from '../util/leftovers.js'
import { errorMessage } from '../core/errors.js'

/**
 * The post step: removes a work folder that a killed or cancelled main step could not remove itself. It acts only
 * on a folder the main step provably made (see ownedWorkDir); any other state value is ignored and never printed.
 */
export async function runPost(): Promise<void> {
  try {
    const dir = core.getState(State.WorkDir)
    if (!dir) return
    const tempRoot = process.env.RUNNER_TEMP || os.tmpdir()
    if (!ownedWorkDir(dir, core.getState(State.WorkToken), tempRoot)) {
      core.info('The saved state names no work folder of this step to remove; nothing was touched.')
      return
    }
    // Stop what still writes there first, or it would recreate files as they are removed.
    const stopped = killProcessesUsing(dir)
    if (stopped.length > 0) core.info(`Stopped ${stopped.length} process(es) the main step left running.`)
    removeWorkDir(dir)
    if (existsSync(dir)) core.warning(`Could not remove ${dir}, left behind by the main step.`)
    else core.info(`Removed ${dir}, left behind by the main step.`)
  } catch (error) {
    core.warning(`Cleanup failed: ${errorMessage(error)}`)
  }
}
