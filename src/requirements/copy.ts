import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { Edit } from '../core/finding.js'
import { RequirementSet } from './types.js'

/** Applies line edits to text: a changed line replaces the requirement (and its `\` continuations); an added line is appended. */
export function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split(/\r?\n/)
  for (const edit of edits.filter(e => e.line !== undefined)) {
    const i = edit.line! - 1
    let end = i
    while (end < lines.length - 1 && lines[end].trimEnd().endsWith('\\')) end++
    lines.splice(i, end - i + 1, edit.after, ...Array(end - i).fill(''))
  }
  const added = edits.filter(e => e.line === undefined).map(e => e.after)
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return [...lines, ...added, ''].join('\n')
}

/** Copies every requirement file (keeping their relative layout, so -r/-c includes still resolve) with edits applied. */
function editedFiles(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  const files = [...new Set([...set.files, ...set.requirements.map(r => r.location.file)])]
  const root = commonDir([...files, pathBase])
  for (const file of files) {
    const target = path.join(dir, path.relative(root, file))
    mkdirSync(path.dirname(target), { recursive: true })
    const mine = edits.filter(e => path.resolve(pathBase, e.file) === file)
    if (mine.length === 0) copyFileSync(file, target)
    else writeFileSync(target, applyEdits(readFileSync(file, 'utf8'), mine))
  }
  return set.files.map(f => path.join(dir, path.relative(root, f)))
}

/** A pyproject project's dependencies, flattened into one requirements file with the edits applied. */
function flattenedProject(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const lines = set.requirements.map(r => {
    const edit = edits.find(e => e.line === r.location.line && path.resolve(pathBase, e.file) === r.location.file)
    if (edit) return edit.after
    const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : ''
    return r.url
      ? `${r.name}${extras} @ ${r.url}`
      : `${r.name}${extras}${r.specifier.startsWith('(') ? '' : r.specifier}${r.marker ? `; ${r.marker}` : ''}`
  })
  const file = path.join(dir, 'requirements.txt')
  writeFileSync(file, [...lines, ...edits.filter(e => e.line === undefined).map(e => e.after), ''].join('\n'))
  return [file]
}

function commonDir(paths: string[]): string {
  const split = paths.map(p => path.resolve(p).split(path.sep))
  const first = split[0]
  let n = 0
  while (n < first.length && split.every(s => s[n] === first[n])) n++
  return first.slice(0, n).join(path.sep) || path.sep
}

/**
 * A copy of the requirement set with line edits applied, in `dir`: requirement files keep their relative layout
 * (so -r/-c includes resolve); a pyproject project is flattened into one requirements file. The user's files are
 * only read. Returns the top-level files to install from.
 */
export function copyWithEdits(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  return set.projectDir ? flattenedProject(set, pathBase, edits, dir) : editedFiles(set, pathBase, edits, dir)
}
