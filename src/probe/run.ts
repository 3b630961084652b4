import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ProcessRunner } from '../util/process.js'
import { parseProbeOutput, ProbeOutcome } from './contract.js'

export interface ProbePlan {
  python: string
  resultsFile: string
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
}

/** probe.py ships beside the bundle in dist/; in the sources it sits beside this file. */
export function probeScriptPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.join(here, 'probe.py'), path.join(here, '..', 'probe.py')]
  const found = candidates.find(c => existsSync(c))
  if (!found) throw new Error(`probe.py is missing (looked in ${candidates.join(', ')}): the bundle is incomplete`)
  return found
}

export async function runProbe(runner: ProcessRunner, plan: ProbePlan): Promise<ProbeResult> {
  const config = JSON.stringify({
    smoke_imports: plan.smokeImports,
    workdir: plan.workingDirectory,
    scratch: plan.scratchDir
  })
  const result = await runner.run(plan.python, [probeScriptPath(), plan.resultsFile, config], {
    cwd: plan.scratchDir,
    env: plan.env,
    timeoutMs: plan.timeoutMs,
    onOutput: plan.onOutput
  })
  const text = existsSync(plan.resultsFile) ? readFileSync(plan.resultsFile, 'utf8') : ''
  const outcome = parseProbeOutput(text)
  return {
    ...outcome,
    // A probe that exited badly did not complete, whatever its file says.
    completed: outcome.completed && result.exitCode === 0 && !result.signal && !result.timedOut,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    seconds: result.seconds,
    log: result.stdout + result.stderr
  }
}
