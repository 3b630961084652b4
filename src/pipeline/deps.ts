import { type KeyParts } from '../cache/keys.js'
import { type Log } from '../core/log.js'
import { type ResolvedPackage } from '../install/types.js'
import { type ProcessRunner } from '../util/process.js'

/** Cross-run caching, supplied by the action (the CLI keeps its on-disk caches and needs none of this). */
export interface CacheHooks {
  /** Before the installer is chosen: the folder a bootstrapped uv lives in. */
  restoreTools(dir: string): Promise<void>
  /** Before the venv is made: the installer's download cache and the bytecode cache, keyed on what decides them. */
  restoreInstaller(dirs: string[], parts: KeyParts): Promise<void>
}

/** What a check gets from its edge (the action or the CLI): every side effect goes through these. */
export interface CheckDeps {
  runner: ProcessRunner
  log: Log
  /** Parent of the throwaway work folder: RUNNER_TEMP on a runner, the OS temp dir elsewhere. */
  tempRoot: string
  /** Report paths are relative to this (GITHUB_WORKSPACE on a runner, the current directory elsewhere). */
  pathBase: string
  /** The process environment: only its allow-listed part ever reaches a command (environment/child-env.ts). */
  baseEnv: NodeJS.ProcessEnv
  /** Told the work folder (and its owner token) as soon as it exists, so a cancelled or killed run can remove it. */
  onWorkDir?: (work: { root: string; token: string } | undefined) => void
  /**
   * How the run is done with its work folder: removed before the check returns (the default, the action's), or
   * handed to a background remover (the CLI's: environment/discard.ts).
   */
  discardWorkDir?: (root: string) => void
  cache?: CacheHooks
  /**
   * Told what each venv holds once its install succeeded (the run's own, each fix plan's): the action keeps only
   * those packages' unpacked wheels in the installer cache it saves (install/uv-archives.ts).
   */
  onInstalled?: (packages: ResolvedPackage[]) => void
}
