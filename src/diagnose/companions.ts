import { type Finding } from '../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type KerasAttempt } from '../probe/steps.js'
import { type ProbeContext } from './probe-context.js'
import { legacyKerasFix } from './signature-types.js'
import { matchSignature } from './signatures.js'

const attempt = (b: KerasAttempt) => `${b.api} (${b.kind})`
const refusal = (b: KerasAttempt) =>
  b.error ? `${attempt(b)}: ${b.error.type}: ${b.error.message.split('\n')[0]}`.slice(0, 400) : `${attempt(b)}: ok`

/**
 * The companion-layer steps as findings: a layer every Keras here refused is an error with the fix that keeps
 * Keras 2 (tf-keras and TF_USE_LEGACY_KERAS, offered as a line the fix check resolves); a layer that only some
 * Keras took is information. `handled` names the steps explained here, so no other finding repeats them; a
 * companion that failed for another reason (its import, say) is left to the failure signatures.
 */
export function companionFindings(ctx: ProbeContext): { findings: Finding[]; handled: string[] } {
  const findings: Finding[] = []
  const handled: string[] = []
  for (const c of ctx.view.companions()) {
    const builds = c.data.builds ?? []
    const where = ctx.locator.forPackages([c.distribution])
    const locations = where.length > 0 ? where : ctx.locator.forPackages(TENSORFLOW_PACKAGES).slice(0, 1)
    const evidence = builds.map(refusal).join('\n') + (c.record.error ? `\n\n${c.record.error.traceback}` : '')
    if (c.record.status === 'incompatible') {
      handled.push(c.record.step)
      findings.push({
        id: 'keras-mixing',
        severity: 'info',
        title: `A ${c.distribution} layer goes into ${(c.data.accepted_by ?? []).join(', ')} models only`,
        explanation: `${c.distribution}'s layers are Keras 2 layers: a one-layer model took one with ${builds
          .filter(b => b.ok)
          .map(attempt)
          .join(', ')}, and ${builds
          .filter(b => !b.ok)
          .map(attempt)
          .join(', ')} refused it.`,
        fix: `Build models that hold ${c.distribution} layers with ${(c.data.accepted_by ?? ['tf.keras'])[0]} only.`,
        locations,
        evidence,
        stage: 'probe'
      })
      continue
    }
    if (c.record.status !== 'error' || builds.length === 0 || matchSignature(c.record, '')?.id !== 'keras-mixing')
      continue
    handled.push(c.record.step)
    const fix = legacyKerasFix(
      { versions: ctx.view.keyVersions(), tensorflow: ctx.view.tensorflowVersion(), log: '' },
      'stay on TensorFlow 2.15 or earlier, where tf.keras is Keras 2.',
      `models with ${c.distribution} layers`
    )
    const edit = fix.requirement
      ? ctx.locator.edit(fix.requirement.name, fix.requirement.specifier, ctx.files)
      : undefined
    findings.push({
      id: 'keras-mixing',
      severity: 'error',
      title: `A ${c.distribution} layer cannot go into a model of ${builds.map(attempt).join(' or ')}`,
      explanation:
        `${c.distribution} builds its layers on Keras 2 (tf_keras). The probe put one into a one-layer model with each ` +
        `Keras in this environment, and each refused it ("Only instances of \`keras.Layer\` can be added"), as your models with it will.`,
      fix: fix.text,
      locations,
      evidence,
      edits: edit ? [edit] : undefined,
      stage: 'probe'
    })
  }
  return { findings, handled }
}
