import { type Finding, SEVERITY_RANK } from '../core/finding.js'
import { type LineText, locationKeys } from './lines.js'

/** One side of the comparison: its findings and how to read the lines they point at. */
export interface Side {
  findings: Finding[]
  lineText: LineText
}

interface Known {
  finding: Finding
  keys: string[]
}

const atLeastAsSevere = (base: Finding, head: Finding) => SEVERITY_RANK[base.severity] >= SEVERITY_RANK[head.severity]

/**
 * Whether the base already had `head`'s problem. The same id on the same requirement lines (compared by their text,
 * not their numbers, so lines that moved still match) is the same finding. The base is judged statically, so a
 * finding the real install or probe made (a resolution conflict, say) is pre-existing when a base finding already
 * covered all of its lines. A finding with no line matches on its id and title. One that got worse (a warning on the
 * base, an error now) is new.
 */
function preExisting(head: Finding, headKeys: string[], base: Known[]): boolean {
  return base.some(b => {
    if (!atLeastAsSevere(b.finding, head)) return false
    if (headKeys.length === 0) return b.finding.id === head.id && b.finding.title === head.title
    const same = b.finding.id === head.id && b.keys.join('\0') === headKeys.join('\0')
    const runtime = head.stage !== 'preflight' && b.keys.length > 0 && headKeys.every(k => b.keys.includes(k))
    return same || runtime
  })
}

/** The head's findings, each marked `new` or `pre-existing` against the base's. */
export function markBaseline(head: Side, base: Side): Finding[] {
  const known: Known[] = base.findings.map(f => ({ finding: f, keys: locationKeys(f, base.lineText) }))
  return head.findings.map(f => ({
    ...f,
    baseline: preExisting(f, locationKeys(f, head.lineText), known) ? 'pre-existing' : 'new'
  }))
}
