import { findStep } from '../probe/contract.js'
import { ProbeResult } from '../probe/run.js'
import { EnvironmentSummary, TfKerasKind } from './model.js'

const KINDS: TfKerasKind[] = ['keras3', 'keras2', 'tf_keras']

/** Reads versions and what `tf.keras` is from the probe's steps; "" where the probe could not tell. */
export function summarizeEnvironment(probe: ProbeResult | undefined, venvPython = ''): EnvironmentSummary {
  const packages = (probe && (findStep(probe, 'packages')?.data.key as Record<string, string | null>)) || {}
  const tfStep = probe && findStep(probe, 'tensorflow.import')
  const attribute = probe && findStep(probe, 'tf.keras.attribute')
  const kind = attribute?.status === 'ok' ? (attribute.data.kind as TfKerasKind) : 'unavailable'
  const kerasStep = probe && findStep(probe, 'keras.import')
  return {
    python: String((probe && findStep(probe, 'python')?.data.version) || venvPython),
    tensorflow: String((tfStep?.status === 'ok' && tfStep.data.version) || ''),
    keras: String((kerasStep?.status === 'ok' && kerasStep.data.version) || packages['keras'] || ''),
    tfKeras: KINDS.includes(kind) ? kind : 'unavailable',
    packages
  }
}
