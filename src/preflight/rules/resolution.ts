import { compare } from '@renovatebot/pep440'
import { type Finding } from '../../core/finding.js'
import { type Requirement } from '../../requirements/types.js'
import { type PreflightContext } from '../context.js'
import { lineRef, where } from '../fix.js'
import { type Cause, type DeadEnd, type Demand } from '../resolve/index.js'
import { runLabel } from '../suggest.js'
import { anyRelease } from './releases.js'

function demandText(ctx: PreflightContext, d: Demand): string {
  if (d.line) return `\`${d.line.raw}\` (${lineRef(ctx, d.line)})`
  return `${d.by!.key} ${d.by!.version} (which requires ${d.key}${d.specifier || ' in any version'})`
}

function against(ctx: PreflightContext, demands: Demand[], pinned?: string): string {
  const texts = [...new Set(demands.map(d => demandText(ctx, d)))]
  const shown = texts.length > 3 ? [...texts.slice(0, 3), `${texts.length - 3} more`] : texts
  return `${shown.join(' and ')}${pinned ? ` (which chose ${pinned})` : ''}`
}

/** The first reason each release failed (later passes of the search try it again under other choices). */
function firstCauses(causes: Cause[]): Cause[] {
  const seen = new Set<string>()
  return causes.filter(c => !seen.has(`${c.key} ${c.version}`) && seen.add(`${c.key} ${c.version}`) !== undefined)
}

function releases(key: string, versions: string[]): string {
  const sorted = [...new Set(versions)].sort(compare)
  if (sorted.length <= 3) return `${key} ${sorted.join(', ')}`
  return `${key} ${sorted[0]} to ${sorted[sorted.length - 1]} (${sorted.length} releases)`
}

/** Causes grouped by the package tried, what it required, and what stood against it: one sentence per group. */
function causeSentences(ctx: PreflightContext, causes: Cause[]): string[] {
  const groups = new Map<string, { cause: Cause; versions: string[] }>()
  for (const c of firstCauses(causes)) {
    const key = `${c.key}\u0000${c.dependency}\u0000${against(ctx, c.against)}`
    const group = groups.get(key)
    if (group) group.versions.push(c.version)
    else groups.set(key, { cause: c, versions: [c.version] })
  }
  return [...groups.values()].slice(0, 3).map(({ cause, versions }) => {
    const narrowed = cause.allowedBy.filter(d => d.specifier)
    const many = new Set(versions).size > 1
    const subject =
      narrowed.length > 0
        ? `${against(ctx, narrowed)} allow only ${releases(cause.key, versions)}, which`
        : releases(cause.key, versions)
    return (
      `${subject} ${many ? 'each require' : 'requires'} a ${cause.dependency} that ${against(ctx, cause.against, cause.pinned)} excludes` +
      ` (${many ? `${versions[0]}: ` : ''}${cause.dependency}${cause.specifier}).`
    )
  })
}

function deadEndSentence(ctx: PreflightContext, end: DeadEnd): string {
  if (end.offered === 0) return `No ${end.key} release installs on ${runLabel(ctx)}.`
  return `No ${end.key} release satisfies ${against(ctx, end.demands)} on ${runLabel(ctx)}.`
}

const userLines = (demands: Demand[]) => demands.filter(d => d.line).map(d => d.line!)

/**
 * The resolver found no set of versions for the covered packages, and no specific rule explained why (those say it
 * better: a keras pin against TensorFlow's, a Python without wheels). Says which requirements clash, and how.
 */
export function resolutionConflict(ctx: PreflightContext, earlier: Finding[]): Finding[] {
  const r = ctx.resolution
  if (r?.status !== 'conflict') return []
  // A package the user's lines allow no known release of is version-not-found's (or newer than the data): no
  // resolution can be judged around it.
  if (r.deadEnds.some(e => !anyRelease(ctx, e.key))) return []
  const involved: Requirement[] = [...r.deadEnds.flatMap(e => userLines(e.demands)), ...r.causes.flatMap(c => c.lines)]
  const at = new Set(where(ctx, ...involved).map(l => `${l.file}:${l.line}`))
  // A specific error at the lines of the clash already says it, with the better fix.
  if (earlier.some(f => f.severity === 'error' && f.locations.some(l => at.has(`${l.file}:${l.line}`)))) return []
  const sentences = [...r.deadEnds.slice(0, 2).map(e => deadEndSentence(ctx, e)), ...causeSentences(ctx, r.causes)]
  if (sentences.length === 0) return []
  const names = [...new Set([...r.deadEnds.map(e => e.key), ...r.causes.flatMap(c => [c.key, c.dependency])])]
  return [
    {
      id: 'resolution-conflict',
      severity: 'error',
      title: `No versions of ${names.slice(0, 4).join(', ')} satisfy these requirements together`,
      explanation:
        `Resolving for ${runLabel(ctx)} as pip and uv do (newest releases first, then older ones): ${sentences.join(' ')}` +
        (r.assumed.length > 0 ? ` Assumed: ${r.assumed.join('; ')}.` : ''),
      fix: 'Change one side of the clash so the ranges overlap: loosen or move the pin named above, or drop the line that pulls the other package in.',
      locations: where(ctx, ...involved).slice(0, 10),
      evidence: '',
      stage: 'preflight',
      provenBy: 'install'
    }
  ]
}
