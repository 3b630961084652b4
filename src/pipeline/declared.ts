import * as path from 'node:path'
import { type Config } from '../config/types.js'
import { ConfigError } from '../core/errors.js'
import { commonDir } from '../core/paths.js'
import { childBaseEnv } from '../environment/child-env.js'
import { loadRequirements } from '../requirements/discover.js'
import { type RequirementSet } from '../requirements/types.js'

/** The repository: the workspace, or (CLI) the folder that holds both the current directory and DIR. */
export function repositoryRoot(pathBase: string, workingDirectory: string): string {
  return commonDir([pathBase, workingDirectory])
}

/**
 * The requirements as the repository declares them, read as pip reads them. `${VAR}` expands as the installer will
 * expand it: from the environment the installer really gets. A set that asks for nothing is an input error.
 */
export function readDeclared(config: Config, pathBase: string, baseEnv: NodeJS.ProcessEnv): RequirementSet {
  const set = loadRequirements(config.workingDirectory, config.requirements, {
    env: { ...childBaseEnv(baseEnv), ...config.env },
    root: repositoryRoot(pathBase, config.workingDirectory),
    allowOutside: config.allowOutsideWorkspace,
    selection: { extras: config.extras, groups: config.groups }
  })
  const asksNothing =
    set.requirements.length === 0 &&
    set.problems.length === 0 &&
    !set.projectDir &&
    config.extraPackages.length === 0 &&
    !config.tensorflowVersion
  if (asksNothing) {
    const names = set.files.map(f => path.relative(config.workingDirectory, f) || f)
    throw new ConfigError(
      `requirements: ${names.join(', ')} ${names.length === 1 ? 'lists' : 'list'} no requirements (empty, or only ` +
        'comments and options). Add your requirements, or point the requirements input at the right file.'
    )
  }
  return set
}

/** Every file the set was read from: the top-level ones and every include. */
export function filesRead(set: RequirementSet): string[] {
  return [...new Set([...set.files, ...set.requirements.map(r => r.location.file)])]
}
