import * as path from 'node:path'
import { DEFAULT_CONFIG_FILE } from '../core/constants.js'
import { ConfigError } from '../core/errors.js'
import { forbiddenUserVariable } from '../environment/child-env.js'
import { type WheelPlatform } from '../knowledge/index-types.js'
import { parseRequirementLine } from '../requirements/line.js'
import { evaluateMarker } from '../requirements/markers.js'
import { type BaselineChoice, type ConfigFileChoice, type ModelSelection } from './types.js'

// Every parser takes the value as written and `source`, the input or flag it came from, which each error names.

/** Splits a multi-line input: one entry per line, blank lines and `#` comment lines ignored. */
export function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'))
}

/** One of a fixed set of words, any case; '' gives `fallback`. */
export function parseChoice<T extends string>(value: string, choices: readonly T[], fallback: T, source: string): T {
  const v = (value.trim() || fallback).toLowerCase()
  if (!(choices as readonly string[]).includes(v))
    throw new ConfigError(`${source}: "${value}" is not one of ${choices.join(', ')}.`)
  return v as T
}

export function parseBoolean(value: string, source: string): boolean {
  const v = value.trim().toLowerCase()
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  throw new ConfigError(`${source}: "${value}" is not true or false.`)
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** KEY=VALUE lines. Values may be secrets: a line without `=` is named by its position, never by its text. */
export function parseEnv(lines: string[], source: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [i, line] of lines.entries()) {
    const eq = line.indexOf('=')
    if (eq <= 0) {
      throw new ConfigError(
        `${source}: entry ${i + 1} is not KEY=VALUE. Write one variable per line, e.g. TF_USE_LEGACY_KERAS=1.`
      )
    }
    const name = line.slice(0, eq).trim()
    if (!ENV_NAME.test(name)) {
      throw new ConfigError(
        `${source}: "${name}" is not a valid variable name (letters, digits and _, not starting with a digit).`
      )
    }
    const forbidden = forbiddenUserVariable(name)
    if (forbidden) throw new ConfigError(`${source}: ${forbidden}. Remove it from ${source}.`)
    env[name] = line.slice(eq + 1)
  }
  return env
}

/** GitHub stops any job after 6 hours; a longer limit only overflows timers (Node's cap is about 24.8 days). */
export const MAX_TIMEOUT_MINUTES = 360

export function parseTimeout(value: string, source: string, fallback: number): number {
  const raw = value.trim()
  if (raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) {
    throw new ConfigError(`${source}: "${value}" is not a positive number of minutes (e.g. 10 or 2.5).`)
  }
  if (n > MAX_TIMEOUT_MINUTES) {
    throw new ConfigError(
      `${source}: ${raw} minutes is more than ${MAX_TIMEOUT_MINUTES} (GitHub stops every job after 6 hours). Use a number of minutes up to ${MAX_TIMEOUT_MINUTES}.`
    )
  }
  return n
}

/**
 * The `models` input: no lines for auto, `none` for off, else paths or globs inside the working directory (an
 * absolute path or a `..` would read outside the repository: refused).
 */
export function parseModels(lines: string[], source: string): ModelSelection {
  if (lines.length === 0) return { mode: 'auto' }
  if (lines.some(l => l.toLowerCase() === 'none')) {
    if (lines.length > 1)
      throw new ConfigError(`${source}: "none" turns model loading off; it cannot be combined with paths.`)
    return { mode: 'off' }
  }
  const patterns = lines.map(l => l.replace(/\\/g, '/'))
  for (const p of patterns) {
    if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.split('/').includes('..'))
      throw new ConfigError(
        `${source}: "${p}" is outside the working directory. Give paths or globs relative to it (e.g. models/*.keras).`
      )
  }
  return { mode: 'list', patterns }
}

/**
 * The `smoke-command` input: one command line (a newline would be a second command: write them with && instead).
 */
export function parseSmokeCommand(raw: string, source: string): string {
  const command = raw.trim()
  if (/[\r\n]/.test(command))
    throw new ConfigError(
      `${source}: give one command line; join several commands with && (e.g. "pytest -x && python smoke.py").`
    )
  return command
}

const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

export function parseSmokeImports(lines: string[], source: string): string[] {
  for (const mod of lines) {
    if (!MODULE_NAME.test(mod)) {
      throw new ConfigError(
        `${source}: "${mod}" is not a Python module name (e.g. tensorflow_probability or mypkg.models).`
      )
    }
  }
  return lines
}

const EXTRA_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/

