import { shlexSplit } from './shlex.js'

/**
 * The options part of a requirements-file line, parsed as pip 25 parses it (`break_args_options`, `shlex.split`,
 * then optparse over pip's option table): everything from the first space-separated word that starts with `-` is
 * options; long options may be abbreviated to any unique prefix; short ones take their value attached (`-rfile`)
 * or as the next word; words that are not options are ignored; an unknown, ambiguous or malformed option is an
 * error for the whole line.
 */
export interface LineOptions {
  requirements: string[]
  constraints: string[]
  editables: string[]
  /** Whether any option other than -r/-c/-e was given (for lines kept as installer options). */
  other: boolean
}

export type OptionsResult = { ok: true; options: LineOptions } | { ok: false; message: string }

type Kind = 'value' | 'flag'
interface OptionSpec {
  names: string[]
  kind: Kind
  dest?: 'requirements' | 'constraints' | 'editables'
  check?: (value: string, name: string) => string | undefined
}

const FEATURES = ['fast-deps', 'build-constraint', 'truststore', 'no-binary-enable-wheel-cache']

// pip 25's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ (pip/_internal/req/req_file.py, cli/cmdoptions.py).
const OPTIONS: OptionSpec[] = [
  { names: ['-i', '--index-url', '--pypi-url'], kind: 'value' },
  { names: ['--extra-index-url'], kind: 'value' },
  { names: ['--no-index'], kind: 'flag' },
  { names: ['-c', '--constraint'], kind: 'value', dest: 'constraints' },
  { names: ['-r', '--requirement'], kind: 'value', dest: 'requirements' },
  { names: ['-e', '--editable'], kind: 'value', dest: 'editables' },
  { names: ['-f', '--find-links'], kind: 'value' },
  { names: ['--no-binary'], kind: 'value', check: binaryValue },
  { names: ['--only-binary'], kind: 'value', check: binaryValue },
  { names: ['--prefer-binary'], kind: 'flag' },
  { names: ['--require-hashes'], kind: 'flag' },
  { names: ['--pre'], kind: 'flag' },
  { names: ['--trusted-host'], kind: 'value' },
  {
    names: ['--use-feature'],
    kind: 'value',
    check: (v, name) =>
      FEATURES.includes(v) ? undefined : `option ${name}: invalid choice: '${v}' (choose from ${FEATURES.join(', ')})`
  },
  { names: ['--hash'], kind: 'value', check: hashValue },
  { names: ['-C', '--config-settings'], kind: 'value', check: configValue }
]

function binaryValue(value: string): string | undefined {
  return value.startsWith('-') ? '--no-binary / --only-binary option requires 1 argument.' : undefined
}

function hashValue(value: string, name: string): string | undefined {
  const colon = value.indexOf(':')
  if (colon < 0) return `Arguments to ${name} must be a hash name followed by a value, like --hash=sha256:abcde...`
  const algo = value.slice(0, colon)
  return ['sha256', 'sha384', 'sha512'].includes(algo)
    ? undefined
    : `Allowed hash algorithms for ${name} are sha256, sha384, sha512.`
}

function configValue(value: string, name: string): string | undefined {
  return value.includes('=') ? undefined : `Arguments to ${name} must be of the form KEY=VAL`
}

const SHORT = new Map(OPTIONS.flatMap(o => o.names.filter(n => !n.startsWith('--')).map(n => [n, o] as const)))
const LONG = new Map(OPTIONS.flatMap(o => o.names.filter(n => n.startsWith('--')).map(n => [n, o] as const)))

/** pip's break_args_options: split at single spaces; options start at the first word that starts with `-`. */
export function breakArgsOptions(line: string): { args: string; options: string } {
  const tokens = line.split(' ')
  const first = tokens.findIndex(t => t.startsWith('-'))
  if (first < 0) return { args: line, options: '' }
  return { args: tokens.slice(0, first).join(' '), options: tokens.slice(first).join(' ') }
}

/** optparse's long-option lookup: an exact name, else the one name it is a prefix of. */
function matchLong(opt: string): { ok: true; name: string } | { ok: false; message: string } {
  if (LONG.has(opt)) return { ok: true, name: opt }
  const candidates = [...LONG.keys()].filter(n => n.startsWith(opt))
  if (candidates.length === 1) return { ok: true, name: candidates[0] }
  if (candidates.length === 0) return { ok: false, message: `no such option: ${opt}` }
  return { ok: false, message: `ambiguous option: ${opt} (${candidates.join(', ')}?)` }
}

interface State {
  words: string[]
  /** The next word to read. */
  at: number
  options: LineOptions
}

function nextWord(state: State): string | undefined {
  return state.at < state.words.length ? state.words[state.at++] : undefined
}

function apply(state: State, spec: OptionSpec, name: string, value: string | undefined): string | undefined {
  if (value === undefined) {
    state.options.other = true
    return undefined
  }
  const problem = spec.check?.(value, name)
  if (problem) return problem
  if (spec.dest) state.options[spec.dest].push(value)
  else state.options.other = true
  return undefined
}

function longOption(state: State, word: string): string | undefined {
  const eq = word.indexOf('=')
  const matched = matchLong(eq < 0 ? word : word.slice(0, eq))
  if (!matched.ok) return matched.message
  const spec = LONG.get(matched.name)!
  if (spec.kind === 'flag') {
    return eq >= 0 ? `${matched.name} option does not take a value` : apply(state, spec, matched.name, undefined)
  }
  const value = eq >= 0 ? word.slice(eq + 1) : nextWord(state)
  if (value === undefined) return `${matched.name} option requires 1 argument`
  return apply(state, spec, matched.name, value)
}

function shortOption(state: State, word: string): string | undefined {
  const name = `-${word[1]}`
  const spec = SHORT.get(name)
  if (!spec) return `no such option: ${name}`
  // Every short option pip takes in a file has a value: the rest of the word, else the next word.
  const value = word.length > 2 ? word.slice(2) : nextWord(state)
  if (value === undefined) return `${name} option requires 1 argument`
  return apply(state, spec, name, value)
}

/** Parses the options part of a line (after break_args_options) as pip's per-line option parser does. */
export function parseOptions(text: string): OptionsResult {
  const options: LineOptions = { requirements: [], constraints: [], editables: [], other: false }
  if (text === '') return { ok: true, options }
  const split = shlexSplit(text)
  if (!split.ok) return { ok: false, message: `Could not split options: ${split.message}` }
  const state: State = { words: split.words, at: 0, options }
  for (let word = nextWord(state); word !== undefined; word = nextWord(state)) {
    if (word === '--') break
    let problem: string | undefined
    if (word.startsWith('--')) problem = longOption(state, word)
    else if (word.startsWith('-') && word.length > 1) problem = shortOption(state, word)
    if (problem) return { ok: false, message: problem }
  }
  return { ok: true, options }
}
