import { compare, valid } from '@renovatebot/pep440'
import { type PreflightContext } from './context.js'
import { PLATFORM_LABELS } from './target.js'

/**
 * Final, unyanked releases of a package that install from a wheel on this run's Python and platform, oldest first:
 * the only releases a fix may point at. Without a known interpreter, every final release.
 */
export function installable(ctx: PreflightContext, key: string): string[] {
  if (!ctx.target) return (ctx.view.allVersions(key) ?? []).filter(v => !v.pre && !v.yanked).map(v => v.version)
  return (ctx.view.offered(key, ctx.target) ?? [])
    .filter(o => o.availability === 'wheel' && !o.pre && !o.yanked)
    .map(o => o.version)
}

/** The installable release nearest a wanted one: the next one up, else the newest below; the newest without one. */
export function nearestInstallable(ctx: PreflightContext, key: string, wanted?: string): string | undefined {
  const list = installable(ctx, key)
  if (!wanted || !valid(wanted)) return list[list.length - 1]
  return list.find(v => compare(v, wanted) > 0) ?? list[list.length - 1]
}

/** "Python 3.11 on Linux x86-64" (or only the Python when the platform is not known). */
export function runLabel(ctx: PreflightContext): string {
  return ctx.target ? `Python ${ctx.target.python} on ${PLATFORM_LABELS[ctx.target.platform]}` : `Python ${ctx.python}`
}
