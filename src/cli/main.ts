import { ConfigError } from '../core/errors.js'
import * as os from 'node:os'
import { check, type CheckDeps } from '../pipeline/check.js'
import { checkMatrix } from '../pipeline/matrix.js'
import { renderMatrixTerminal } from '../report/render/matrix.js'
import { failsAt } from '../report/verdict.js'
import { redactDeep, redactor, secretValues } from '../report/redact.js'
import { COLOR, PLAIN, renderTerminal } from '../report/render/terminal.js'
import { removeOnCancel, trackWorkDir } from '../environment/cancel.js'
import { nodeProcessRunner } from '../util/process.js'
import { EXIT, parseCli, USAGE } from './args.js'
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

/** The CLI: same engine as the action, a terminal report or JSON. Returns the exit code (0, 1, or 2). */
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
    const deps: CheckDeps = {
      runner: nodeProcessRunner,
      log: terminalLog(style, options.verbose, s => io.stderr(redact(s))),
      tempRoot: io.env.RUNNER_TEMP || os.tmpdir(),
      pathBase: io.cwd,
      baseEnv: io.env,
      onWorkDir: work => trackWorkDir(work?.root)
    }
    if (options.config.tensorflowVersions.length > 0) {
      const matrix = redactDeep(await checkMatrix(options.config, deps), redact)
      io.stdout(options.json ? `${JSON.stringify(matrix, null, 2)}\n` : `\n${renderMatrixTerminal(matrix, style)}\n`)
      return failsAt(matrix.status, options.config.failOn) ? EXIT.failed : EXIT.ok
    }
    const report = redactDeep(await check(options.config, deps), redact)
    // --fix --dry-run prints the patch where the report would go, so that it can be piped into git apply.
    if (options.json || !(options.fix && options.dryRun))
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${renderTerminal(report, style)}\n`)
    if (options.fix) {
      // With --json the report carries the patch (fixPlan.patch): stdout stays one JSON document.
      const out = options.json ? { ...io, stdout: () => undefined } : io
      return applyFix(report.fixPlan, options.dryRun, out, report.environment.python)
    }
    return failsAt(report.status, options.config.failOn) ? EXIT.failed : EXIT.ok
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
