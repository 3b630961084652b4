import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type StepRecord } from './contract.js'
import {
  COMPANION_STEPS,
  type CompanionPayload,
  importedModule,
  type ModelPayload,
  modelOf,
  SMOKE_COMMAND_STEP,
  type SmokeCommandPayload,
  STEP,
  type StepPayloads
} from './steps.js'

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

  /** The model-file steps, with the file each loaded and its data (as kc_models.py writes it). */
  models(): { record: StepRecord; file: string; data: Partial<ModelPayload> }[] {
    return this.steps.flatMap(s => {
      const file = modelOf(s.step)
      return file ? [{ record: s, file, data: s.data }] : []
    })
  }

  /** The companion-layer steps that ran, with the package each used (kc_companions.py's data). */
  companions(): { record: StepRecord; module: string; distribution: string; data: Partial<CompanionPayload> }[] {
    return COMPANION_STEPS.flatMap(c => {
      const record = this.step(c.step)
      return record ? [{ record, ...c, data: record.data }] : []
    })
  }

  /** The smoke command's record, when one was configured. */
  smokeCommand(): { record: StepRecord; data: Partial<SmokeCommandPayload> } | undefined {
    const record = this.step(SMOKE_COMMAND_STEP)
    return record ? { record, data: record.data } : undefined
  }
}
