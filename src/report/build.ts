import { type Finding, type Verification } from '../core/finding.js'
import { type FixPlan } from '../fixplan/types.js'
import { type StageTiming } from '../core/timing.js'
import { VERSION } from '../core/version.js'
import { summarizeEnvironment } from './environment.js'
import { type Report } from './model.js'
import { type CheckOutcome } from './outcome.js'
import { statusOf } from './verdict.js'

/** Everything one check's report is made of. */
export interface ReportInput {
  outcome: CheckOutcome
  findings: Finding[]
  /** The fix checks, by finding: joined here, never written into the findings by the stages. */
  verifications: Map<Finding, Verification>
  stages: StageTiming[]
  startedAt: Date
  workingDirectory: string
  requirementFiles: string[]
  project: string
  /** What the run put in place of the repository's pins ('' for nothing). */
  override: string
  /** The venv's Python, as the interpreter reported it. */
  python: string
  fixPlan?: FixPlan
}

/** Why a fix was not checked, when nothing checked it: none is ever taken for checked. */
function uncheckedBecause(outcome: CheckOutcome): string {
  if (outcome.kind === 'preflight-only') return 'preflight-only: nothing is resolved'
  if (outcome.kind === 'refused-input')
    return 'a requirement file cannot be read through, so nothing was installed or resolved'
  if (outcome.kind === 'resolve-failed' || outcome.kind === 'install-failed' || outcome.kind === 'probed')
    return 'not an error, or no dry run was made for it'
  return 'no environment to resolve in'
}

function withVerification(input: ReportInput): Finding[] {
  const unchecked: Verification = { status: 'not-verified', detail: uncheckedBecause(input.outcome) }
  return input.findings.map(f => {
    const verification = input.verifications.get(f) ?? (f.edits && f.edits.length > 0 ? unchecked : undefined)
    return verification ? { ...f, verification } : f
  })
}

/** The JSON report of one check. */
export function buildReport(input: ReportInput): Report {
  const { outcome } = input
  const findings = withVerification(input)
  const install =
    outcome.kind === 'resolve-failed'
      ? { installer: outcome.installer, install: outcome.resolve }
      : outcome.kind === 'install-failed' || outcome.kind === 'probed'
        ? outcome
        : undefined
  const probe = outcome.kind === 'probed' ? outcome.probe : undefined
  const status = statusOf(findings, {
    preflightOnly: outcome.kind === 'preflight-only',
    installed: install?.install.ok === true,
    probeCompleted: probe?.completed === true
  })
  return {
    schemaVersion: 1,
    tool: { name: 'keras-compat', version: VERSION },
    status,
    mode: outcome.kind === 'preflight-only' ? 'preflight-only' : 'full',
    outcome: outcome.kind,
    override: input.override,
    startedAt: input.startedAt.toISOString(),
    seconds: (Date.now() - input.startedAt.getTime()) / 1000,
    workingDirectory: input.workingDirectory,
    requirementFiles: input.requirementFiles,
    project: input.project,
    installer: install
      ? {
          name: install.installer.name,
          version: install.installer.version,
          ok: install.install.ok,
          command: install.install.command,
          log: install.install.log
        }
      : null,
    environment: summarizeEnvironment(probe, input.python),
    stages: input.stages,
    steps: probe?.steps ?? [],
    probeLog: probe?.log ?? '',
    findings,
    ...(input.fixPlan ? { fixPlan: input.fixPlan } : {}),
    runtime: { node: process.version, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }
  }
}
