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
    if (!this.added.some(e => e.after === after))
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

/** The requirement an edit of the original set stands on (undefined for an added line). */
export function editedRequirement(edit: Edit, requirements: Requirement[], pathBase: string): Requirement | undefined {
  if (edit.line === undefined || edit.before === '') return undefined
  const file = path.resolve(pathBase, edit.file)
  return requirements.find(r => r.location.line === edit.line && r.location.file === file)
}
