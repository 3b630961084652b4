import { type InstallPlan } from '../install/installer.js'
import { type Resolution } from '../install/types.js'
import { parseDependency } from '../requirements/line.js'
import { type RequirementSet } from '../requirements/types.js'

/**
 * Whether a pinned file says everything the install's inputs do. It does not for a project (the project itself is
 * installed, and its pins name no path), a direct reference or an editable (the pins would name the path or URL as
 * the resolver saw it, not as the file meant it), or any installer option in the files (`--index-url`, `--pre`, a
 * requirement's `--hash`): the pinned file carries none of them, so those inputs are resolved again by the install.
 */
export function pinsSayItAll(declared: RequirementSet, plan: InstallPlan): boolean {
  if (plan.projectDir || declared.projectDir || declared.options.length > 0) return false
  if (declared.requirements.some(r => r.url !== '' || r.editable)) return false
  return plan.extraPackages.every(text => {
    const parsed = parseDependency(text)
    return parsed.ok && parsed.value.url === ''
  })
}

/** The install's plan: the resolution's pins when they say it all, else the plan as it was (resolved again). */
export function installFromPins(declared: RequirementSet, plan: InstallPlan, resolution: Resolution): InstallPlan {
  if (!resolution.ok || !resolution.pinned || resolution.unavailable) return plan
  return pinsSayItAll(declared, plan) ? { ...plan, pinned: resolution.pinned } : plan
}
