import { type VenvPlan, type VenvResult } from '../environment/venv.js'
import { type ProcessResult } from '../util/process.js'
import { type InstallError, type InstallResult, type Resolution, type ResolvedPackage } from './types.js'
import { minutes } from '../core/timeouts.js'

export type InstallerName = 'uv' | 'pip'

/** What to install into a venv (the same for every installer). */
export interface InstallPlan {
  python: string
  /** Top-level requirement files; the installer follows their own -r/-c includes and option lines. */
  files: string[]
  /** A project directory to install as a project (`DIR[extras]`), or empty. */
  projectDir: string
  projectExtras: string[]
  extraPackages: string[]
  /** A file of requirements that replace the repository's (uv `--override`); '' for none. */
  overridesFile?: string
  env: NodeJS.ProcessEnv
  cwd: string
  timeoutMs: number
  onOutput?: (chunk: string) => void
  /** A folder of the run's own for the installer's side files (pip's debug log), or undefined for none. */
  scratchDir?: string
  /**
   * The resolve stage's pinned set (Resolution.pinned), when it says everything the inputs do: the install then
   * takes exactly those pins, without dependencies, and the judged set is the installed set. uv only.
   */
  pinned?: string
  /** At the lowest CPU priority: the resolution, while an install into the same venv links files beside it. */
  lowPriority?: boolean
  /** Only what the installer's cache holds: nothing is downloaded, and a miss fails the install (uv `--offline`; uv only). */
  offline?: boolean
  /**
   * What the venv held before anything was installed (its seeded setuptools), read once by the caller: the
   * resolution's preferences, even while an install into the same venv is under way. Read from the venv when unset.
   */
  before?: ResolvedPackage[]
}

/** A package installer driven from outside the venv: the venv itself never needs pip. */
export interface Installer {
  name: InstallerName
  version: string
  /** Its download and wheel cache: shared by every environment of a run, saved across runs by the action. */
  cacheDir: string
  createVenv(plan: VenvPlan): Promise<VenvResult>
  install(plan: InstallPlan): Promise<InstallResult>
  /** Resolves without installing (a dry run): does this set of requirements have a solution? */
  resolve(plan: InstallPlan): Promise<InstallResult>
  /**
   * Resolves exactly what `install(plan)` would, for the venv's Python and platform, and reads the packages it
   * would install from the installer's structured output (uv's compiled requirements, pip's --report JSON).
   */
  resolveSet(plan: InstallPlan): Promise<Resolution>
  /** Broken requirements in the installed set, one line each (`pip check`). */
  check(python: string, env: NodeJS.ProcessEnv): Promise<string[]>
}

/** The project (with extras) and the requirement files as installer arguments. */
export function targets(plan: Pick<InstallPlan, 'files' | 'projectDir' | 'projectExtras' | 'extraPackages'>): string[] {
  const args: string[] = []
  for (const file of plan.files) args.push('-r', file)
  if (plan.projectDir)
    args.push(plan.projectExtras.length > 0 ? `${plan.projectDir}[${plan.projectExtras.join(',')}]` : plan.projectDir)
  args.push(...plan.extraPackages)
  return args
}

/** An installer run as an InstallResult: its failure parsed, a time-out or kill said in words. */
export function toInstallResult(
  name: string,
  command: string[],
  result: ProcessResult,
  timeoutMs: number,
  parse: (log: string) => InstallError
): InstallResult {
  const log = result.stdout + result.stderr
  const done = { seconds: result.seconds, command, log }
  if (result.exitCode === 0) return { ok: true, ...done }
  const error = parse(log)
  // A stop from outside explains the failure better than whatever the installer printed before it.
  if (result.timedOut) {
    error.kind = 'killed'
    error.excerpt = `${name} did not finish within ${minutes(timeoutMs)} minutes.\n${error.excerpt}`
  } else if (result.signal) {
    error.kind = 'killed'
    error.excerpt = `${name} was killed by ${result.signal}.\n${error.excerpt}`
  }
  return { ok: false, ...done, error }
}

// "No space left on device" as pip (Errno 28) and uv (os error 28) report it.
const DISK_FULL = /No space left on device|\[Errno 28\]|os error 28/

/** True when the installer ran out of disk: checked before any other reading of its output. */
export function diskFull(output: string): boolean {
  return DISK_FULL.test(output)
}
