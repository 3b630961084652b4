import { type VenvResult } from '../environment/venv.js'
import { type Installer } from '../install/installer.js'
import { type InstallResult } from '../install/types.js'
import { type ProbeResult } from '../probe/run.js'

/**
 * How far one check got. Each kind carries exactly what its stages produced, so the report reads it without
 * guessing (no optional fields, no `!`).
 */
export type CheckOutcome =
  /** Static rules only: nothing was installed (preflight-only). */
  | { kind: 'preflight-only' }
  /**
   * A requirement file has a line the installer rejects, cannot be decoded, or includes a file that was refused
   * (outside the repository, not a regular file): the installer would stop there (or read the refused file itself),
   * so nothing is installed.
   */
  | { kind: 'refused-input' }
  /** The interpreter cannot be used at all (too old): the run stopped before any venv. */
  | { kind: 'no-interpreter'; problem: string }
  /** No installer could be had (uv asked for and not available): `note` says why. */
  | { kind: 'no-installer'; note: string }
  | { kind: 'venv-failed'; installer: Installer; venv: VenvResult }
  /**
   * The dry-run resolution (same inputs as the install) found no solution, or could not run: the install was
   * skipped, so nothing was downloaded. `resolve` is the resolver's result, its error the installer's own words.
   */
  | { kind: 'resolve-failed'; installer: Installer; venv: VenvResult; resolve: InstallResult }
  | { kind: 'install-failed'; installer: Installer; venv: VenvResult; install: InstallResult }
  | {
      kind: 'probed'
      installer: Installer
      venv: VenvResult
      install: InstallResult
      probe: ProbeResult
      /** The installer's check of the installed set, without the lines the run's own overrides explain. */
      pipCheck: string[]
    }

/** Whether a venv exists to resolve fixes in (it does from a made venv on). */
export function hasVenv(
  outcome: CheckOutcome
): outcome is Extract<CheckOutcome, { kind: 'resolve-failed' | 'install-failed' | 'probed' }> {
  return outcome.kind === 'resolve-failed' || outcome.kind === 'install-failed' || outcome.kind === 'probed'
}

export type OutcomeKind = CheckOutcome['kind']
