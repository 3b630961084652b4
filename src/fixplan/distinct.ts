import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { placeKey } from './book.js'
import { Locator } from '../requirements/locate.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'

/**
 * A set with each repeated requirement line kept once, and where the repeats were. pip reads two identical lines as
 * one requirement, so every rule and every candidate judges them alike: the search works on the distinct lines and
 * the plan it finds is spread back to every copy. Without this, a file that repeats one TensorFlow pin thousands of
 * times costs the search thousands of edits per candidate.
 */
export interface DistinctSet {
  set: RequirementSet
  /** The repeats of each kept line, by the kept line's place. */
  copies: Map<string, Requirement[]>
  /** The kept line of each repeat, by the repeat's place. */
  keptFor: Map<string, Requirement>
  pathBase: string
}

const placeOf = (r: Requirement) => placeKey(r.location.file, r.location.line)

/** Lines that read alike to pip: the same text, kind and editable flag. Direct references stay apart (their paths
 * are relative to the file that names them). */
const sameness = (r: Requirement) => (r.url ? undefined : `${r.kind}\0${r.editable}\0${r.raw.trim()}`)

export function distinctLines(set: RequirementSet, pathBase: string): DistinctSet {
  const kept = new Map<string, Requirement>()
  const copies = new Map<string, Requirement[]>()
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
    const list = copies.get(placeOf(first))
    if (list) list.push(r)
    else copies.set(placeOf(first), [r])
    keptFor.set(placeOf(r), first)
  }
  const same = requirements.length === set.requirements.length
  return { set: same ? set : { ...set, requirements }, copies, keptFor, pathBase }
}

const editPlace = (distinct: DistinctSet, edit: Edit) =>
  edit.line === undefined ? undefined : placeKey(path.resolve(distinct.pathBase, edit.file), edit.line)

/** Edits of the original lines as edits of the kept ones: a fix proposed on a repeat lands on the line kept for it. */
export function ontoKept(distinct: DistinctSet, edits: Edit[]): Edit[] {
  const locator = new Locator(distinct.set.requirements, distinct.pathBase)
  return edits.map(e => {
    const place = e.before === '' ? undefined : editPlace(distinct, e)
    const kept = place === undefined ? undefined : distinct.keptFor.get(place)
    return kept ? { ...e, file: locator.relative(kept.location.file), line: kept.location.line } : e
  })
}

/** A plan's edits of the kept lines, with the same change made to every repeat; changed lines in file and line order. */
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
    for (const c of distinct.copies.get(editPlace(distinct, e)!) ?? [])
      changed.push({ file: relativeOf(c.location.file), line: c.location.line, before: c.raw, after: e.after })
  }
  changed.sort((a, b) => a.file.localeCompare(b.file) || a.line! - b.line!)
  return [...changed, ...added]
}
