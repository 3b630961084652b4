import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { editedFile } from '../fixplan/patch.js'
import { type FixPlan } from '../fixplan/types.js'
import { planExtras, planLabel } from '../report/render/plan.js'
import { EXIT } from './args.js'

export interface FixIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  /** Where the plan's paths start: the current directory (report paths are relative to it). */
  cwd: string
}

/** Writes each file the plan changes, every other byte kept; returns the files written, or throws what failed. */
function writePlan(plan: FixPlan, cwd: string): string[] {
  const byFile = new Map<string, Edit[]>()
  for (const e of plan.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e])
  const results = [...byFile].map(([file, edits]) => ({ file, result: editedFile(path.resolve(cwd, file), edits) }))
  const refused = results.find(r => !r.result.ok)
  // Nothing is written unless every file can be: a half-applied plan is worse than none.
  if (refused && !refused.result.ok) throw new Error(`${refused.file}: ${refused.result.why}`)
  for (const { file, result } of results) if (result.ok) writeFileSync(path.resolve(cwd, file), result.bytes)
  return results.map(r => r.file)
}

/**
 * `--fix`: the plan written into the files (never one its proof disproved); `--fix --dry-run`: the patch on
 * stdout, nothing written. Returns the exit code: 0 when there was nothing to fix or the plan was written/printed.
 */
export function applyFix(plan: FixPlan | undefined, dryRun: boolean, io: FixIo, runPython: string): number {
  if (!plan) {
    io.stderr('keras-compat --fix: no error finding, nothing to fix.\n')
    return EXIT.ok
  }
  if (!plan.found) {
    io.stderr(`keras-compat --fix: no plan: ${plan.summary.replace(/`/g, '')}\n`)
    return EXIT.failed
  }
  if (plan.verification.status === 'failed') {
    io.stderr(`keras-compat --fix: not applied, the plan failed its proof: ${planLabel(plan)}\n`)
    return EXIT.failed
  }
  const extras = planExtras(plan, runPython).map(e => `  ${e.replace(/`/g, '')}\n`)
  if (dryRun) {
    io.stdout(plan.patch)
    io.stderr(`keras-compat --fix --dry-run: ${planLabel(plan)}\n${extras.join('')}`)
    return EXIT.ok
  }
  try {
    const files = writePlan(plan, io.cwd)
    io.stderr(
      `keras-compat --fix: ${plan.edits.length} line(s) changed in ${files.join(', ')} (${planLabel(plan)})\n${extras.join('')}`
    )
    return EXIT.ok
  } catch (error) {
    io.stderr(`keras-compat --fix: nothing written: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT.failed
  }
}
