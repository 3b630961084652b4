import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { ConfigError } from '../core/errors.js'
import { type InstallerName } from '../install/installer.js'
import { type OverridePlan } from '../override/plan.js'
import { copyWithEdits } from '../requirements/copy.js'
import { type RequirementSet } from '../requirements/types.js'

export interface InstallTargets {
  files: string[]
  /** uv's `--override` file, '' for none. */
  overridesFile: string
}

/**
 * What the installer is given. Overrides go through the installer's own mechanism: uv's `--override` file; pip has
 * none, so it installs from edited copies of the requirement files in the work folder (never the user's files).
 * `overrideInput` names the input a refusal is about.
 */
export function installTargets(
  plan: OverridePlan,
  declared: RequirementSet,
  installer: InstallerName,
  where: { workRoot: string; pathBase: string; overrideInput: string }
): InstallTargets {
  const base = { files: declared.files, overridesFile: '' }
  if (installer === 'uv') {
    if (plan.uvOverrides.length === 0) return base
    const overridesFile = path.join(where.workRoot, 'overrides.txt')
    writeFileSync(overridesFile, plan.uvOverrides.join('\n') + '\n')
    return { ...base, overridesFile }
  }
  if (plan.pipEdits.length === 0) return base
  if (declared.projectDir) {
    throw new ConfigError(
      `${where.overrideInput}: a pyproject.toml project can only be overridden by uv (pip has no override mechanism); set installer: uv.`
    )
  }
  const dir = path.join(where.workRoot, 'requirements')
  return { ...base, files: copyWithEdits(declared, where.pathBase, plan.pipEdits, dir) }
}
