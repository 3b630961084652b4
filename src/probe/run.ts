import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROBE_PACKAGES } from '../core/packages.js'
import { type ProcessRunner } from '../util/process.js'
import { parseProbeOutput, type ProbeOutcome } from './contract.js'
import { expectedSteps } from './steps.js'

export interface ProbePlan {
  python: string
  scratchDir: string
  workingDirectory: string
  smokeImports: string[]
  env: NodeJS.ProcessEnv
  timeoutMs: number
  onOutput?: (chunk: string) => void
}

export interface ProbeResult extends ProbeOutcome {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  seconds: number
  log: string
  /** Steps a complete probe records that have no record from this run: any of them means no pass. */
  missing: string[]
}

/** probe.py ships beside the bundle in dist/; in the sources it sits beside this file. */
export function probeScriptPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.join(here, 'probe.py'), path.join(here, '..', 'probe.py')]
  const found = candidates.find(c => existsSync(c))
  if (!found) throw new Error(`probe.py is missing (looked in ${candidates.join(', ')}): the bundle is incomplete`)
  return found
}

/**
 * Runs probe.py in the venv. Its records come back on an inherited pipe (descriptor 3), each carrying a nonce that
 * the probe reads from its standard input before it imports anything: nothing the probe imports can truncate what
 * was written, and a record written without the nonce counts as garbage, never as a result.
 */
export async function runProbe(runner: ProcessRunner, plan: ProbePlan): Promise<ProbeResult> {
  const nonce = randomBytes(16).toString('hex')
  const config = JSON.stringify({
    packages: PROBE_PACKAGES,
    smoke_imports: plan.smokeImports,
    workdir: plan.workingDirectory,
    scratch: plan.scratchDir
  })
  const result = await runner.run(plan.python, [probeScriptPath(), config], {
    cwd: plan.scratchDir,
    env: plan.env,
    timeoutMs: plan.timeoutMs,
    onOutput: plan.onOutput,
    input: `${nonce}\n`,
    channel: true
  })
  const outcome = parseProbeOutput(result.channel, nonce)
  const missing = expectedSteps(plan.smokeImports).filter(s => !outcome.steps.some(r => r.step === s))
  return {
    ...outcome,
    // A probe that exited badly, or left a step without a record, did not complete, whatever its records say.
    completed: outcome.completed && missing.length === 0 && result.exitCode === 0 && !result.signal && !result.timedOut,
    missing,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    seconds: result.seconds,
    log: result.stdout + result.stderr
  }
}
