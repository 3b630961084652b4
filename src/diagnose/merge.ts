import { type Finding, type Location, SEVERITY_RANK } from '../core/finding.js'
import { type FindingId } from '../core/ids.js'

/** Where a finding points, as comparable keys: `file:line`, each once, sorted. */
export function placesOf(f: Finding): string[] {
  return [...new Set(f.locations.map((l: Location) => `${l.file}:${l.line ?? ''}`))].sort()
}

const samePlaces = (a: Finding, b: Finding) => placesOf(a).join('\n') === placesOf(b).join('\n')

/**
 * The static findings on the declared pins and on the set the resolver picked, as one list: the same id at the
 * same places is one problem, said once. The more severe of the two stands; on a tie the declared one, whose edits
 * change the user's own lines.
 */
export function mergeStatic(declared: Finding[], resolved: Finding[]): Finding[] {
  const merged = [...declared]
  for (const r of resolved) {
    const at = merged.findIndex(d => d.id === r.id && samePlaces(d, r))
    if (at < 0) merged.push(r)
    else if (SEVERITY_RANK[r.severity] > SEVERITY_RANK[merged[at].severity]) merged[at] = r
  }
  return merged
}

/** Installer failures that say only that something does not install: a specific finding can say why. */
const GENERIC: readonly FindingId[] = ['resolution-conflict', 'version-not-found', 'build-failed', 'install-failed']

/**
 * Whether a specific finding explains an installer failure: it is an error about every package of the repository
 * the installer blames (the failure's lines are all among the finding's), and it is either a prediction that the
 * install fails, or about how those same two or more packages relate. A failure that names another line, or only
 * the one package of a finding about something else (numpy's ABI at the TensorFlow line), stays its own finding.
 */
export function explains(specific: Finding, failure: Finding, packagesAt: (place: string) => string[]): boolean {
  if (!GENERIC.includes(failure.id) || GENERIC.includes(specific.id)) return false
  if (specific.severity !== 'error' || specific.id === 'install-infrastructure') return false
  const lines = placesOf(failure).filter(p => !p.endsWith(':'))
  const mine = new Set(placesOf(specific))
  if (lines.length === 0 || !lines.every(p => mine.has(p))) return false
  const blamed = new Set(lines.flatMap(packagesAt))
  return specific.provenBy === 'install' || blamed.size >= 2
}

/** The installer's words, added to what a finding already quotes. */
function withEvidence(f: Finding, evidence: string): Finding {
  if (!evidence || f.evidence.includes(evidence)) return f
  return { ...f, evidence: f.evidence ? `${f.evidence}\n\n${evidence}` : evidence }
}

/**
 * One problem, one finding: each generic installer failure that a specific finding explains is folded into it as
 * its evidence (the installer's own words), so the installer's generic text ("cannot all hold at once") never
 * stands beside, or contradicts, the specific one. Of several that explain it, the one with the fewest places.
 */
export function foldFailures(
  specific: Finding[],
  failures: Finding[],
  packagesAt: (place: string) => string[]
): { specific: Finding[]; failures: Finding[] } {
  const out = [...specific]
  const kept: Finding[] = []
  for (const failure of failures) {
    const candidates = out
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => explains(f, failure, packagesAt))
      .sort((a, b) => placesOf(a.f).length - placesOf(b.f).length || a.i - b.i)
    if (candidates.length === 0) kept.push(failure)
    else out[candidates[0].i] = withEvidence(candidates[0].f, failure.evidence)
  }
  return { specific: out, failures: kept }
}
