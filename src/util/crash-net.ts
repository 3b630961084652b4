/**
 * The last net: a rejection nobody awaited must still fail the step with a message. Written with plain
 * stdout so the bundle's error path does not depend on anything else loading.
 */
export function installCrashNet(): void {
  const fail = (reason: unknown): void => {
    const message = reason instanceof Error ? reason.message : String(reason)
    process.stdout.write(`::error::keras-compat crashed: ${message.replace(/\r?\n/g, '%0A')}\n`)
    process.exitCode = 1
  }
  process.on('unhandledRejection', fail)
  process.on('uncaughtException', fail)
}
