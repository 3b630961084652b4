import { INPUTS } from './inputs.js'
import { readSettings, type Settings } from './settings.js'
import { type Config } from './types.js'

/** Reads one input by name ('' when unset): core.getInput on a runner, a plain map in tests. */
export type InputGetter = (name: string) => string

/**
 * Reads and validates every input once, with the config file underneath. `base` is where a relative
 * working-directory (and the config file) start: the workspace. The runner passes every input, defaults filled in, so
 * an input counts as given when it is set and differs from its default: one set to its default value (or to nothing)
 * cannot win over the file.
 */
export function readActionSettings(get: InputGetter, base: string): Settings {
  return readSettings(
    {
      value: key => get(INPUTS[key].input),
      given: key => {
        const raw = get(INPUTS[key].input).trim()
        return raw !== '' && raw !== INPUTS[key].default
      },
      source: key => INPUTS[key].input
    },
    base
  )
}

/** The config alone (the file layered in), for callers that need nothing else. */
export function readConfig(get: InputGetter, base: string): Config {
  return readActionSettings(get, base).config
}
