import { type Report } from '../model.js'

/** One line that says what was tested and how it went. */
export function headline(report: Report): string {
  const env = report.environment
  const parts: string[] = []
  if (env.tensorflow) parts.push(`TensorFlow ${env.tensorflow}`)
  if (env.keras) parts.push(`Keras ${env.keras}`)
  const what =
    report.mode === 'preflight-only'
      ? 'Preflight only (nothing installed)'
      : parts.length > 0
        ? parts.join(' with ')
        : 'no TensorFlow or Keras was tested'
  const tfKeras = env.tensorflow ? ` — tf.keras is ${env.tfKeras}` : ''
  const errors = report.findings.filter(f => f.severity === 'error')
  const why = errors.length > 0 ? `: ${errors[0].title}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}` : ''
  return `${what}${tfKeras}${why}`
}
