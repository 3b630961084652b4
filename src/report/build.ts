import { Config } from '../config/parse.js'
import { Finding } from '../core/finding.js'
import { RunState } from '../pipeline/run-state.js'
import { VERSION } from '../core/version.js'
import { summarizeEnvironment } from './environment.js'
import { Report } from './model.js'
import { statusOf } from './verdict.js'

/** Fixes that could not be checked say why, so none is ever taken for checked. */
function markUnchecked(findings: Finding[], reason: string): void {
  for (const f of findings)
    if (f.edits && f.edits.length > 0 && !f.verification) f.verification = { status: 'not-verified', detail: reason }
}

/** The JSON report of one check, from what its stages left in the run state. */
export function buildReport(config: Config, state: RunState, startedAt: Date, findings: Finding[]): Report {
  markUnchecked(
    findings,
    config.preflightOnly
      ? 'preflight-only: nothing is resolved'
      : state.venv?.ok
        ? 'not an error, or no dry run was made for it'
        : 'no environment to resolve in'
  )
  const status = statusOf(findings, {
    preflightOnly: config.preflightOnly,
    installed: state.install?.ok === true,
    probeCompleted: state.probe?.completed === true
  })
  return {
    schemaVersion: 1,
    tool: { name: 'keras-compat', version: VERSION },
    status,
    mode: config.preflightOnly ? 'preflight-only' : 'full',
    override: [state.overrides.label, config.legacyKeras ? 'legacy Keras' : ''].filter(Boolean).join(', '),
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    workingDirectory: config.workingDirectory,
    requirementFiles: state.requirements.files,
    project: state.requirements.projectDir,
    installer: state.install
      ? {
          name: state.installer?.name ?? 'pip',
          version: state.installer?.version ?? '',
          ok: state.install.ok,
          command: state.install.command,
          log: state.install.log
        }
      : null,
    environment: summarizeEnvironment(state.probe, state.pythonVersion),
    stages: state.stages,
    steps: state.probe?.steps ?? [],
    probeLog: state.probe?.log ?? '',
    findings,
    runtime: { node: process.version, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }
  }
}
