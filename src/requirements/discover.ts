import { existsSync, lstatSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { ConfigError } from '../core/errors.js'
import { checkGuarded, type Containment, readGuarded, type Refusal } from './guard.js'
import { type PyprojectSelection, readPyproject } from './pyproject.js'
import { readRequirementFiles, type ReadOptions } from './read.js'
import { type RequirementSet } from './types.js'

export interface LoadOptions extends ReadOptions {
  selection?: PyprojectSelection
}

const NONE: PyprojectSelection = { extras: [], groups: [] }

const OUTSIDE_FIX =
  'keras-compat does not read files outside it unless allow-outside-workspace is true (CLI: --allow-outside-workspace).'

/** How to fix a refused input file, by why it was refused. */
function fixFor(refusal: Refusal): string {
  switch (refusal.failure) {
    case 'outside':
      return OUTSIDE_FIX
    case 'not-a-file':
      return 'Name a regular requirements file (or pyproject.toml) in the requirements input.'
    case 'too-large':
      return 'A requirements file that large is not a requirements file: name the right one in the requirements input.'
    default:
      return 'Commit the file it should be, or name another one in the requirements input.'
  }
}

/** A file the user named, or that was found for them, that must be readable: else a ConfigError naming it. */
function requireReadable(file: string, named: string, containment: Containment): void {
  const checked = checkGuarded(file, containment)
  if (checked.ok) return
  if (checked.failure === 'missing' && !isLink(file)) {
    throw new ConfigError(
      `requirements: ${named} not found (looked for ${file}). Paths are relative to working-directory.`
    )
  }
  throw new ConfigError(`requirements: ${named} (${file}) ${checked.reason}. ${fixFor(checked)}`)
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}

/** Whether something (a file, a folder, even a broken link) is at `file`: found things are judged, not skipped. */
function present(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

/** A pyproject project: its declared dependencies (with lines) for the rules, the project itself for the installer. */
function loadProject(file: string, named: string, selection: PyprojectSelection, containment: Containment) {
  requireReadable(file, named, containment)
  const read = readGuarded(file, containment)
  if (!read.ok) throw new ConfigError(`requirements: ${named} (${file}) ${read.reason}. ${fixFor(read)}`)
  const parsed = readPyproject(file, Buffer.from(read.bytes).toString('utf8'), selection)
  const set: RequirementSet = {
    files: [],
    sources: [file],
    projectDir: path.dirname(file),
    projectExtras: selection.extras,
    groupRequirements: parsed.groupRequirements,
    requirements: parsed.requirements,
    options: [],
    problems: parsed.problems,
    optional: parsed.optional
  }
  return set
}

/**
 * Finds what to install: the files the user named, else `requirements.txt`, else the project in `pyproject.toml`
 * (installed as a project, as `pip install .` would). Nothing found is a configuration error that says what was
 * looked for; a file that is found but cannot be read (a folder, a pipe, a link out of the repository) is one
 * that names it.
 */
export function loadRequirements(
  workingDirectory: string,
  requested: string[],
  options: LoadOptions = {}
): RequirementSet {
  const selection = options.selection ?? NONE
  const containment: Containment = { root: options.root, allowOutside: options.allowOutside }
  const readOptions: ReadOptions = { cwd: workingDirectory, ...options }
  if (!existsSync(workingDirectory) || !statSync(workingDirectory).isDirectory()) {
    throw new ConfigError(`working-directory: ${workingDirectory} does not exist or is not a directory.`)
  }
  if (requested.length > 0) {
    const files = requested.map(f => path.resolve(workingDirectory, f))
    files.forEach((file, i) => requireReadable(file, requested[i], containment))
    const project = files.find(f => path.basename(f) === 'pyproject.toml')
    if (project) {
      if (files.length > 1)
        throw new ConfigError('requirements: name either pyproject.toml or requirement files, not both.')
      return loadProject(project, 'pyproject.toml', selection, containment)
    }
    return readRequirementFiles(files, readOptions)
  }
  const txt = path.join(workingDirectory, 'requirements.txt')
  if (present(txt)) {
    requireReadable(txt, 'requirements.txt (found in working-directory)', containment)
    return readRequirementFiles([txt], readOptions)
  }
  const pyproject = path.join(workingDirectory, 'pyproject.toml')
  if (present(pyproject)) {
    return loadProject(pyproject, 'pyproject.toml (found in working-directory)', selection, containment)
  }
  throw new ConfigError(
    `requirements: found neither requirements.txt nor pyproject.toml in ${workingDirectory}. ` +
      'Name your requirement files in the requirements input (one per line), or set working-directory.'
  )
}
