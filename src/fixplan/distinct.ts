import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { placeKey } from './book.js'
import { rewriteLine } from './style.js'
import { parseRequirementLine } from '../requirements/line.js'
import { Locator } from '../requirements/locate.js'
import { normalizeName } from '../requirements/names.js'
import { meaningOf } from '../requirements/requirement.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'

/**
 * A set with each requirement kept once per meaning, and where its other lines were. pip reads lines of the same
 * meaning as one requirement, however they are spelled, so every rule and every candidate judges them alike: the
 * search works on the distinct lines and the plan it finds is made on every copy. Without this, a file that repeats
 * one TensorFlow pin thousands of times costs the search thousands of edits per candidate.
 */
export interface DistinctSet {
  set: RequirementSet
  /** Each kept line that has copies, with the other lines of its meaning, by the kept line's place. */
  copies: Map<string, { kept: Requirement; others: Requirement[] }>
  /** The kept line of each copy, by the copy's place. */
  keptFor: Map<string, Requirement>
  pathBase: string
}

const placeOf = (r: Requirement) => placeKey(r.location.file, r.location.line)

// Direct references stay apart: their paths are relative to the file that names them.
const sameness = (r: Requirement) => (r.url ? undefined : meaningOf(r))

export function distinctLines(set: RequirementSet, pathBase: string): DistinctSet {
  const kept = new Map<string, Requirement>()
  const copies = new Map<string, { kept: Requirement; others: Requirement[] }>()
  const keptFor = new Map<string, Requirement>()
  const requirements: Requirement[] = []
  for (const r of set.requirements) {
    const id = sameness(r)
    const first = id === undefined ? undefined : kept.get(id)
    if (!first) {
      if (id !== undefined) kept.set(id, r)
      requirements.push(r)
      continue
    }
    const group = copies.get(placeOf(first))
    if (group) group.others.push(r)
    else copies.set(placeOf(first), { kept: first, others: [r] })
    keptFor.set(placeOf(r), first)
  }
  const same = requirements.length === set.requirements.length
  return { set: same ? set : { ...set, requirements }, copies, keptFor, pathBase }
}

const editPlace = (distinct: DistinctSet, edit: Edit) =>
  edit.line === undefined ? undefined : placeKey(path.resolve(distinct.pathBase, edit.file), edit.line)

/** How many lines an edit of the kept lines stands for: itself and the copies of its line. */
export function linesOf(distinct: DistinctSet): (edit: Edit) => number {
  return edit => {
    const place = edit.before === '' ? undefined : editPlace(distinct, edit)
    return 1 + ((place !== undefined && distinct.copies.get(place)?.others.length) || 0)
  }
}

/** Edits of the original lines as edits of the kept ones: a fix proposed on a copy lands on the line kept for it. */
export function ontoKept(distinct: DistinctSet, edits: Edit[]): Edit[] {
  const locator = new Locator(distinct.set.requirements, distinct.pathBase)
  return edits.map(e => {
    const place = e.before === '' ? undefined : editPlace(distinct, e)
    const kept = place === undefined ? undefined : distinct.keptFor.get(place)
    return kept ? { ...e, file: locator.relative(kept.location.file), line: kept.location.line, before: kept.raw } : e
  })
}

/**
 * The text a copy gets for the change made to its kept line: the same text when the copy reads alike; written in
 * the copy's own spelling when the change keeps the package (a new specifier or extras); the change's own text
 * when it renames the package or removes the line.
 */
function copyText(edit: Edit, kept: Requirement): (copy: Requirement) => string {
  const parsed = parseRequirementLine(edit.after)
  const keepsPackage =
    parsed.ok &&
    normalizeName(parsed.value.name) === kept.key &&
    !parsed.value.url &&
    parsed.value.marker === kept.marker
  return copy => {
    if (copy.raw.trim() === kept.raw.trim() || !parsed.ok || !keepsPackage) return edit.after
    return rewriteLine(copy, parsed.value.specifier, copy.name, parsed.value.extras)
  }
}

/** A plan's edits of the kept lines, with the same change made to every copy; changed lines in file and line order. */
export function spread(distinct: DistinctSet, edits: Edit[]): Edit[] {
  if (distinct.copies.size === 0) return edits
  const locator = new Locator(distinct.set.requirements, distinct.pathBase)
  // One relative path per file, not per copy: the copies of a big file all share one.
  const relative = new Map<string, string>()
  const relativeOf = (file: string) => {
    let found = relative.get(file)
    if (found === undefined) relative.set(file, (found = locator.relative(file)))
    return found
  }
  const changed: Edit[] = []
  const added: Edit[] = []
  for (const e of edits) {
    if (e.before === '' || e.line === undefined) {
      added.push(e)
      continue
    }
    changed.push(e)
    const group = distinct.copies.get(editPlace(distinct, e)!)
    if (!group) continue
    const textFor = copyText(e, group.kept)
    for (const c of group.others)
      changed.push({ file: relativeOf(c.location.file), line: c.location.line, before: c.raw, after: textFor(c) })
  }
  changed.sort((a, b) => a.file.localeCompare(b.file) || a.line! - b.line!)
  return [...changed, ...added]
}
