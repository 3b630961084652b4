import { type StageTiming } from './timing.js'

/** Where a run tells what it is doing. The action prints log groups; the CLI prints a line per stage. */
export interface Log {
  /**
   * A stage begins: its title is shown, and what it prints is held until it ends. The returned function ends it
   * with the stage's timing, measured once by the pipeline (the log only shows it).
   */
  begin(title: string): (timing: StageTiming) => void
  info(message: string): void
  /** Output of pip, Python or the user's packages: it may hold workflow commands, so the action neutralises it. */
  untrusted(text: string): void
}

/** A log that drops everything: for library use and tests that only look at the report. */
export const silentLog: Log = {
  begin: () => () => undefined,
  info: () => undefined,
  untrusted: () => undefined
}

/** Times stages once: each timing is recorded for the report and handed to the log to show. */
export class StageClock {
  readonly stages: StageTiming[] = []
  constructor(private readonly log: Log) {}

  /** Runs `fn` as the stage `name`; `ok` says whether its result counts as the stage going well. */
  async stage<T>(name: string, fn: () => Promise<T>, ok: (value: T) => boolean = () => true): Promise<T> {
    const end = this.log.begin(name)
    const started = Date.now()
    let good = false
    try {
      const value = await fn()
      good = ok(value)
      return value
    } finally {
      const timing = { name, seconds: (Date.now() - started) / 1000, ok: good }
      this.stages.push(timing)
      end(timing)
    }
  }
}
