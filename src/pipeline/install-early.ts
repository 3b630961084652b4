import { installedPackages } from '../install/installed.js'
import { type Installer, type InstallPlan } from '../install/installer.js'
import { type InstallResult, type Resolution, type ResolvedPackage } from '../install/types.js'
import { type VenvResult } from '../environment/venv.js'
import { installFromPins, pinsSayItAll } from './pinned.js'
import { type Log } from '../core/log.js'
import { type RequirementSet } from '../requirements/types.js'

/** What the early install needs of the run: the requirements as declared, and the log. */
export interface EarlyContext {
  declared: RequirementSet
  log: Pick<Log, 'info'>
}

/** Whether an early install applies: uv, and inputs the resolved pins say everything about. */
export function earlyApplies(declared: RequirementSet, installer: Installer, plan: InstallPlan): boolean {
  return installer.name === 'uv' && pinsSayItAll(declared, plan)
}

/**
 * An install from the cache alone, started beside the resolution (which waits on the index, while linking files
 * waits on the disk): uv `--offline`, so nothing is downloaded before the resolved set is judged. Only for inputs
 * the resolved pins say everything about, so that the venv it leaves can be checked against them. With the last
 * resolution of the same inputs (`lastPins`), it installs those pins as they are instead of resolving the inputs
 * from the cache. Undefined when it does not apply: the install then follows the resolution.
 */
export function installEarly(
  ctx: EarlyContext,
  installer: Installer,
  plan: InstallPlan,
  lastPins?: string
): Promise<InstallResult> | undefined {
  if (!earlyApplies(ctx.declared, installer, plan)) return undefined
  ctx.log.info(
    `Installing ${lastPins ? "the last run's resolution of these requirements" : 'them'} from the cache while the ` +
      'resolution runs (offline; kept only if it is the resolved set).'
  )
  // Never rejected: a failure here only means the install follows the resolution after all. Its output is held: an
  // offline miss reads like a resolution failure ("no version of x==1.0"), so it is shown only if the venv is kept.
  return installer
    .install({ ...plan, ...(lastPins ? { pinned: lastPins } : {}), offline: true, onOutput: undefined })
    .catch((error: unknown): InstallResult => ({ ok: false, seconds: 0, command: [], log: String(error) }))
}

/** The venv holds exactly the resolved set: the same packages at the same versions, nothing more, nothing less. */
export function holdsExactly(installed: ResolvedPackage[], resolved: ResolvedPackage[] | undefined): boolean {
  if (!resolved || resolved.some(p => p.url !== '' || p.version === '')) return false
  const want = new Map(resolved.map(p => [p.key, p.version]))
  return installed.length === want.size && installed.every(p => want.get(p.key) === p.version)
}

/** What the install stage does once the resolution succeeded: keep the early install, or install the pins. */
export interface JudgedInstall {
  /** The venv made again, empty as it first was (seeded), for an early install that must not be kept. */
  remakeVenv: () => Promise<VenvResult>
}

/**
 * The install of the set the resolve stage judged. An early install is kept only when the venv it left holds
 * exactly that set; otherwise (a cache miss, an older release picked from a stale cache) the venv is made again and
 * the pins are installed as usual.
 */
export async function installJudged(
  ctx: EarlyContext,
  installer: Installer,
  plan: InstallPlan,
  resolution: Resolution,
  early: Promise<InstallResult> | undefined,
  how: JudgedInstall
): Promise<InstallResult> {
  if (early) {
    const got = await early
    if (got.ok && holdsExactly(installedPackages(plan.python), resolution.packages)) {
      plan.onOutput?.(got.log)
      return got
    }
    const why = got.ok ? 'it held another set' : 'not all of it was in the cache'
    ctx.log.info(`The cache did not give the resolved set (${why}): installing it into a fresh venv.`)
    const venv = await how.remakeVenv()
    if (!venv.ok) return { ok: false, seconds: venv.seconds, command: [], log: venv.log, error: venvFailure(venv) }
  }
  return installer.install(installFromPins(ctx.declared, plan, resolution))
}

function venvFailure(venv: VenvResult): NonNullable<InstallResult['error']> {
  return { kind: 'other', packages: [], excerpt: venv.error, availableVersions: [] }
}
