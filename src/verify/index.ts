import * as path from 'node:path'
import { type Edit, type Finding, type Verification } from '../core/finding.js'
import { copyWithEdits } from '../requirements/copy.js'
import { type Installer, type InstallPlan } from '../install/installer.js'
import { type RequirementSet } from '../requirements/types.js'

export interface VerifyPlan {
  requirements: RequirementSet
  /** Edits every check carries besides the fix's own (pip's stand-in for overrides). */
  extraEdits?: Edit[]
  /** Report paths (edits) are relative to this. */
  pathBase: string
  /** A scratch folder inside the run's work folder: copies go here, the user's files are never touched. */
  scratch: string
  installer: Installer
  /** The venv's interpreter, which the dry run resolves for. */
  python: string
  base: Omit<InstallPlan, 'python' | 'files' | 'projectDir' | 'projectExtras'>
}

// Each dry run costs a resolution (about a second with uv, several with pip): check the most useful few.
const MAX_CHECKS = 4

/** Resolves the changed set for real (dry run, nothing installed) for each error finding that proposes line edits. */
export async function verifyFixes(findings: Finding[], plan: VerifyPlan): Promise<Map<Finding, Verification>> {
  const results = new Map<Finding, Verification>()
  const seen = new Map<string, Verification>()
  const candidates = findings.filter(f => f.severity === 'error' && f.edits && f.edits.length > 0)
  for (const finding of candidates) {
    const key = JSON.stringify(finding.edits)
    const known = seen.get(key)
    if (known) {
      results.set(finding, known)
      continue
    }
    if (seen.size >= MAX_CHECKS) {
      results.set(finding, {
        status: 'not-verified',
        detail: `only the first ${MAX_CHECKS} fixes are checked in one run`
      })
      continue
    }
    const dir = path.join(plan.scratch, `fix-${seen.size + 1}`)
    const files = copyWithEdits(plan.requirements, plan.pathBase, [...(plan.extraEdits ?? []), ...finding.edits!], dir)
    const result = await plan.installer.resolve({
      ...plan.base,
      python: plan.python,
      files,
      projectDir: '',
      projectExtras: []
    })
    const how = `${plan.installer.name} ${plan.installer.version} dry run`
    const verdict: Verification = result.ok
      ? { status: 'verified', detail: `resolves (${how})` }
      : { status: 'failed', detail: `still does not resolve (${how})`, evidence: result.error?.excerpt }
    seen.set(key, verdict)
    results.set(finding, verdict)
  }
  return results
}
