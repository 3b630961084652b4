import { type CacheChoice, type FailOn, type InstallerChoice, type MatrixPass } from '../core/constants.js'
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
  /** The repository's model files to load (absent: auto). */
  models?: ModelSelection
  /** The repository's own smoke command, run in the venv after the probe ('' or absent: none). */
  smokeCommand?: string
}
