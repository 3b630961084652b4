import { configFrom, INPUTS } from './inputs.js'
import { type Config } from './types.js'

/** Reads one input by name ('' when unset): core.getInput on a runner, a plain map in tests. */
export type InputGetter = (name: string) => string

/** Reads and validates every input once. `base` is where a relative working-directory starts (the workspace). */
export function readConfig(get: InputGetter, base: string): Config {
  return configFrom(
    key => get(INPUTS[key].input),
    key => INPUTS[key].input,
    base
  )
}
