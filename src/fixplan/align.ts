import { type Edit, type Finding } from '../core/finding.js'
import { parseRequirementLine } from '../requirements/line.js'
import { normalizeName } from '../requirements/names.js'
import { type Requirement } from '../requirements/types.js'
import { overlaps } from '../versions/range.js'

function parsed(text: string): { key: string; specifier: string } | undefined {
  const p = parseRequirementLine(text)
  return p.ok ? { key: normalizeName(p.value.name), specifier: p.value.specifier } : undefined
}

const sameEdit = (a: Edit, b: Edit) =>
  a.file === b.file && a.line === b.line && a.before === b.before && a.after === b.after

/**
 * A finding's edit seen against the plan: the plan's own edit when both change the same line (or both add the same
 * package); dropped when it pins a package to a range that the plan's lines for it (changed or kept) cannot share;
 * else the edit as it was.
 */
function aligned(edit: Edit, plan: Edit[], after: Requirement[]): Edit | undefined {
  const mine = parsed(edit.after)
  const same = plan.find(p =>
    edit.line !== undefined
      ? p.file === edit.file && p.line === edit.line
      : p.before === '' && mine !== undefined && parsed(p.after)?.key === mine.key
  )
  if (same) return same
  const clash = after.some(r => mine && r.key === mine.key && !r.url && overlaps(r.specifier, mine.specifier) === false)
  return clash ? undefined : edit
}

/**
 * Per-finding edits stay, but never contradict the plan: an edit of a line the plan changes becomes the plan's edit
 * of that line, and one that pins a package where the plan's set cannot follow is dropped. `after` is the set's
 * requirements with the plan applied.
 */
export function alignFindings(findings: Finding[], plan: Edit[], after: Requirement[]): Finding[] {
  if (plan.length === 0) return findings
  return findings.map(f => {
    if (!f.edits || f.edits.length === 0) return f
    const edits = f.edits.map(e => aligned(e, plan, after)).filter((e): e is Edit => e !== undefined)
    const unique = edits.filter((e, i) => edits.findIndex(x => sameEdit(x, e)) === i)
    const changed = unique.length !== f.edits.length || unique.some((e, i) => !sameEdit(e, f.edits![i]))
    return {
      ...f,
      fix: changed ? `${f.fix} The fix plan changes this differently, together with its other lines.` : f.fix,
      edits: unique.length > 0 ? unique : undefined
    }
  })
}
