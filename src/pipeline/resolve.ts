import { type Finding } from '../core/finding.js'
import { RESOLVE_TIMEOUT_MS } from '../core/timeouts.js'
import { type Installer, type InstallPlan } from '../install/installer.js'
import { type Resolution, type ResolvedPackage } from '../install/types.js'
import { judgeResolved } from './judge-resolved.js'
import { type RunContext } from './run-context.js'

/** What the resolve stage saw: the dry run, and the static rules' findings on what it would install. */
export interface Resolved {
  resolution: Resolution
  findings: Finding[]
}

/** Names and versions for the log: the packages that decide compatibility first. */
function summary(packages: ResolvedPackage[]): string {
  const shown = packages.filter(p => /^(tensorflow|tf-|keras|numpy$|protobuf$|ml-dtypes$|h5py$)/.test(p.key))
  const list = shown.map(p => `${p.name} ${p.version || p.url}`).join(', ')
  return `${packages.length} packages${list ? ` (${list})` : ''}`
}

/**
 * The resolve stage, before any download: a dry run with exactly the install's inputs, and the static rules over
 * the set it picked. Its findings are told at once; when the resolution fails, the install is skipped.
 */
export async function resolveFirst(ctx: RunContext, installer: Installer, plan: InstallPlan): Promise<Resolved> {
  const { log } = ctx.deps
  return ctx.clock.stage(
    'resolve',
    async () => {
      const resolution = await installer.resolveSet({ ...plan, timeoutMs: RESOLVE_TIMEOUT_MS })
      // The reason can quote the installer: it goes where package output goes.
      if (resolution.unavailable) log.untrusted(`Resolution not judged: ${resolution.unavailable}\n`)
      if (!resolution.ok || !resolution.packages) return { resolution, findings: [] }
      const findings = judgeResolved(
        {
          judged: ctx.plan.judged,
          pathBase: ctx.deps.pathBase,
          markerEnv: ctx.interpreter?.markers,
          env: ctx.plan.env,
          dropped: installer.name === 'uv' ? ctx.plan.uvDropped : []
        },
        resolution.packages
      )
      // Requirement text is the repository's own: it goes where package output goes; the ids are ours.
      log.untrusted(`Resolved ${summary(resolution.packages)}.\n`)
      for (const f of findings) log.untrusted(`Resolved set: ${f.severity} ${f.id}: ${f.title}\n`)
      if (findings.length > 0)
        log.info(`Resolved set, before any download: ${[...new Set(findings.map(f => f.id))].join(', ')}.`)
      return { resolution, findings }
    },
    r => r.resolution.ok
  )
}
