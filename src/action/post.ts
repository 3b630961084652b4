import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import { State } from '../constants.js'
import { removeWorkDir } from '../environment/workspace.js'

/** The post step: removes a work folder that a killed or cancelled main step could not remove itself. */
export async function runPost(): Promise<void> {
  try {
    const dir = core.getState(State.WorkDir)
    if (dir && existsSync(dir)) {
      removeWorkDir(dir)
      core.info(`Removed ${dir}, left behind by the main step.`)
    }
  } catch (error) {
    core.warning(`Cleanup failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
