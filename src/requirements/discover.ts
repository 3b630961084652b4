import { existsSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { ConfigError } from '../config.js'
import { readRequirementFiles, ReadOptions } from './read.js'
import { RequirementSet } from './types.js'

/**
 * Finds what to install: the files the user named, else `requirements.txt`, else the project in `pyproject.toml`
 * (installed as a project, as `pip install .` would). Nothing found is a configuration error that says what was
 * looked for.
 */
export function loadRequirements(
  workingDirectory: string,
  requested: string[],
  options: ReadOptions = {}
): RequirementSet {
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
    return readRequirementFiles(files, options)
  }
  const txt = path.join(workingDirectory, 'requirements.txt')
  if (existsSync(txt)) return readRequirementFiles([txt], options)
  if (existsSync(path.join(workingDirectory, 'pyproject.toml'))) {
    return { files: [], projectDir: workingDirectory, requirements: [], options: [], problems: [] }
  }
  throw new ConfigError(
    `requirements: found neither requirements.txt nor pyproject.toml in ${workingDirectory}. ` +
      'Name your requirement files in the requirements input (one per line), or set working-directory.'
  )
}
