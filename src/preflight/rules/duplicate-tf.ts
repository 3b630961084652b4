import { type Finding } from '../../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../../core/packages.js'
import { type Requirement } from '../../requirements/types.js'
import { type PreflightContext } from '../context.js'
import { changeLine, where } from '../fix.js'
import { type ChosenRelease } from '../resolve/index.js'
import { assumptions } from '../tensorflow.js'

/** Who asks for a chosen package: the user's lines, or the chosen releases that require it. */
function askers(release: ChosenRelease): { lines: Requirement[]; by: string[] } {
  const lines = release.demands.filter(d => d.line && !d.constraint).map(d => d.line!)
  const by = release.demands.filter(d => d.by).map(d => `${d.by!.key} ${d.by!.version} (${d.key}${d.specifier})`)
  return { lines, by: [...new Set(by)] }
}

/**
 * Two TensorFlow distributions in the set the resolver picks, neither pulled by the other at its own version
 * (tensorflow pulls tensorflow-intel on Windows: one installation). Typical: tensorflow-cpu pinned, and tf-keras
 * 2.16+ or tensorflow-text requiring the `tensorflow` package itself, read from their Requires-Dist.
 */
export function tensorflowDuplicate(ctx: PreflightContext): Finding[] {
  if (ctx.resolution?.status !== 'resolved') return []
  const chosen = ctx.resolution.chosen
  const builds = [...chosen.values()].filter(r => TENSORFLOW_PACKAGES.includes(r.key))
  const tops = builds.filter(r => !r.demands.some(d => d.by && TENSORFLOW_PACKAGES.includes(d.by.key)))
  if (tops.length < 2) return []
  const [first, second] = [...tops].sort((a, b) => askers(b).lines.length - askers(a).lines.length)
  const own = askers(first).lines[0]
  const pulled = askers(second)
  const reason =
    pulled.by.length > 0
      ? `${pulled.by.join(' and ')} require${pulled.by.length === 1 ? 's' : ''} it`
      : 'your requirements ask for it'
  const anchors = [own, ...pulled.lines, ...requirementLines(ctx, second)]
  return [
    {
      id: 'tensorflow-duplicate',
      severity: 'error',
      title: `${first.key} ${first.version} and ${second.key} ${second.version} would both be installed`,
      explanation:
        `The resolver installs ${first.key} ${first.version} and also ${second.key} ${second.version}, because ${reason}. ` +
        'Both install the `tensorflow` module, so their files overwrite each other and what loads is a mix of two builds ' +
        '(`undefined symbol` errors, or a pass by luck of install order).' +
        assumptions(ctx),
      fix: own
        ? `Depend on \`${second.key}\` instead of \`${first.key}\` (one TensorFlow package), or pin what pulls ${second.key} to a release that does not.`
        : `Keep one TensorFlow package.`,
      locations: where(ctx, ...anchors),
      evidence: '',
      edits:
        own && second.key === 'tensorflow' ? [changeLine(ctx, { ...own, name: second.key }, own.specifier)] : undefined,
      stage: 'preflight'
    }
  ]
}

/** The user's lines for the packages that pull a release in. */
function requirementLines(ctx: PreflightContext, release: ChosenRelease): Requirement[] {
  const keys = new Set(release.demands.filter(d => d.by).map(d => d.by!.key))
  return ctx.requirements.filter(r => keys.has(r.key) && r.kind === 'requirement')
}
