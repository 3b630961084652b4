/** The command line: `keras-compat [DIR] [options]`. */
import { runCli } from './cli/main.js'

process.exitCode = await runCli()
