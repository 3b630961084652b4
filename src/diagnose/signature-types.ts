import { type FindingId } from '../core/ids.js'
import { minorOf } from '../core/packages.js'

/** What a signature needs to write its fix: the versions the probe saw installed, and the failure's own words. */
export interface SignatureContext {
  versions: Record<string, string | null>
  tensorflow: string
  /** The whole probe log: some messages (numpy's) go to stderr, not into the exception. */
  log: string
  /** The failure's text (exception, message and traceback) that the signature matched. */
  text?: string
}

export interface SignatureFix {
  text: string
  /** The requirement the fix changes or adds (`name` + specifier), when one line fixes it. */
  requirement?: { name: string; specifier: string }
}

export interface Signature {
  id: FindingId
  /** Matched against the step's exception, its traceback, and the probe log. */
  pattern: RegExp
  title: string
  explanation: string
  fix(ctx: SignatureContext): SignatureFix
}

/**
 * Keras 2 on TensorFlow 2.16 and later: tf-keras of TensorFlow's own minor release, and TF_USE_LEGACY_KERAS=1 so
 * that tf.keras serves it. The requirement is offered only when tf-keras is missing and TensorFlow is 2.16+.
 */
export function legacyKerasFix(ctx: SignatureContext, otherwise: string, subject = 'this code'): SignatureFix {
  const minor = minorOf(ctx.tensorflow)
  const [major, min] = minor.split('.').map(Number)
  const modern = major > 2 || (major === 2 && min >= 16)
  if (!modern) return { text: otherwise }
  const legacy = `set TF_USE_LEGACY_KERAS=1 (the legacy-keras input does both)`
  if (ctx.versions['tf-keras'])
    return { text: `Keep Keras 2 for ${subject}: tf-keras is installed, so ${legacy}. Or ${otherwise}` }
  return {
    text: `Keep Keras 2 for ${subject}: add \`tf-keras~=${minor}.0\` and ${legacy}. Or ${otherwise}`,
    requirement: { name: 'tf-keras', specifier: `~=${minor}.0` }
  }
}
