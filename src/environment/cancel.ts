import { removeWorkDir } from './workspace.js'
import { killAllChildren } from '../util/process.js'

let current: string | undefined
// The handlers go in once per process, however many runs it makes (the CLI's tests make many); the latest run's
// onCancel is the one told.
let installed = false
let told: (signal: string) => void = () => undefined

/** Remembers the live work folder so a cancelled run (SIGTERM, Ctrl-C) can still remove it. */
export function trackWorkDir(dir: string | undefined): void {
  current = dir
}

// The signals that end a run, with their conventional exit codes; SIGHUP is a closed terminal, which would otherwise
// end the process without any handler running.
const SIGNAL_EXITS = [
  ['SIGTERM', 143],
  ['SIGINT', 130],
  ['SIGHUP', 129]
] as const

/**
 * On SIGTERM, SIGINT or SIGHUP: stop the children, remove the venv, exit with the signal's conventional code. And on any
 * exit that skipped the run's own cleanup (an uncaught error: a CLI whose reader went away, `keras-compat . | head`,
 * dies of EPIPE at its next line of log): the same, before the process is gone. A run that ended normally has
 * already removed its folder and forgotten it, so then there is nothing to do.
 */
export function removeOnCancel(onCancel: (signal: string) => void = () => undefined): void {
  told = onCancel
  if (installed) return
  installed = true
  for (const [signal, code] of SIGNAL_EXITS) {
    process.once(signal, () => {
      killAllChildren()
      removeCurrent()
      told(signal)
      process.exit(code)
    })
  }
  process.on('exit', () => {
    if (!current) return
    killAllChildren()
    removeCurrent()
  })
}

function removeCurrent(): void {
  if (current) removeWorkDir(current)
  current = undefined
}
