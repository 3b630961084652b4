import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Log } from '../core/log.js'
import { pythonHelperPath } from '../probe/run.js'
import { type CodePayload, scanSkipsText } from '../probe/steps.js'
import { type ProcessRunner } from '../util/process.js'

/** The scan's bounds: files looked at, bytes per file, seconds in all, distinct names kept. */
export const CODE_SCAN_LIMITS = { maxFiles: 2000, maxFileBytes: 1_000_000, budgetSeconds: 20, maxNames: 3000 }
// The process's own limit, beyond the scan's budget: parsing one pathological file must not hold the run.
const SCAN_TIMEOUT_MS = 60_000

export interface CodeScanPlan {
  /** The venv's interpreter: the scan parses with the Python the code will run on. */
  python: string
  /** The folder to scan: the working directory (in the project copy when there is one). */
  root: string
  /** What the report calls `root` ('' for the repository root). */
  shownAs: string
  /** Where the scan writes its JSON. */
  out: string
  env: NodeJS.ProcessEnv
}

/** The prefix that turns a path under the scanned folder into a path from the report's base. */
export function shownPrefix(pathBase: string, workingDirectory: string): string {
  return path.relative(pathBase, workingDirectory).split(path.sep).join('/')
}

/** Writes a file whole, in one move: the probe reads it as soon as it exists. */
function writeWhole(file: string, data: unknown): void {
  writeFileSync(`${file}.partial`, JSON.stringify(data))
  renameSync(`${file}.partial`, file)
}

/**
 * Runs kc_codescan.py over the repository with the venv's Python, isolated (-I: no PYTHON* variables, no user site,
 * no current folder on the path; -S: no site-packages, so no .pth file of an installed package runs). It parses
 * files with `ast`; nothing of the repository is imported or run. It runs beside the probe, which waits for
 * `plan.out`: when the scan fails, that file says why (`{"failed": ...}`), so the probe never waits in vain.
 */
export async function scanCode(runner: ProcessRunner, plan: CodeScanPlan, log: Log): Promise<void> {
  try {
    await runScan(runner, plan, log)
  } catch (error) {
    // Nothing may leave the probe waiting: whatever went wrong is what its code step will say.
    const why = `the code scan could not run: ${error instanceof Error ? error.message : String(error)}`
    log.info(`Code check: ${why}`)
    writeWhole(plan.out, { failed: why })
  }
}

async function runScan(runner: ProcessRunner, plan: CodeScanPlan, log: Log): Promise<void> {
  const config = JSON.stringify({
    root: plan.root,
    prefix: plan.shownAs,
    out: plan.out,
    max_files: CODE_SCAN_LIMITS.maxFiles,
    max_file_bytes: CODE_SCAN_LIMITS.maxFileBytes,
    budget_seconds: CODE_SCAN_LIMITS.budgetSeconds,
    max_names: CODE_SCAN_LIMITS.maxNames
  })
  const result = await runner.run(plan.python, ['-I', '-S', pythonHelperPath('kc_codescan.py'), config], {
    cwd: plan.root,
    env: plan.env,
    timeoutMs: SCAN_TIMEOUT_MS
  })
  if (result.exitCode === 0 && existsSync(plan.out)) {
    log.info(`Code scan: ${scanSummary(plan.out)} (${result.seconds.toFixed(2)} s)`)
    return
  }
  const why = result.timedOut
    ? `the code scan did not finish within ${SCAN_TIMEOUT_MS / 1000} s`
    : `the code scan failed (exit ${result.exitCode ?? result.signal}): ${result.stderr.trim().split('\n').slice(-1)[0] ?? ''}`
  log.info(`Code check: ${why}`)
  writeWhole(plan.out, { failed: why })
}

/** "N .py files, M parsed (skipped: ...)" for the log. */
function scanSummary(file: string): string {
  try {
    const scan = JSON.parse(readFileSync(file, 'utf8')) as Partial<CodePayload>
    const skipped = scanSkipsText(scan.skipped)
    return `${scan.files ?? 0} .py files, ${scan.parsed ?? 0} parsed for Keras names${skipped ? `; skipped: ${skipped}` : ''}`
  } catch {
    return 'done'
  }
}
