import { type Finding } from '../core/finding.js'
import { type ProbeResult } from '../probe/run.js'
import { type ProbeContext } from './probe-context.js'

/** What is missing from a probe that did not finish cleanly: its closing record, records of steps, or clean lines. */
function incompleteWhy(probe: ProbeResult): string {
  const parts = [
    probe.exitCode !== 0 ? `exited with code ${probe.exitCode}` : '',
    probe.missing.length > 0 ? `wrote no record for ${probe.missing.slice(0, 5).join(', ')}` : '',
    probe.malformed ? `wrote ${probe.malformed} line(s) that are not records of this run` : ''
  ].filter(Boolean)
  return `The probe ${parts.length > 0 ? parts.join(', ') : 'did not write its closing record'}`
}

function crash(signal: string, where: string, tail: string): Finding {
  const sigill = signal === 'SIGILL'
  return {
    id: 'crash',
    severity: 'error',
    title: `Python was killed by ${signal}${where}`,
    explanation: sigill
      ? 'SIGILL means the CPU met an instruction it does not have: TensorFlow wheels need AVX, which this CPU lacks.'
      : 'A native extension crashed the interpreter; there is no Python traceback for this kind of failure.',
    fix: sigill
      ? 'Run on a CPU with AVX (all GitHub-hosted x86 runners have it) or build TensorFlow without AVX.'
      : 'Pin the packages involved in the step above to versions built for each other (numpy, protobuf and TensorFlow first).',
    locations: [],
    evidence: tail
  }
}

/** Findings for a probe that did not reach its end: a hang, a crash by signal, or output that cannot be trusted. */
export function incompleteFindings(ctx: ProbeContext): Finding[] {
  const { probe } = ctx
  if (probe.completed) return []
  const where = probe.unfinishedStep ? ` while running "${probe.unfinishedStep}"` : ''
  const tail = probe.log.split('\n').slice(-30).join('\n').trim()
  if (probe.timedOut) {
    return [
      {
        id: 'timeout',
        severity: 'error',
        title: `The smoke test did not finish within ${ctx.timeoutMinutes} minutes${where}`,
        explanation:
          'The probe was stopped at the time limit. An import that waits on the network or a lock, or a very slow machine, can cause this.',
        fix: 'Find what hangs in the step named above; raise timeout-minutes only if the machine is just slow.',
        locations: [],
        evidence: tail
      }
    ]
  }
  if (probe.signal) return [crash(probe.signal, where, tail)]
  return [
    {
      id: 'probe-incomplete',
      severity: 'error',
      title: `The smoke test stopped before its end${where}`,
      explanation: `${incompleteWhy(probe)}, so none of its results can be counted as a pass.`,
      fix: 'Read the probe log below: a package that calls exit() at import time or kills the process is the usual cause.',
      locations: [],
      evidence: tail
    }
  ]
}
