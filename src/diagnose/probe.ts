import { type Finding } from '../core/finding.js'
import { type StepRecord } from '../probe/contract.js'
import { STEP } from '../probe/steps.js'
import {
  explainedByKerasImport,
  legacyKerasMissing,
  missingTensorflow,
  mixingFinding,
  signatureFinding,
  stepFinding
} from './failures.js'
import { incompleteFindings } from './incomplete.js'
import { duplicateTensorflow, versionMismatches } from './installed.js'
import { type ProbeContext } from './probe-context.js'
import { matchSignature, type Signature } from './signatures.js'

export type { ProbeContext } from './probe-context.js'

/** The failed steps: grouped by the signature that explains them, or each its own finding. */
function failedSteps(ctx: ProbeContext, explained: Set<string>): Finding[] {
  const findings: Finding[] = []
  const bySignature = new Map<Signature, StepRecord[]>()
  for (const step of ctx.probe.steps) {
    if (step.status !== 'error' || explained.has(step.step) || explainedByKerasImport(step, ctx)) continue
    const sig = matchSignature(step, ctx.probe.log)
    if (sig) bySignature.set(sig, [...(bySignature.get(sig) ?? []), step])
    else findings.push(stepFinding(step, ctx))
  }
  for (const [sig, steps] of bySignature) findings.push(signatureFinding(sig, steps, ctx))
  return findings
}

/** What the probe's records say, most telling first: a crash or hang, then a mixed install, then each failure. */
export function probeFindings(ctx: ProbeContext): Finding[] {
  const legacy = legacyKerasMissing(ctx)
  const findings = [...(legacy ? [legacy] : []), ...failedSteps(ctx, new Set(legacy ? [STEP.tfKerasAttribute] : []))]
  const mismatches = versionMismatches(ctx).filter(m => !findings.some(f => f.id === m.id))
  const others = [missingTensorflow(ctx), mixingFinding(ctx)].filter((f): f is Finding => f !== undefined)
  // A crash, a hang or a cut-off probe is the headline; a mixed install explains whatever import failure came with it.
  return [...incompleteFindings(ctx), ...duplicateTensorflow(ctx), ...findings, ...mismatches, ...others]
}
