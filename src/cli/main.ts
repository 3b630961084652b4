import { ConfigError } from '../core/errors.js'
import * as os from 'node:os'
import { type Config } from '../config/types.js'
import { check, type CheckDeps } from '../pipeline/check.js'
import { checkMatrix } from '../pipeline/matrix.js'
import { readEvent } from '../finish/event.js'
import { finishMatrix, finishReport, type FinishInput } from '../finish/finish.js'
import { fileLines } from '../finish/line-text.js'
import { sarifRuns, writeSarif } from '../finish/sarif.js'
import { warmPlan } from '../finish/tensorflow-matrix.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { renderMatrixTerminal } from '../report/render/matrix.js'
import { newOnly } from '../report/render/gate.js'
import { type SarifRun } from '../report/render/sarif.js'
import { failsAt } from '../report/verdict.js'
import { type Redact, redactDeep, redactor, secretValues } from '../report/redact.js'
import { COLOR, PLAIN, renderTerminal, type Style } from '../report/render/terminal.js'
import { removeOnCancel, trackWorkDir } from '../environment/cancel.js'
import { discardInBackground } from '../environment/discard.js'
import { nodeProcessRunner } from '../util/process.js'
import { type CliOptions, EXIT, parseCli, USAGE } from './args.js'
import { applyFix } from './fix.js'
import { terminalLog } from './log.js'

export interface CliIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  isTty: boolean
  cwd: string
  env: NodeJS.ProcessEnv
}

const processIo = (): CliIo => ({
  stdout: s => process.stdout.write(s),
  stderr: s => process.stderr.write(s),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  cwd: process.cwd(),
  env: process.env
})

/** What one check printed and how it ended, for the exit code and the SARIF file. */
interface Checked {
  result: Report | MatrixReport
  runs: SarifRun[]
}

/** Lines the terminal report adds for a finished report: the baseline, suppressed findings, the config's notes. */
function finishingNotes(report: Report, style: Style): string {
  const lines: string[] = []
  const b = report.baseline
  if (b)
    lines.push(
      b.status === 'compared'
        ? `Baseline ${b.ref} (${b.commit.slice(0, 12)}): ${b.preExisting} pre-existing finding(s), not counted.`
        : b.detail
    )
  for (const f of report.findings.filter(x => x.baseline === 'pre-existing'))
    lines.push(`pre-existing ${f.id}: ${f.title.replace(/`/g, '')}`)
  for (const f of report.suppressed ?? [])
    lines.push(
      `suppressed ${f.id} (${f.suppression.source.file}:${f.suppression.source.line}): ${f.suppression.reason}`
    )
  for (const e of report.ignoreEntries ?? [])
    if (e.state !== 'used')
      lines.push(
        `${e.source.file}:${e.source.line}: ignore entry for ${e.id} ${e.state === 'expired' ? `expired on ${e.until}` : 'matched nothing'}`
      )
  if (report.tensorflowMatrix?.length)
    lines.push(`TensorFlow versions worth a job each: ${report.tensorflowMatrix.join(', ')}`)
  return lines.length > 0 ? `\n${lines.map(l => style.dim(l)).join('\n')}\n` : ''
}

async function checkOne(
  config: Config,
  deps: CheckDeps,
  finish: FinishInput,
  redact: Redact,
  part: string
): Promise<Checked> {
  const settings = { ...finish.settings, config }
  if (config.tensorflowVersions.length > 0) {
    const matrix = redactDeep(await finishMatrix(await checkMatrix(config, deps), { ...finish, settings }), redact)
    return { result: matrix, runs: sarifRuns(matrix, config, deps.pathBase, part) }
  }
  const report = redactDeep(await finishReport(await check(config, deps), { ...finish, settings }), redact)
  return { result: report, runs: sarifRuns(report, config, deps.pathBase, part) }
}

function print(checked: Checked[], options: CliOptions, style: Style, io: CliIo): void {
  // --fix --dry-run prints the patch where the report would go, so that it can be piped into git apply.
  if (options.fix && options.dryRun && !options.json) return
  if (options.json) {
    const results = checked.map(c => c.result)
    io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`)
    return
  }
  for (const { result } of checked) {
    const text = 'kind' in result ? renderMatrixTerminal(result, style) : renderTerminal(newOnly(result), style)
    const notes = 'kind' in result ? '' : finishingNotes(result, style)
    io.stdout(`\n${text}\n${notes}`)
  }
}