/** Extras and group names: comma- or newline-separated, each a valid name. */
export function parseNames(value: string, source: string): string[] {
  const names = value
    .split(/[,\n]/)
    .map(n => n.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!EXTRA_NAME.test(name)) throw new ConfigError(`${source}: "${name}" is not a valid extra or group name.`)
  }
  return names
}

// Every marker variable, so that evaluating a marker only fails when the marker itself cannot be read.
const MARKER_PROBE: Record<string, string> = Object.fromEntries(
  [
    'os_name',
    'sys_platform',
    'platform_machine',
    'platform_python_implementation',
    'platform_release',
    'platform_system',
    'platform_version',
    'python_version',
    'python_full_version',
    'implementation_name',
    'implementation_version'
  ].map(name => [name, name.includes('version') || name === 'platform_release' ? '3.11.0' : 'x'])
)

/**
 * Each extra package must be one requirement pip would accept: a name with an optional specifier and marker, or a
 * URL, read by the same parser as requirement lines. An option (`-i …`, `--index-url=…`) is refused: it would
 * reach the installer's command line.
 */
export function parseExtraPackages(lines: string[], source: string): string[] {
  for (const line of lines) {
    const refuse = (why: string) => new ConfigError(`${source}: "${line}" is not a requirement: ${why}.`)
    if (line.startsWith('-')) throw refuse('options are not accepted here, only one requirement per line')
    const parsed = parseRequirementLine(line)
    if (!parsed.ok) throw refuse(parsed.message)
    if (!parsed.value.name && !parsed.value.url) throw refuse('it names no package')
    if (parsed.value.marker && evaluateMarker(parsed.value.marker, MARKER_PROBE) === undefined)
      throw refuse(`the marker "${parsed.value.marker}" cannot be read`)
  }
  return lines
}

export function defaultPython(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'python' : 'python3'
}

// A bare OS name means its most common CI or desktop machine: Linux runners are x86-64, Macs are Apple silicon.
const PLATFORM_NAMES: Record<string, WheelPlatform> = {
  linux: 'linux-x86_64',
  'linux-x86_64': 'linux-x86_64',
  'linux-arm64': 'linux-aarch64',
  'linux-aarch64': 'linux-aarch64',
  macos: 'macos-arm64',
  'macos-arm64': 'macos-arm64',
  'macos-x86_64': 'macos-x86_64',
  windows: 'windows-x86_64',
  'windows-x86_64': 'windows-x86_64'
}

/** Platforms to judge the requirements for too: comma- or newline-separated, each once. */
export function parsePlatforms(value: string, source: string): WheelPlatform[] {
  const out: WheelPlatform[] = []
  for (const name of value
    .split(/[,\n]/)
    .map(n => n.trim().toLowerCase())
    .filter(Boolean)) {
    const platform = PLATFORM_NAMES[name]
    if (!platform) {
      const why =
        name === 'windows-arm64' ? ' (TensorFlow publishes no Windows arm64 wheels, so there is nothing to judge)' : ''
      throw new ConfigError(
        `${source}: "${name}" is not a platform keras-compat knows${why}. Use linux, macos or windows, each optionally ` +
          'with -x86_64 or -arm64 (linux = linux-x86_64, macos = macos-arm64, windows = windows-x86_64).'
      )
    }
    if (!out.includes(platform)) out.push(platform)
  }
  return out
}

/** A whole number from 1 to `max`; '' gives `fallback`. */
export function parseCount(value: string, source: string, fallback: number, max: number): number {
  const raw = value.trim()
  if (raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ConfigError(`${source}: "${value}" is not a whole number from 1 to ${max}.`)
  return n
}

// A revision git reads as one name: no option (a leading `-`), no range (`..`), no path (`:`), no reflog or peel
// syntax (`@{`, `^{`), no space.
const GIT_REVISION = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/~^+-]+$/

/** `none`, `auto`, or a git revision: a branch, a tag, a commit, or one of those with `~N` or `^`. */
export function parseBaseline(value: string, source: string): BaselineChoice {
  const v = value.trim()
  if (v === '' || v.toLowerCase() === 'none') return { kind: 'none' }
  if (v.toLowerCase() === 'auto') return { kind: 'auto' }
  if (!GIT_REVISION.test(v) || v.length > 200)
    throw new ConfigError(
      `${source}: "${value}" is not none, auto or a git revision (a branch such as origin/main, a tag, or a commit).`
    )
  return { kind: 'ref', ref: v }
}

/** The config file: the default one may be missing, a named one must exist (checked when it is read). */
export function parseConfigFile(value: string, base: string): ConfigFileChoice {
  const v = value.trim()
  return { path: path.resolve(base, v || DEFAULT_CONFIG_FILE), named: v !== '' && v !== DEFAULT_CONFIG_FILE }
}
