/**
 * The error taxonomy. Failures of the user's requirements are findings, never exceptions; what is thrown is either
 * a ConfigError (the user's input cannot be used: the step fails naming the input and how to fix it) or anything
 * else (keras-compat itself broke: the CLI exits 3, the action keeps the stack in its debug log).
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** The message of anything thrown, Error or not (a thrown string or object must never print "undefined"). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
