import { CONFIG_KEYS, configFrom, type ConfigKey, INPUTS } from './inputs.js'
import { type ConfigFileContent, readConfigFile } from './file.js'
import { type Config } from './types.js'

/** What the edge knows of each input: its text, whether the user gave it, and its name in errors. */
export interface InputSource {
  value(key: ConfigKey): string
  /** Given in the workflow (an input away from its default) or on the command line (a flag that was passed). */
  given(key: ConfigKey): boolean
  source(key: ConfigKey): string
}

/** The run's settings: the config, the config file it was layered with (if any), and what was decided between them. */
export interface Settings {
  config: Config
  file?: ConfigFileContent
  /** One line for each input both set: the workflow's (or command line's) value wins, and the log says so. */
  notes: string[]
}

/**
 * Reads every input, with the config file underneath: an input the user gave wins, else the file's value, else the
 * default. Values from the file go through the same parsers, their errors naming the file, line and key.
 */
export function readSettings(inputs: InputSource, base: string): Settings {
  const choice = INPUTS.configFile.read(inputs.value('configFile'), inputs.source('configFile'), base)
  const file = readConfigFile(choice, base)
  const notes: string[] = []
  const fromFile = (key: ConfigKey) => (inputs.given(key) ? undefined : file?.values[key])
  for (const key of CONFIG_KEYS) {
    const set = file?.values[key]
    if (set && inputs.given(key))
      notes.push(
        `${INPUTS[key].input}: the value given to the step wins over the one in ${file.name} (line ${set.line}).`
      )
  }
  const config = configFrom(
    key => fromFile(key)?.raw ?? inputs.value(key),
    key => {
      const v = fromFile(key)
      return v ? `${file!.name}:${v.line}: ${INPUTS[key].input}` : inputs.source(key)
    },
    base
  )
  return { config, file, notes }
}
