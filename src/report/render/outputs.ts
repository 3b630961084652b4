import { Outputs } from '../../core/constants.js'
import { type Report } from '../model.js'

/** The step outputs, by the names in constants.ts. `patchPath` is the fix plan's patch file ('' for none). */
export function outputsFor(report: Report, reportPath: string, patchPath = ''): Record<string, string> {
  return {
    [Outputs.Status]: report.status,
    [Outputs.PythonVersion]: report.environment.python,
    [Outputs.TensorflowVersion]: report.environment.tensorflow,
    [Outputs.KerasVersion]: report.environment.keras,
    [Outputs.TfKeras]: report.environment.tfKeras,
    [Outputs.Findings]: JSON.stringify(report.findings),
    [Outputs.Report]: reportPath,
    [Outputs.Override]: report.override,
    [Outputs.FixPatch]: patchPath
  }
}
