import { Finding } from '../../core/finding.js'
import { overlaps } from '../../versions/range.js'
import { PreflightContext } from '../context.js'
import { where } from '../fix.js'

/** The same package on two lines (requirements or constraints, any package) with ranges that cannot both hold. */
export function duplicateRequirement(ctx: PreflightContext): Finding[] {
  const byKey = new Map<string, typeof ctx.requirements>()
  for (const r of ctx.requirements) if (!r.url) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r])
  const findings: Finding[] = []
  for (const reqs of byKey.values()) {
    const clash = reqs
      .flatMap((a, i) => reqs.slice(i + 1).map(b => [a, b] as const))
      .find(([a, b]) => overlaps(a.specifier, b.specifier) === false)
    if (!clash) continue
    const [a, b] = clash
    findings.push({
      id: 'duplicate-requirement',
      severity: 'error',
      title: `${a.name} is required twice with ranges that cannot both hold: \`${a.raw}\` and \`${b.raw}\``,
      explanation: `No version of ${a.name} satisfies both lines, so the resolver must fail. Often one line is a leftover after an upgrade.`,
      fix: 'Keep one of the two lines (usually the newer pin) and delete the other.',
      locations: where(ctx, a, b),
      evidence: '',
      stage: 'preflight',
      provenBy: 'install'
    })
  }
  return findings
}
