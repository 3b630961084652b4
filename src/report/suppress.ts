import { type Finding, type Location } from '../core/finding.js'
import { type FindingId } from '../core/ids.js'
import { normalizeName } from '../requirements/names.js'
import { type LineText, packagesOf } from './lines.js'

/** One `ignore:` entry of the config file: which findings it covers, why, until when, and where it is written. */
export interface IgnoreRule {
  id: FindingId
  /** A package name (any spelling: compared PEP 503 normalised). */
  package?: string
  /** A path relative to the repository root, `*` and `**` allowed. */
  file?: string
  reason: string
  /** The last day (YYYY-MM-DD, UTC) the entry suppresses anything. */
  until?: string
  /** The entry's own place in the config file. */
  source: Location
}

/** What one entry did in this run. `expired` entries suppress nothing; `unused` ones matched nothing. */
export interface IgnoreEntryState extends IgnoreRule {
  state: 'used' | 'unused' | 'expired'
  /** How many findings it matched (an expired entry: would have matched). */
  matched: number
}

/** A finding an entry covers: listed in the summary, the report and SARIF, never counted toward the status. */
export interface SuppressedFinding extends Finding {
  suppression: { reason: string; until?: string; source: Location }
}

export interface Suppressed {
  kept: Finding[]
  suppressed: SuppressedFinding[]
  entries: IgnoreEntryState[]
}

/** `*` within a path segment, `**` across segments, `?` one character; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/^\.\//, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map(part =>
      part === '**/'
        ? '(?:.*/)?'
        : part === '**'
          ? '.*'
          : part === '*'
            ? '[^/]*'
            : part === '?'
              ? '[^/]'
              : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${body}$`)
}

function matches(rule: IgnoreRule, f: Finding, lineText: LineText): boolean {
  if (rule.id !== f.id) return false
  if (rule.package && !packagesOf(f, lineText).includes(normalizeName(rule.package))) return false
  if (rule.file) {
    const re = globToRegExp(rule.file)
    const files = [...f.locations.map(l => l.file), ...(f.edits ?? []).map(e => e.file)]
    if (!files.some(file => re.test(file))) return false
  }
  return true
}

/**
 * Applies the config file's `ignore:` entries to a run's findings. The first live entry that matches a finding
 * suppresses it; an entry past its `until` day suppresses nothing, and says how much it would have matched.
 */
export function suppress(findings: Finding[], rules: IgnoreRule[], lineText: LineText, today: string): Suppressed {
  const counts = rules.map(() => 0)
  const kept: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  for (const f of findings) {
    let by: IgnoreRule | undefined
    rules.forEach((rule, i) => {
      if (!matches(rule, f, lineText)) return
      counts[i]++
      if (!by && !expired(rule, today)) by = rule
    })
    if (by) suppressed.push({ ...f, suppression: { reason: by.reason, until: by.until, source: by.source } })
    else kept.push(f)
  }
  const entries = rules.map((rule, i): IgnoreEntryState => {
    const state = expired(rule, today) ? 'expired' : counts[i] > 0 ? 'used' : 'unused'
    return { ...rule, state, matched: counts[i] }
  })
  return { kept, suppressed, entries }
}

function expired(rule: IgnoreRule, today: string): boolean {
  return rule.until !== undefined && rule.until < today
}

/** Today as the `until` dates are written (YYYY-MM-DD, UTC). */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10)
}