/** The configs to run: one, or one per requirement file given as an argument (each may be installed on its own). */
function configsOf(options: CliOptions): Config[] {
  if (options.files.length === 0) return [options.config]
  return options.files.map(file => ({ ...options.config, requirements: [file] }))
}

/** The engine's side effects on a laptop: real processes, the OS temp folder, paths relative to where it runs. */
function depsFor(io: CliIo, log: CheckDeps['log']): CheckDeps {
  return {
    runner: nodeProcessRunner,
    log,
    tempRoot: io.env.RUNNER_TEMP || os.tmpdir(),
    pathBase: io.cwd,
    baseEnv: io.env,
    onWorkDir: work => trackWorkDir(work?.root),
    // The verdict first: the venv's 20,000 files are unlinked after the CLI has answered.
    discardWorkDir: discardInBackground
  }
}

/** The CLI: same engine as the action, a terminal report or JSON. Returns the exit code (0, 1, 2 or 3). */
export async function runCli(argv: string[] = process.argv.slice(2), io: CliIo = processIo()): Promise<number> {
  try {
    const options = parseCli(argv, io.cwd)
    if (options.help) {
      io.stdout(`${USAGE}\n`)
      return EXIT.ok
    }
    const style = io.isTty ? COLOR : PLAIN
    removeOnCancel()
    const redact = redactor(secretValues(options.config.env, io.env))
    for (const note of options.settings.notes) io.stderr(`${note}\n`)
    const deps = depsFor(
      io,
      terminalLog(style, options.verbose, s => io.stderr(redact(s)))
    )
    // Requirement files as arguments are what a pre-commit hook passes: it wants a verdict fast, not a fan-out plan.
    const finish: FinishInput = {
      settings: options.settings,
      deps,
      event: readEvent(io.env),
      now: new Date(),
      plan: options.files.length === 0
    }
    const configs = configsOf(options)
    if (finish.plan) warmPlan(options.config, deps)
    const one = (config: Config) =>
      checkOne(config, deps, finish, redact, options.files.length > 0 ? config.requirements[0] : '')
    // Preflight-only checks of several files run at once: most of their time is the interpreter answering, which
    // overlaps. Checks that install run one after another, as a matrix does.
    const checked: Checked[] = []
    if (options.config.preflightOnly) checked.push(...(await Promise.all(configs.map(one))))
    else for (const config of configs) checked.push(await one(config))
    if (options.sarif) {
      const lines = fileLines(io.cwd)
      writeSarif(
        options.sarif,
        checked.flatMap(c => c.runs),
        (file, line) => {
          const text = lines(file, line)
          return text === undefined ? undefined : redact(text)
        }
      )
    }
    print(checked, options, style, io)
    const first = checked[0]?.result
    if (options.fix && first && !('kind' in first)) {
      // With --json the report carries the patch (fixPlan.patch): stdout stays one JSON document.
      const out = options.json ? { ...io, stdout: () => undefined } : io
      return applyFix(first.fixPlan, options.dryRun, out, first.environment.python)
    }
    return checked.some(c => failsAt(c.result.status, options.config.failOn)) ? EXIT.failed : EXIT.ok
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`keras-compat: ${error.message}\n`)
      return EXIT.usage
    }
    // Not the user's doing: the stack says where keras-compat broke.
    io.stderr(
      `keras-compat: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    )
    return EXIT.internal
  }
}
