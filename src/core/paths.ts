import * as path from 'node:path'

/** The deepest folder that holds all of `paths` (the file system root when they share nothing). */
export function commonDir(paths: string[]): string {
  const split = paths.map(p => path.resolve(p).split(path.sep))
  const first = split[0] ?? []
  let n = 0
  while (n < first.length && split.every(s => s[n] === first[n])) n++
  return first.slice(0, n).join(path.sep) || path.sep
}

/** Folders of tools, never the project's own: version control, package caches, test and lint state. */
export const TOOL_STATE_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache'
]
