import { explain } from '@renovatebot/pep440'
import { type Edit } from '../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { parseRequirementLine } from '../requirements/line.js'
import { normalizeName } from '../requirements/names.js'
import { pinnedVersion } from '../versions/nearest.js'
import { parseRange } from '../versions/range.js'
import { type PlanCost } from './types.js'

/** A version as a point on one line: minors 1 apart, majors 100 apart, patches 0.01 apart. */
function position(version: string): number | undefined {
  const v = explain(version)
  if (!v) return undefined
  const [major = 0, minor = 0, patch = 0] = v.release
  return major * 100 + minor + Math.min(patch, 99) / 100
}

/** The version a specifier stands for: its exact pin, else its lower bound. */
function representative(specifier: string): string | undefined {
  const pinned = pinnedVersion(specifier)
  if (pinned) return pinned
  const lower = parseRange(specifier)?.intervals[0]?.lower
  return lower?.version
}

/** How far a line moves: steps between the versions it stands for, a move down a little further than up. */
export function moved(before: string, after: string): { key: string; steps: number } | undefined {
  const [a, b] = [parseRequirementLine(before), parseRequirementLine(after)]
  if (!a.ok || !b.ok) return undefined
  const from = representative(a.value.specifier)
  const to = representative(b.value.specifier)
  const x = from === undefined ? undefined : position(from)
  const y = to === undefined ? undefined : position(to)
  const steps = x !== undefined && y !== undefined ? Math.abs(y - x) + (y < x ? 0.005 : 0) : 0
  return { key: normalizeName(a.value.name), steps }
}

// A TensorFlow minor step weighs as ten of another package's: it drags everything tied to it along. A major step
// (keras 2 → 3) still weighs more than any TensorFlow move within 2.x.
const TENSORFLOW_WEIGHT = 10

/**
 * The cost of a candidate, compared field by field: keeping the user's Python first, then their TensorFlow
 * flavour, then the fewest lines (a variable to set counts as one), then the shortest TensorFlow move, then the
 * shortest moves of the rest.
 */
export function costOf(
  edits: Edit[],
  env: Record<string, string>,
  changes: { python: boolean; flavour: boolean; pythonSteps?: number },
  linesOf: (edit: Edit) => number = () => 1
): PlanCost {
  // Another Python: the nearest to the run's first.
  let distance = changes.pythonSteps ?? 0
  let lines = 0
  for (const e of edits) {
    const n = linesOf(e)
    lines += n
    const m = e.before ? moved(e.before, e.after) : undefined
    if (m) distance += n * (TENSORFLOW_PACKAGES.includes(m.key) ? m.steps * TENSORFLOW_WEIGHT : m.steps)
  }
  return {
    changesPython: changes.python,
    changesFlavour: changes.flavour,
    lines: lines + Object.keys(env).length,
    distance: Math.round(distance * 1000) / 1000
  }
}

export function byCost(a: PlanCost, b: PlanCost): number {
  return (
    Number(a.changesPython) - Number(b.changesPython) ||
    Number(a.changesFlavour) - Number(b.changesFlavour) ||
    a.lines - b.lines ||
    a.distance - b.distance
  )
}

/**
 * One line for people: each change, the Python and the variables. Backticks mark what is quoted. `linesOf` says how
 * many lines an edit stands for (the copies of a repeated line change with it).
 */
export function describe(
  edits: Edit[],
  python: string | undefined,
  env: Record<string, string>,
  linesOf: (edit: Edit) => number = () => 1
): string {
  // The same change on many lines is said once, with the count: a file that repeats a pin gets one readable line.
  const counts = new Map<string, number>()
  for (const e of edits) {
    const part = e.before ? `\`${e.before.trim()}\` → \`${e.after}\`` : `add \`${e.after}\``
    counts.set(part, (counts.get(part) ?? 0) + linesOf(e))
  }
  const parts = [...counts].map(([part, n]) => (n > 1 ? `${part} (${n.toLocaleString('en-US')} lines)` : part))
  if (python) parts.push(`use Python ${python}`)
  for (const [k, v] of Object.entries(env)) parts.push(`set \`${k}=${v}\``)
  return parts.join('; ')
}
