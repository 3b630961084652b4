import { errorMessage } from '../core/errors.js'
/** A workflow command's data escaped as the runner reads it back: `%`, CR and LF cannot end or forge the command. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/**
 * The last net: a rejection nobody awaited must still fail the step with a message. Written with plain
 * stdout so the bundle's error path does not depend on anything else loading.
 */
export function installCrashNet(): void {
  const fail = (reason: unknown): void => {
    const message = errorMessage(reason)
    process.stdout.write(`::error::keras-compat crashed: ${escapeCommandData(message)}\n`)
    process.exitCode = 1
  }
  process.on('unhandledRejection', fail)
  process.on('uncaughtException', fail)
}
