import { removeWorkDir } from './workspace.js'
import { killAllChildren } from '../util/process.js'

let current: string | undefined

/** Remembers the live work folder so a cancelled run (SIGTERM, Ctrl-C) can still remove it. */
export function trackWorkDir(dir: string | undefined): void {
  current = dir
}

/** On SIGTERM or SIGINT: stop the children, remove the venv, exit with the signal's conventional code. */
export function removeOnCancel(onCancel: (signal: string) => void = () => undefined): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAllChildren()
      if (current) removeWorkDir(current)
      onCancel(signal)
      process.exit(signal === 'SIGTERM' ? 143 : 130)
    })
  }
}
