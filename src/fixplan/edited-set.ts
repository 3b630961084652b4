import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { placeKey } from './book.js'
import { parseRequirementLine } from '../requirements/line.js'
import { requirementOf } from '../requirements/requirement.js'
import { type ParseProblem, type Requirement, type RequirementSet, type SourceLocation } from '../requirements/types.js'

/** The first change of each line, by place: one look-up per requirement keeps a big set linear. */
function changesByPlace(edits: Edit[], pathBase: string): Map<string, Edit> {
  const changes = new Map<string, Edit>()
  for (const e of edits) {
    if (e.before === '' || e.line === undefined) continue
    const key = placeKey(path.resolve(pathBase, e.file), e.line)
    if (!changes.has(key)) changes.set(key, e)
  }
  return changes
}

// Parsed texts by folder and text: a plan that makes one change on thousands of lines parses it once.
type Parsed = ReturnType<typeof parseRequirementLine>
const parsedTexts = new Map<string, Parsed>()

function parseOnce(text: string, dir: string): Parsed {
  const key = `${dir}\0${text}`
  let parsed = parsedTexts.get(key)
  if (!parsed) {
    if (parsedTexts.size >= 10_000) parsedTexts.clear()
    parsedTexts.set(key, (parsed = parseRequirementLine(text, dir)))
  }
  return parsed
}

/** A requirement line as the new text reads, in the place of the old one (or at `location` for a new line). */
function reread(text: string, old: Pick<Requirement, 'kind' | 'editable'>, location: SourceLocation) {
  const parsed = parseOnce(text, path.dirname(location.file))
  if (!parsed.ok) return { problem: { kind: 'syntax', message: parsed.message, location } satisfies ParseProblem }
  return { requirement: requirementOf(parsed.value, { editable: old.editable, kind: old.kind, raw: text, location }) }
}

/** The last line the set read from each file: an added line lands after it. */
function lastLines(set: RequirementSet): Map<string, number> {
  const last = new Map<string, number>()
  for (const r of set.requirements) last.set(r.location.file, Math.max(last.get(r.location.file) ?? 0, r.location.line))
  return last
}

/**
 * The requirement set as it would read with line edits applied, in memory: a changed line keeps its place (file,
 * line, include chain, kind) and takes the new text; a line changed to '' is gone; an added line goes after the last
 * line of its file. Nothing is written: this is what the rules judge a candidate plan by.
 */
export function withEdits(set: RequirementSet, edits: Edit[], pathBase: string): RequirementSet {
  const problems: ParseProblem[] = [...set.problems]
  const requirements: Requirement[] = []
  const changes = changesByPlace(edits, pathBase)
  for (const r of set.requirements) {
    const edit = changes.get(placeKey(r.location.file, r.location.line))
    if (!edit) requirements.push(r)
    else if (edit.after.trim() !== '') {
      const read = reread(edit.after, r, r.location)
      if (read.requirement) requirements.push(read.requirement)
      else problems.push(read.problem)
    }
  }
  const perFile = new Map<string, number>()
  const added = edits.filter(e => e.before === '' && e.after.trim() !== '')
  const last = added.length > 0 ? lastLines(set) : new Map<string, number>()
  for (const edit of added) {
    const file = path.resolve(pathBase, edit.file)
    const count = perFile.get(file) ?? 0
    perFile.set(file, count + 1)
    const location = { file, line: (last.get(file) ?? 0) + 1 + count, chain: [] }
    const read = reread(edit.after, { kind: 'requirement', editable: false }, location)
    if (read.requirement) requirements.push(read.requirement)
    else problems.push(read.problem)
  }
  return { ...set, requirements, problems }
}
