import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CONFIG_KEYS, configFrom, type ConfigKey, INPUTS } from '../config/inputs.js'
import { type Config } from '../config/types.js'
import { ConfigError, errorMessage } from '../core/errors.js'

export interface CliOptions {
  config: Config
  json: boolean
  verbose: boolean
  help: boolean
  /** Write the fix plan into the requirement files (the action never edits). */
  fix: boolean
  /** With fix: print the plan as a patch instead. */
  dryRun: boolean
}

/** The CLI's exit codes: scripts tell "you misused me" from "I broke". */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const

/** Options of the command line alone (no action input behind them). */
const CLI_ONLY = [
  { flag: 'json', help: 'print the JSON report instead of the text report' },
  { flag: 'verbose', help: "show the installer's and the probe's output" },
  { flag: 'fix', help: 'write the fix plan into the requirement files (never when its proof failed)' },
  { flag: 'dry-run', help: 'with --fix: print the fix plan as a patch (git apply) instead of writing it' },
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
    ...CLI_ONLY.map(o => [`${o.short ? `-${o.short}, ` : ''}--${o.flag}`, o.help])
  ]
  const width = Math.max(...rows.map(([l]) => l.length)) + 2
  return [
    'Usage: keras-compat [DIR] [options]',
    '',
    'Checks that TensorFlow and Keras work with the requirements in DIR (default: .).',
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
  ...CLI_ONLY.map(o => [o.flag, { type: 'boolean', ...(o.short ? { short: o.short } : {}) }])
])

/** What the command line gave for one input, as the action would get it (repeated values one per line). */
function rawValue(key: ConfigKey, values: Record<string, unknown>, positionals: string[]): string {
  const cli = INPUTS[key].cli
  if ('positional' in cli) return positionals[0] ?? ''
  if ('fixed' in cli) return cli.fixed
  const v = values[cli.flag]
  if (Array.isArray(v)) return v.join('\n')
  if (typeof v === 'boolean') return String(v)
  return typeof v === 'string' ? v : ''
}

function sourceOf(key: ConfigKey): string {
  const cli = INPUTS[key].cli
  return 'flag' in cli ? `--${cli.flag}` : 'positional' in cli ? cli.positional : INPUTS[key].input
}

/** Parses the command line into the same Config the action reads from its inputs, from the same table. */
export function parseCli(argv: string[], cwd: string): CliOptions {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (error) {
    throw new ConfigError(`${errorMessage(error)}\n\n${USAGE}`)
  }
  const { positionals } = parsed
  const values = parsed.values as Record<string, unknown>
  if (positionals.length > 1) throw new ConfigError(`expected one directory, got: ${positionals.join(' ')}\n\n${USAGE}`)
  const config = configFrom(key => rawValue(key, values, positionals), sourceOf, cwd)
  const fix = values.fix === true
  if (values['dry-run'] === true && !fix)
    throw new ConfigError('--dry-run goes with --fix: --fix --dry-run prints the patch.')
  if (fix && config.tensorflowVersions.length > 0)
    throw new ConfigError('--fix applies the plan of one environment: leave out --tensorflow-versions.')
  return {
    json: values.json === true,
    verbose: values.verbose === true,
    help: values.help === true,
    fix,
    dryRun: values['dry-run'] === true,
    config
  }
}
