import { statSync } from 'node:fs'
import * as path from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CONFIG_KEYS, configFrom, type ConfigKey, INPUTS } from '../config/inputs.js'
import { readSettings, type Settings } from '../config/settings.js'
import { type Config } from '../config/types.js'
import { ConfigError, errorMessage } from '../core/errors.js'

export interface CliOptions {
  config: Config
  /** The config with the config file it was layered on, and the notes about which side won. */
  settings: Settings
  /**
   * Requirement files given as arguments (as pre-commit passes the changed ones): each is checked on its own, as
   * each may be installed on its own. Empty when a directory (or nothing) was given.
   */
  files: string[]
  /** Where to write the SARIF file ('' for nowhere). */
  sarif: string
  /** Write the fix plan into the requirement files (the action never edits). */
  fix: boolean
  /** With fix: print the plan as a patch instead. */
  dryRun: boolean
  json: boolean
  verbose: boolean
  help: boolean
}

/** The CLI's exit codes: scripts tell "you misused me" from "I broke". */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const

/** Options of the command line alone (no action input behind them). */
const CLI_ONLY: { flag: string; help: string; short?: string; arg?: string }[] = [
  { flag: 'sarif', arg: 'FILE', help: 'also write the findings as SARIF 2.1.0 (code scanning) to FILE' },
  { flag: 'fix', help: 'write the fix plan into the requirement files (never when its proof failed)' },
  { flag: 'dry-run', help: 'with --fix: print the fix plan as a patch (git apply) instead of writing it' },
  { flag: 'json', help: 'print the JSON report instead of the text report' },
  { flag: 'verbose', help: "show the installer's and the probe's output" },
  { flag: 'help', short: 'h', help: 'show this help' }
]

const flagRows = CONFIG_KEYS.flatMap(key => {
  const cli = INPUTS[key].cli
  return 'flag' in cli ? [{ key, ...cli, help: INPUTS[key].help }] : []
})

function usage(): string {
  const left = (r: (typeof flagRows)[number]) => `--${r.flag}${r.arg ? ` ${r.arg}` : ''}`
  const rows = [
    ...flagRows.map(r => [left(r), `${r.help}${r.repeatable ? ' (repeatable)' : ''}`]),
    ...CLI_ONLY.map(o => [`${o.short ? `-${o.short}, ` : ''}--${o.flag}${o.arg ? ` ${o.arg}` : ''}`, o.help])
  ]
  const width = Math.max(...rows.map(([l]) => l.length)) + 2
  return [
    'Usage: keras-compat [DIR] [options]',
    '       keras-compat FILE... [options]',
    '',
    'Checks that TensorFlow and Keras work with the requirements in DIR (default: .), or with each requirement file',
    'given (each on its own, from the current directory: what a pre-commit hook passes).',
    '',
    'Options:',
    ...rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`),
    '',
    `Exit codes: ${EXIT.ok} status below --fail-on, ${EXIT.failed} status at or above it, ${EXIT.usage} usage or ` +
      `configuration error, ${EXIT.internal} internal error (a bug: please report it).`
  ].join('\n')
}

export const USAGE = usage()

const OPTIONS: ParseArgsConfig['options'] = Object.fromEntries([
  ...flagRows.map(r => [r.flag, { type: r.boolean ? 'boolean' : 'string', multiple: Boolean(r.repeatable) }]),
  ...CLI_ONLY.map(o => [o.flag, { type: o.arg ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) }])
])

/** What the command line gave for one input, as the action would get it (repeated values one per line). */
function rawValue(key: ConfigKey, values: Record<string, unknown>, dir: string): string {
  const cli = INPUTS[key].cli
  if ('positional' in cli) return dir
  if ('fixed' in cli) return cli.fixed
  const v = values[cli.flag]
  if (Array.isArray(v)) return v.join('\n')
  if (typeof v === 'boolean') return String(v)
  return typeof v === 'string' ? v : ''
}

function given(key: ConfigKey, values: Record<string, unknown>, dir: string): boolean {
  const cli = INPUTS[key].cli
  if ('positional' in cli) return dir !== ''
  return 'flag' in cli && values[cli.flag] !== undefined
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** The positionals as one DIR, or as requirement files (several, or one that is a file). */
function splitPositionals(positionals: string[], cwd: string): { dir: string; files: string[] } {
  if (positionals.length === 1 && !isFile(path.resolve(cwd, positionals[0]))) return { dir: positionals[0], files: [] }
  if (positionals.length === 0) return { dir: '', files: [] }
  const notFiles = positionals.filter(p => !isFile(path.resolve(cwd, p)))
  if (notFiles.length > 0)
    throw new ConfigError(`expected one directory, or requirement files; not files: ${notFiles.join(' ')}\n\n${USAGE}`)
  return { dir: '', files: positionals }
}

function sourceOf(key: ConfigKey): string {
  const cli = INPUTS[key].cli
  return 'flag' in cli ? `--${cli.flag}` : 'positional' in cli ? cli.positional : INPUTS[key].input
}

/** --fix applies the plan of one environment: never with a matrix or several files; --dry-run only with --fix. */
function checkFixFlags(fix: boolean, dryRun: boolean, config: Config, files: string[]): void {
  if (dryRun && !fix) throw new ConfigError('--dry-run goes with --fix: --fix --dry-run prints the patch.')
  if (fix && config.tensorflowVersions.length > 0)
    throw new ConfigError('--fix applies the plan of one environment: leave out --tensorflow-versions.')
  if (fix && files.length > 1)
    throw new ConfigError('--fix applies the plan of one environment: give one directory or one requirement file.')
}

/** Parses the command line into the same Config the action reads from its inputs, from the same table. */
export function parseCli(argv: string[], cwd: string): CliOptions {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    throw new ConfigError(`${errorMessage(error)}\n\n${USAGE}`)
  }
  const values = parsed.values as Record<string, unknown>
  const { dir, files } = splitPositionals(parsed.positionals, cwd)
  if (files.length > 0 && values.requirements !== undefined)
    throw new ConfigError(`give requirement files either as arguments or with --requirements, not both.\n\n${USAGE}`)
  const inputs = {
    value: (key: ConfigKey) => rawValue(key, values, dir),
    given: (key: ConfigKey) => given(key, values, dir) || (key === 'requirements' && files.length > 0),
    source: sourceOf
  }
  // --help reads no config file: help must work in a folder whose config file is broken.
  const settings: Settings =
    values.help === true ? { config: configFrom(inputs.value, sourceOf, cwd), notes: [] } : readSettings(inputs, cwd)
  const fix = values.fix === true
  checkFixFlags(fix, values['dry-run'] === true, settings.config, files)
  return {
    fix,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    verbose: values.verbose === true,
    help: values.help === true,
    sarif: typeof values.sarif === 'string' ? path.resolve(cwd, values.sarif) : '',
    files,
    settings,
    config: settings.config
  }
}
