import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import { State } from '../constants.js'
import { removeWorkDir } from '../environment/workspace.js'
import { killProcessesUsing } from '../util/leftovers.js'

/** The post step: removes a work folder that a killed or cancelled main step could not remove itself. */
export async function runPost(): Promise<void> {
  try {
    const dir = core.getState(State.WorkDir)
    if (dir && existsSync(dir)) {
      // Stop what still writes there first, or it would recreate files as they are removed.
      const stopped = killProcessesUsing(dir)
      if (stopped.length > 0) core.info(`Stopped ${stopped.length} process(es) the main step left running.`)
      removeWorkDir(dir)
      core.info(`Removed ${dir}, left behind by the main step.`)
    }
  } catch (error) {
    core.warning(`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
