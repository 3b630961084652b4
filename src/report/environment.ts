import { type ProbeResult } from '../probe/run.js'
import { STEP } from '../probe/steps.js'
import { ProbeView } from '../probe/view.js'
import { type EnvironmentSummary, type TfKerasKind } from './model.js'

const KINDS: TfKerasKind[] = ['keras3', 'keras2', 'tf_keras']

/** Reads versions and what `tf.keras` is from the probe's steps; "" where the probe could not tell. */
export function summarizeEnvironment(probe: ProbeResult | undefined, venvPython = ''): EnvironmentSummary {
  const view = new ProbeView(probe?.steps ?? [])
  const kind = view.ok(STEP.tfKerasAttribute) ? view.data(STEP.tfKerasAttribute).kind : undefined
  return {
    python: view.data(STEP.python).version || venvPython,
    tensorflow: view.data(STEP.tensorflowImport).version ?? '',
    keras: (view.ok(STEP.kerasImport) ? view.data(STEP.kerasImport).version : '') || view.keyVersions()['keras'] || '',
    tfKeras: KINDS.find(k => k === kind) ?? 'unavailable',
    packages: view.keyVersions()
  }
}
