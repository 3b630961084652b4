import { type Finding } from '../core/finding.js'
import { type StepRecord } from '../probe/contract.js'
import { modelOf, SMOKE_COMMAND_STEP, STEP } from '../probe/steps.js'
import {
  explainedByKerasImport,
  legacyKerasMissing,
  missingTensorflow,
  mixingFinding,
  signatureFinding,
  stepFinding
} from './failures.js'
import { codeFindings } from './code.js'
import { companionFindings } from './companions.js'
import { incompleteFindings } from './incomplete.js'
import { modelFindings } from './models.js'
import { smokeCommandFindings } from './smoke-command.js'
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
    if (modelOf(step.step)) continue // diagnose/models.ts reads model loads its own way
    const sig = matchSignature(step, ctx.probe.log)
    if (sig) bySignature.set(sig, [...(bySignature.get(sig) ?? []), step])
    // The smoke command always has its own finding (diagnose/smoke-command.ts); a signature only adds to it.
    else if (step.step !== SMOKE_COMMAND_STEP) findings.push(stepFinding(step, ctx))
  }
  for (const [sig, steps] of bySignature) findings.push(signatureFinding(sig, steps, ctx))
  return findings
}

/** What the probe's records say, most telling first: a crash or hang, then a mixed install, then each failure. */
export function probeFindings(ctx: ProbeContext): Finding[] {
  const legacy = legacyKerasMissing(ctx)
  const companions = companionFindings(ctx)
  const explained = new Set([...(legacy ? [STEP.tfKerasAttribute] : []), ...companions.handled])
  const findings = [...(legacy ? [legacy] : []), ...failedSteps(ctx, explained)]
  const mismatches = versionMismatches(ctx).filter(m => !findings.some(f => f.id === m.id))
  const others = [missingTensorflow(ctx), mixingFinding(ctx)].filter((f): f is Finding => f !== undefined)
  // What the repository itself uses: its smoke command, its models, its code's names, its companions' layers.
  const repository = [...smokeCommandFindings(ctx), ...modelFindings(ctx), ...codeFindings(ctx), ...companions.findings]
  // A crash, a hang or a cut-off probe is the headline; a mixed install explains whatever import failure came with it.
  return [...incompleteFindings(ctx), ...duplicateTensorflow(ctx), ...findings, ...repository, ...mismatches, ...others]
}
