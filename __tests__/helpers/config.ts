// A Config as the inputs' defaults give it for a folder, with the changes a test states: new inputs get their
// defaults from the one input table, so tests do not list every field.
import { CONFIG_KEYS, configFrom, type ConfigKey, INPUTS } from '../../src/config/inputs.js'
import { type Config } from '../../src/config/types.js'

export function configFor(dir: string, overrides: Partial<Config> = {}): Config {
  const defaults = configFrom(
    (key: ConfigKey) => (key === 'workingDirectory' ? dir : ''),
    key => INPUTS[key].input,
    dir
  )
  // The cache service exists only on a runner.
  return { ...defaults, cache: 'false', ...overrides }
}

export const ALL_KEYS = CONFIG_KEYS
