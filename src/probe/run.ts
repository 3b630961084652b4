import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROBE_PACKAGES } from '../core/packages.js'
import { type ProcessRunner } from '../util/process.js'
import { parseProbeOutput, type ProbeOutcome, type StepRecord } from './contract.js'
import { expectedSteps, SMOKE_COMMAND_STEP } from './steps.js'

/** A model file for the probe to load: `id` is its path as the report names it, `path` where its copy is. */
export interface ModelTarget {
  id: string
  path: string
  format: 'keras' | 'h5' | 'savedmodel'
}

/**
 * The code scan the probe resolves names from: the file it writes (the scan runs beside the probe, which waits for
 * the file when it gets to the code), or why there is none.
 */
export type CodeScanInput = { file: string } | { skipped: string }

export interface ProbePlan {
  python: string
  scratchDir: string
  workingDirectory: string
  smokeImports: string[]
  env: NodeJS.ProcessEnv
  timeoutMs: number
  onOutput?: (chunk: string) => void
  /** The repository's model files (copied into the work folder), each loaded through every Keras in play. */
  models?: ModelTarget[]
  codeScan?: CodeScanInput
  /** A smoke command is configured: its record (added after the probe) is expected like the probe's own. */
  smokeCommand?: boolean
}

export interface ProbeResult extends ProbeOutcome {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  seconds: number
  log: string
  /** Steps a complete probe records that have no record from this run: any of them means no pass. */
  missing: string[]
  /** The probe itself ended cleanly: its closing record after nothing malformed, exit code 0, no signal, in time. */
  clean?: boolean
}

/** How long one model may take to load, and all of them together (the probe's own time limit still applies). */
export const MODEL_LOAD_SECONDS = 120
export const MODELS_TOTAL_SECONDS = 300
/** How long resolving the code's names may take. */
export const CODE_NAMES_SECONDS = 60
/** How long the probe waits for the code scan that runs beside it (longer than the scan's own limit). */
export const CODE_SCAN_WAIT_SECONDS = 90

/** The Python helpers (probe.py, kc_*.py) ship beside the bundle in dist/; in the sources they sit beside this file. */
export function pythonHelperPath(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.join(here, name), path.join(here, '..', name)]
  const found = candidates.find(c => existsSync(c))
  if (!found) throw new Error(`${name} is missing (looked in ${candidates.join(', ')}): the bundle is incomplete`)
  return found
}

export function probeScriptPath(): string {
  return pythonHelperPath('probe.py')
}

function probeConfig(plan: ProbePlan): string {
  const scan = plan.codeScan
  return JSON.stringify({
    packages: PROBE_PACKAGES,
    smoke_imports: plan.smokeImports,
    workdir: plan.workingDirectory,
    scratch: plan.scratchDir,
    models: plan.models ?? [],
    model_seconds: MODEL_LOAD_SECONDS,
    models_seconds: MODELS_TOTAL_SECONDS,
    code_scan: scan && 'file' in scan ? scan.file : null,
    code_skip_reason: scan && 'skipped' in scan ? scan.skipped : 'no code scan was made',
    code_seconds: CODE_NAMES_SECONDS,
    code_wait_seconds: CODE_SCAN_WAIT_SECONDS
  })
}

/**
 * Runs probe.py in the venv. Its records come back on an inherited pipe (descriptor 3), each carrying a nonce that
 * the probe reads from its standard input before it imports anything: nothing the probe imports can truncate what
 * was written, and a record written without the nonce counts as garbage, never as a result.
 */
export async function runProbe(runner: ProcessRunner, plan: ProbePlan): Promise<ProbeResult> {
  const nonce = randomBytes(16).toString('hex')
  const result = await runner.run(plan.python, [probeScriptPath(), probeConfig(plan)], {
    cwd: plan.scratchDir,
    env: plan.env,
    timeoutMs: plan.timeoutMs,
    onOutput: plan.onOutput,
    input: `${nonce}\n`,
    channel: true
  })
  const outcome = parseProbeOutput(result.channel, nonce)
  const expected = expectedSteps({
    smokeImports: plan.smokeImports,
    models: (plan.models ?? []).map(m => m.id),
    smokeCommand: plan.smokeCommand
  })
  const missing = expected.filter(s => !outcome.steps.some(r => r.step === s))
  const clean = outcome.completed && result.exitCode === 0 && !result.signal && !result.timedOut
  return {
    ...outcome,
    // A probe that exited badly, or left a step without a record, did not complete, whatever its records say.
    completed: clean && missing.length === 0,
    clean,
    missing,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    seconds: result.seconds,
    log: result.stdout + result.stderr
  }
}

/**
 * The probe's result with one more record the pipeline made itself (the smoke command's): it stands beside the
 * probe's own, and counts towards completion like them. A second record for a step already recorded is refused.
 */
export function withRecord(result: ProbeResult, record: StepRecord): ProbeResult {
  if (result.steps.some(s => s.step === record.step))
    return { ...result, malformed: result.malformed + 1, completed: false }
  const missing = result.missing.filter(s => s !== record.step)
  return {
    ...result,
    steps: [...result.steps, record],
    missing,
    completed: result.clean === true && missing.length === 0
  }
}

/** The probe's own part went well: it ended cleanly with every record of its own (the smoke command's comes later). */
export function probeStageOk(result: ProbeResult): boolean {
  return result.clean === true && result.missing.every(s => s === SMOKE_COMMAND_STEP)
}
