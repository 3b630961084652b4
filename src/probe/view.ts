import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type StepRecord } from './contract.js'
import { importedModule, STEP, type StepPayloads } from './steps.js'

/** Reads a probe's records by step: every reader (diagnose, report, matrix) goes through this, never through strings. */
export class ProbeView {
  constructor(private readonly steps: StepRecord[]) {}

  step(id: string): StepRecord | undefined {
    return this.steps.find(s => s.step === id)
  }

  /** A fixed step's data, typed as probe.py writes it; empty when the step did not succeed. */
  data<S extends keyof StepPayloads>(id: S): Partial<StepPayloads[S]> {
    const record = this.step(id)
    // The one place the probe's JSON is given its type: probe.py writes these shapes (steps.ts documents them).
    return record?.status === 'ok' || record?.status === 'incompatible' ? (record.data as Partial<StepPayloads[S]>) : {}
  }

  ok(id: string): boolean {
    return this.step(id)?.status === 'ok'
  }

  /** Versions of the packages that decide compatibility (null: not installed). */
  keyVersions(): Record<string, string | null> {
    return this.data(STEP.packages).key ?? {}
  }

  /** TensorFlow's version: from the import, or (when the import itself failed) from the installed package's metadata. */
  tensorflowVersion(): string {
    const imported = this.data(STEP.tensorflowImport).version
    if (imported) return imported
    const versions = this.keyVersions()
    return TENSORFLOW_PACKAGES.map(p => versions[p]).find((v): v is string => Boolean(v)) ?? ''
  }

  kerasVersion(): string {
    return this.data(STEP.kerasImport).version ?? this.keyVersions()['keras'] ?? ''
  }

  /** The smoke-import steps, with the module each imported. */
  smokeImports(): { record: StepRecord; module: string }[] {
    return this.steps.flatMap(s => {
      const module = importedModule(s.step)
      return module ? [{ record: s, module }] : []
    })
  }
}
