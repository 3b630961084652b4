import { ConfigError } from '../core/errors.js'
import { existsSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { PyprojectSelection, readPyproject } from './pyproject.js'
import { readRequirementFiles, ReadOptions } from './read.js'
import { RequirementSet } from './types.js'

export interface LoadOptions extends ReadOptions {
  selection?: PyprojectSelection
}

const NONE: PyprojectSelection = { extras: [], groups: [] }

/** A pyproject project: its declared dependencies (with lines) for the rules, the project itself for the installer. */
function loadProject(file: string, selection: PyprojectSelection): RequirementSet {
  const read = readPyproject(file, readFileSync(file, 'utf8'), selection)
  return {
    files: [],
    projectDir: path.dirname(file),
    projectExtras: selection.extras,
    groupRequirements: read.groupRequirements,
    requirements: read.requirements,
    options: [],
    problems: read.problems
  }
}

/**
 * Finds what to install: the files the user named, else `requirements.txt`, else the project in `pyproject.toml`
 * (installed as a project, as `pip install .` would). Nothing found is a configuration error that says what was
 * looked for.
 */
export function loadRequirements(
  workingDirectory: string,
  requested: string[],
  options: LoadOptions = {}
): RequirementSet {
  const selection = options.selection ?? NONE
  if (!existsSync(workingDirectory) || !statSync(workingDirectory).isDirectory()) {
    throw new ConfigError(`working-directory: ${workingDirectory} does not exist or is not a directory.`)
  }
  if (requested.length > 0) {
    const files = requested.map(f => path.resolve(workingDirectory, f))
    files.forEach((file, i) => {
      if (!existsSync(file) || !statSync(file).isFile()) {
        throw new ConfigError(
          `requirements: ${requested[i]} not found (looked for ${file}). Paths are relative to working-directory.`
        )
      }
    })
    const project = files.find(f => path.basename(f) === 'pyproject.toml')
    if (project) {
      if (files.length > 1)
        throw new ConfigError('requirements: name either pyproject.toml or requirement files, not both.')
      return loadProject(project, selection)
    }
    return readRequirementFiles(files, options)
  }
  const txt = path.join(workingDirectory, 'requirements.txt')
  if (existsSync(txt)) return readRequirementFiles([txt], options)
  const pyproject = path.join(workingDirectory, 'pyproject.toml')
  if (existsSync(pyproject)) return loadProject(pyproject, selection)
  throw new ConfigError(
    `requirements: found neither requirements.txt nor pyproject.toml in ${workingDirectory}. ` +
      'Name your requirement files in the requirements input (one per line), or set working-directory.'
  )
}
