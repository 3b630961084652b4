/** Where a run tells what it is doing. The action prints log groups; the CLI prints a line per stage. */
export interface Log {
  /** Runs one stage inside a titled section; its end shows how long it took and whether `ok` held for its result. */
  stage<T>(title: string, fn: () => Promise<T>, ok?: (value: T) => boolean): Promise<T>
  info(message: string): void
  /** Output of pip, Python or the user's packages: it may hold workflow commands, so the action neutralises it. */
  untrusted(text: string): void
}

/** A log that drops everything: for library use and tests that only look at the report. */
export const silentLog: Log = {
  stage: (_title, fn) => fn(),
  info: () => undefined,
  untrusted: () => undefined
}
