import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { parseRequirementLine } from '../requirements/line.js'
import { requirementOf } from '../requirements/requirement.js'
import { type ParseProblem, type Requirement, type RequirementSet, type SourceLocation } from '../requirements/types.js'

const sameLine = (edit: Edit, location: SourceLocation, pathBase: string) =>
  edit.line === location.line && path.resolve(pathBase, edit.file) === location.file

/** A requirement line as the new text reads, in the place of the old one (or at `location` for a new line). */
function reread(text: string, old: Pick<Requirement, 'kind' | 'editable'>, location: SourceLocation) {
  const parsed = parseRequirementLine(text, path.dirname(location.file))
  if (!parsed.ok) return { problem: { kind: 'syntax', message: parsed.message, location } satisfies ParseProblem }
  return { requirement: requirementOf(parsed.value, { editable: old.editable, kind: old.kind, raw: text, location }) }
}

/** The line after the last one the set read from `file`: where an added line lands. */
function nextLine(set: RequirementSet, file: string, added: number): number {
  const last = set.requirements.filter(r => r.location.file === file).reduce((n, r) => Math.max(n, r.location.line), 0)
  return last + 1 + added
}

/**
 * The requirement set as it would read with line edits applied, in memory: a changed line keeps its place (file,
 * line, include chain, kind) and takes the new text; a line changed to '' is gone; an added line goes after the last
 * line of its file. Nothing is written: this is what the rules judge a candidate plan by.
 */
export function withEdits(set: RequirementSet, edits: Edit[], pathBase: string): RequirementSet {
  const problems: ParseProblem[] = [...set.problems]
  const requirements: Requirement[] = []
  for (const r of set.requirements) {
    const edit = edits.find(e => e.before !== '' && sameLine(e, r.location, pathBase))
    if (!edit) requirements.push(r)
    else if (edit.after.trim() !== '') {
      const read = reread(edit.after, r, r.location)
      if (read.requirement) requirements.push(read.requirement)
      else problems.push(read.problem)
    }
  }
  const perFile = new Map<string, number>()
  for (const edit of edits.filter(e => e.before === '' && e.after.trim() !== '')) {
    const file = path.resolve(pathBase, edit.file)
    const count = perFile.get(file) ?? 0
    perFile.set(file, count + 1)
    const location = { file, line: nextLine(set, file, count), chain: [] }
    const read = reread(edit.after, { kind: 'requirement', editable: false }, location)
    if (read.requirement) requirements.push(read.requirement)
    else problems.push(read.problem)
  }
  return { ...set, requirements, problems }
}
