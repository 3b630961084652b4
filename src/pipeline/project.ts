import * as path from 'node:path'
import { ConfigError } from '../core/errors.js'
import { commonDir } from '../core/paths.js'
import { copyProject, isLocalReference, type ProjectCopy, ProjectTooLarge } from '../environment/project-copy.js'
import { type Log } from '../core/log.js'
import { type RequirementSet } from '../requirements/types.js'
import { filesRead } from './declared.js'

const localRequirements = (set: RequirementSet) => set.requirements.filter(r => r.editable || isLocalReference(r.url))

/**
 * The repository's own code runs: a project or a local path is built, its modules are imported, or its own smoke
 * command runs.
 */
export function needsProjectCopy(set: RequirementSet, smokeImports: string[], smokeCommand = ''): boolean {
  return Boolean(set.projectDir) || smokeImports.length > 0 || smokeCommand !== '' || localRequirements(set).length > 0
}

/**
 * Copies what the run needs of the repository into the work folder: the working directory, every requirement file
 * read and every local path, so that builds and imports run there and the checkout is only ever read.
 */
export function makeProjectCopy(set: RequirementSet, workingDirectory: string, dest: string, log: Log): ProjectCopy {
  const localPaths = localRequirements(set).map(r =>
    path.resolve(workingDirectory, r.url.replace(/^file:(\/\/)?/i, ''))
  )
  const source = commonDir([workingDirectory, ...filesRead(set).map(f => path.dirname(f)), ...localPaths])
  try {
    const copy = copyProject(source, dest)
    if (copy.skipped.length > 0) log.info(`Not copied (not needed to build or import): ${copy.skipped.join(', ')}`)
    return copy
  } catch (error) {
    if (error instanceof ProjectTooLarge) throw new ConfigError(`working-directory: ${error.message}`)
    throw error
  }
}
