import {
  type CacheChoice,
  type CommentChoice,
  type FailOn,
  type InstallerChoice,
  type MatrixPass,
  type VerifyFix
} from '../core/constants.js'
import { type WheelPlatform } from '../knowledge/index-types.js'
import { type VersionRequest } from '../override/spec.js'

/**
 * Which model files the probe loads: found by their form (`auto`, the default), none (`off`), or the files and
 * folders that these paths or globs name, relative to the working directory (`list`).
 */
export type ModelSelection = { mode: 'auto' } | { mode: 'off' } | { mode: 'list'; patterns: string[] }

/** Everything a run needs, read and validated once. Both the action and the CLI produce this from config/inputs.ts. */
export interface Config {
  /** Absolute directory of the repository (or the part of it) to check. */
  workingDirectory: string
  /** Requirement files relative to workingDirectory; empty means auto-detect. */
  requirements: string[]
  /** Interpreter used to create the venv. */
  python: string
  /** Variables set for the install and the probe (user's choice wins over our clearing of Keras variables). */
  env: Record<string, string>
  extraPackages: string[]
  smokeImports: string[]
  failOn: FailOn
  timeoutMinutes: number
  /** Optional-dependency names of a pyproject project to include, as `pip install .[extras]`. */
  extras: string[]
  /** PEP 735 (or Poetry) dependency groups to include. */
  groups: string[]
  /** Judge the requirements statically only: no venv, no install, no probe. */
  preflightOnly: boolean
  installer: InstallerChoice
  /** Save and restore the installer's cache through the Actions cache service (action only). */
  cache: CacheChoice
  /** Replaces the repository's TensorFlow requirement (its flavour kept), e.g. from a workflow matrix. */
  tensorflowVersion?: VersionRequest
  kerasVersion?: VersionRequest
  /** Adds the tf-keras that matches the TensorFlow in play and sets TF_USE_LEGACY_KERAS=1. */
  legacyKeras: boolean
  /** One throwaway environment per TensorFlow version, in one job. */
  tensorflowVersions: VersionRequest[]
  /** `all`: the matrix passes only if every version passes; `any`: if one does. */
  matrixPass: MatrixPass
  /** Let `-r`/`-c` includes read files outside the repository. */
  allowOutsideWorkspace: boolean
  /** Other platforms the requirements are judged for too (statically), beside the run's own. */
  platforms?: WheelPlatform[]
  /** How the fix plan is proven (full mode): install + smoke test, a dry-run resolution, or not at all. */
  verifyFix: VerifyFix
  /** When the pull-request comment is posted (action only). */
  comment: CommentChoice
  /** The REST API token for the comment (action only): never passed to a child process, masked in the log. */
  githubToken: string
  /** The config file (inputs and `ignore:` entries). */
  configFile: ConfigFileChoice
  /** What the findings are compared with: only what is new fails the step. */
  baseline: BaselineChoice
  /** At most this many TensorFlow versions in the `tensorflow-matrix` output. */
  maxVersions: number
  /** The repository's model files to load (absent: auto). */
  models?: ModelSelection
  /** The repository's own smoke command, run in the venv after the probe ('' or absent: none). */
  smokeCommand?: string
}

export interface ConfigFileChoice {
  /** Absolute path. */
  path: string
  /** Whether the input named it: a named file must exist; the default one may be absent. */
  named: boolean
}

/**
 * `none`; `auto`: the pull request's (or merge group's) base commit, from the event; or a git revision the user
 * names (a branch, tag or commit).
 */
export type BaselineChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'ref'; ref: string }
