import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { type Locator } from '../requirements/locate.js'
import { type Requirement } from '../requirements/types.js'

/**
 * The edits of one candidate, one per line: a line changed twice keeps its original `before` and the last `after`;
 * an added line is added once.
 */
export class EditBook {
  private readonly changed = new Map<string, Edit>()
  private readonly added: Edit[] = []
  private readonly addedTexts = new Set<string>()

  constructor(private readonly locator: Locator) {}

  change(req: Requirement, after: string): void {
    const id = `${req.location.file}:${req.location.line}`
    const earlier = this.changed.get(id)
    if (earlier?.before === after || (!earlier && req.raw === after)) {
      this.changed.delete(id)
      return
    }
    this.changed.set(id, {
      file: this.locator.relative(req.location.file),
      line: req.location.line,
      before: earlier?.before ?? req.raw,
      after
    })
  }

  add(file: string, after: string): void {
    if (this.addedTexts.has(after)) return
    this.addedTexts.add(after)
    this.added.push({ file: this.locator.relative(file), before: '', after })
  }

  touches(req: Requirement): boolean {
    return this.changed.has(`${req.location.file}:${req.location.line}`)
  }

  /** Changed lines in file and line order, then added lines. */
  list(): Edit[] {
    const changed = [...this.changed.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line! - b.line!)
    return [...changed, ...this.added]
  }
}

// The requirements of a set by place, built once per list: the search asks for one edit's line many times over. A
// list that grew since (only the reader appends) is indexed anew.
const byPlace = new WeakMap<Requirement[], { length: number; places: Map<string, Requirement> }>()

/** A line's place in the set, as one map key. */
export const placeKey = (file: string, line: number) => `${file}\0${line}`

function placesOf(requirements: Requirement[]): Map<string, Requirement> {
  const known = byPlace.get(requirements)
  if (known?.length === requirements.length) return known.places
  const places = new Map<string, Requirement>()
  for (const r of requirements) {
    const key = placeKey(r.location.file, r.location.line)
    if (!places.has(key)) places.set(key, r)
  }
  byPlace.set(requirements, { length: requirements.length, places })
  return places
}

/** The requirement an edit of the original set stands on (undefined for an added line). */
export function editedRequirement(edit: Edit, requirements: Requirement[], pathBase: string): Requirement | undefined {
  if (edit.line === undefined || edit.before === '') return undefined
  return placesOf(requirements).get(placeKey(path.resolve(pathBase, edit.file), edit.line))
}
