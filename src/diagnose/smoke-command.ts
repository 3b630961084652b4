import { type Finding } from '../core/finding.js'
import { type ProbeContext } from './probe-context.js'
import { matchSignature } from './signatures.js'

/**
 * The repository's own smoke command, when it failed: `smoke-command-failed`, with the end of its output. When the
 * output shows a known failure, the signature's own finding (with its fix) stands beside this one, and this one
 * names it, so the user reads the failure and its explanation together.
 */
export function smokeCommandFindings(ctx: ProbeContext): Finding[] {
  const smoke = ctx.view.smokeCommand()
  if (!smoke || smoke.record.status !== 'error') return []
  const { record, data } = smoke
  const sig = matchSignature(record, ctx.probe.log)
  const known = sig ? ` Its output shows a known failure, explained in the \`${sig.id}\` finding: ${sig.title}.` : ''
  return [
    {
      id: 'smoke-command-failed',
      severity: 'error',
      title: `Your smoke command failed: ${record.error?.message ?? data.command ?? ''}`.slice(0, 240),
      explanation:
        `\`${data.command ?? ''}\` ran in the installed environment (the venv first on PATH, in a copy of the ` +
        `repository; ${data.runner ?? 'run directly'}) and did not succeed.${known}`,
      fix: sig
        ? `See the \`${sig.id}\` finding for the fix.`
        : 'Read the end of its output below; the same command in a fresh venv with these requirements reproduces it.',
      locations: [],
      evidence: record.error?.traceback || data.tail || '',
      stage: 'probe'
    }
  ]
}
