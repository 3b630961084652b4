import { type Finding, type Verification } from '../core/finding.js'
import { RESOLVE_TIMEOUT_MS } from '../core/timeouts.js'
import { verifyFixes } from '../verify/index.js'
import { type RunContext, type Installed } from './environment.js'

/** Checks each proposed fix with a dry run in the venv, before the venv goes away. */
export function checkFixes(
  ctx: RunContext,
  installed: Installed,
  findings: Finding[]
): Promise<Map<Finding, Verification>> {
  const { installer } = installed
  return ctx.clock.stage('verify fixes', () =>
    verifyFixes(findings, {
      requirements: ctx.declared,
      extraEdits: installer.name === 'pip' ? ctx.plan.pipEdits : [],
      pathBase: ctx.deps.pathBase,
      scratch: ctx.work.root,
      installer,
      python: installed.venv.python,
      base: {
        extraPackages: [...ctx.declared.groupRequirements, ...ctx.plan.addedPackages],
        overridesFile: installed.overridesFile,
        env: installed.env,
        cwd: installed.cwd,
        timeoutMs: RESOLVE_TIMEOUT_MS,
        scratchDir: ctx.work.root
      }
    })
  )
}
