import * as path from 'node:path'
import {
  CACHE_CHOICES,
  COMMENT_CHOICES,
  DEFAULT_CONFIG_FILE,
  FAIL_ON_LEVELS,
  INSTALLER_CHOICES,
  MATRIX_PASS_CHOICES,
  VERIFY_FIX_CHOICES
} from '../core/constants.js'
import { parseVersionList, parseVersionRequest } from '../override/spec.js'
import {
  defaultPython,
  parseBaseline,
  parseBoolean,
  parseChoice,
  parseConfigFile,
  parseCount,
  parseEnv,
  parseExtraPackages,
  parseModels,
  parseNames,
  parsePlatforms,
  parseSmokeCommand,
  parseSmokeImports,
  parseTimeout,
  splitLines
} from './parse.js'
import { type Config } from './types.js'

/** How the command line takes an input: a flag, the positional DIR, or not at all (then it has a fixed value). */
export type CliForm =
  | { flag: string; arg?: string; repeatable?: boolean; boolean?: boolean }
  | { positional: string }
  | { fixed: string; why: string }

export interface InputRow<T> {
  /** The action input (action.yml), named in the action's errors. */
  input: string
  cli: CliForm
  /** The default as action.yml writes it ('' for none: the code's own default applies). */
  default: string
  /** One line for `--help`. */
  help: string
  /**
   * Reads the value as written (the action's input; the CLI's values of a repeatable flag joined by newlines),
   * `source` being the input or flag named in errors and `base` the folder relative paths start from.
   */
  read(raw: string, source: string, base: string): T
}

export const DEFAULT_TIMEOUT_MINUTES = 10
export const DEFAULT_MAX_VERSIONS = 5
/** Every TensorFlow minor the knowledge has fits under this. */
export const MAX_MAX_VERSIONS = 50

/**
 * The one table of inputs: the action reads it (config/action.ts), the command line is built from it (cli/args.ts:
 * its flags and its usage text), and the drift tests hold action.yml and the README to it.
 */
export const INPUTS: { [K in keyof Config]-?: InputRow<Config[K]> } = {
  workingDirectory: {
    input: 'working-directory',
    cli: { positional: 'DIR' },
    default: '.',
    help: 'directory of the repository (or the part of it) to check',
    read: (raw, _source, base) => path.resolve(base, raw.trim() || '.')
  },
  requirements: {
    input: 'requirements',
    cli: { flag: 'requirements', arg: 'FILE', repeatable: true },
    default: '',
    help: 'requirement file, relative to DIR (default requirements.txt or pyproject.toml)',
    read: raw => splitLines(raw)
  },
  python: {
    input: 'python',
    cli: { flag: 'python', arg: 'PATH' },
    default: '',
    help: `interpreter used to create the venv (default ${defaultPython()})`,
    read: raw => raw.trim() || defaultPython()
  },
  env: {
    input: 'env',
    cli: { flag: 'env', arg: 'KEY=VALUE', repeatable: true },
    default: '',
    help: 'variable for the install and the probe, e.g. TF_USE_LEGACY_KERAS=1',
    read: (raw, source) => parseEnv(splitLines(raw), source)
  },
  extraPackages: {
    input: 'extra-packages',
    cli: { flag: 'extra-package', arg: 'SPEC', repeatable: true },
    default: '',
    help: 'requirement added to the install',
    read: (raw, source) => parseExtraPackages(splitLines(raw), source)
  },
  smokeImports: {
    input: 'smoke-imports',
    cli: { flag: 'smoke-import', arg: 'MODULE', repeatable: true },
    default: '',
    help: 'module the probe imports too',
    read: (raw, source) => parseSmokeImports(splitLines(raw), source)
  },
  failOn: {
    input: 'fail-on',
    cli: { flag: 'fail-on', arg: 'LEVEL' },
    default: 'error',
    help: 'error | warning | never (default error)',
    read: (raw, source) => parseChoice(raw, FAIL_ON_LEVELS, 'error', source)
  },
  timeoutMinutes: {
    input: 'timeout-minutes',
    cli: { flag: 'timeout-minutes', arg: 'N' },
    default: String(DEFAULT_TIMEOUT_MINUTES),
    help: `probe time limit in minutes (default ${DEFAULT_TIMEOUT_MINUTES}, at most 360)`,
    read: (raw, source) => parseTimeout(raw, source, DEFAULT_TIMEOUT_MINUTES)
  },
  extras: {
    input: 'extras',
    cli: { flag: 'extra', arg: 'NAME', repeatable: true },
    default: '',
    help: 'optional dependencies of a pyproject project to include',
    read: (raw, source) => parseNames(raw, source)
  },
  groups: {
    input: 'groups',
    cli: { flag: 'group', arg: 'NAME', repeatable: true },
    default: '',
    help: 'dependency group to include',
    read: (raw, source) => parseNames(raw, source)
  },
  installer: {
    input: 'installer',
    cli: { flag: 'installer', arg: 'NAME' },
    default: 'auto',
    help: 'auto (uv if found or installable, else pip) | uv | pip (default auto)',
    read: (raw, source) => parseChoice(raw, INSTALLER_CHOICES, 'auto', source)
  },
  cache: {
    input: 'cache',
    // The Actions cache service does not exist on a laptop; the on-disk caches are used either way.
    cli: { fixed: 'false', why: 'the Actions cache service exists only on a runner' },
    default: 'auto',
    help: 'restore and save the installer cache with the Actions cache service',
    read: (raw, source) => parseChoice(raw, CACHE_CHOICES, 'auto', source)
  },
  tensorflowVersion: {
    input: 'tensorflow-version',
    cli: { flag: 'tensorflow-version', arg: 'V' },
    default: '',
    help: "replace the repository's TensorFlow pin (flavour kept): 2.16, 2.16.2, ~=2.17.0, latest, nightly",
    read: (raw, source) => parseVersionRequest(raw, source)
  },
  kerasVersion: {
    input: 'keras-version',
    cli: { flag: 'keras-version', arg: 'V' },
    default: '',
    help: "replace the repository's keras pin, same forms",
    read: (raw, source) => parseVersionRequest(raw, source)
  },
  legacyKeras: {
    input: 'legacy-keras',
    cli: { flag: 'legacy-keras', boolean: true },
    default: 'false',
    help: 'add the matching tf-keras and set TF_USE_LEGACY_KERAS=1',
    read: (raw, source) => parseBoolean(raw, source)
  },
  tensorflowVersions: {
    input: 'tensorflow-versions',
    cli: { flag: 'tensorflow-versions', arg: 'L' },
    default: '',
    help: 'one environment per version, e.g. "2.15, 2.17, latest" (at most 20); prints a matrix',
    read: (raw, source) => parseVersionList(raw, source)
  },
  matrixPass: {
    input: 'matrix-pass',
    cli: { flag: 'matrix-pass', arg: 'all|any' },
    default: 'all',
    help: 'matrix status: every version must pass (all, default) or one (any)',
    read: (raw, source) => parseChoice(raw, MATRIX_PASS_CHOICES, 'all', source)
  },
  allowOutsideWorkspace: {
    input: 'allow-outside-workspace',
    cli: { flag: 'allow-outside-workspace', boolean: true },
    default: 'false',
    help: 'let -r/-c includes read files outside DIR and the current directory',
    read: (raw, source) => parseBoolean(raw, source)
  },
  platforms: {
    input: 'platforms',
    cli: { flag: 'platform', arg: 'NAME', repeatable: true },
    default: '',
    help: 'also judge the requirements for linux, macos or windows (-x86_64 / -arm64), e.g. macos for a team on Apple silicon',
    read: (raw, source) => parsePlatforms(raw, source)
  },
  models: {
    input: 'models',
    cli: { flag: 'model', arg: 'GLOB', repeatable: true },
    default: '',
    help: 'model file or SavedModel folder to load, relative to DIR (default: found by form; none: off)',
    read: (raw, source) => parseModels(splitLines(raw), source)
  },
  smokeCommand: {
    input: 'smoke-command',
    cli: { flag: 'smoke-command', arg: 'CMD' },
    default: '',
    help: 'the repository\'s own smoke test, run in the venv after the probe, e.g. "python -m pytest -x -q"',
    read: (raw, source) => parseSmokeCommand(raw, source)
  },
  preflightOnly: {
    input: 'preflight-only',
    cli: { flag: 'preflight-only', boolean: true },
    default: 'false',
    help: 'judge the requirements statically: no venv, no install (well under a second)',
    read: (raw, source) => parseBoolean(raw, source)
  },
  verifyFix: {
    input: 'verify-fix',
    cli: { flag: 'verify-fix', arg: 'MODE' },
    default: 'install',
    help: 'how the fix plan is proven: install (fresh venv + smoke test, default), resolve (dry run), none',
    read: (raw, source) => parseChoice(raw, VERIFY_FIX_CHOICES, 'install', source)
  },
  comment: {
    input: 'comment',
    cli: { fixed: 'never', why: 'the command line posts no pull-request comment' },
    default: 'never',
    help: 'post the verdict on the pull request: never, on-failure, always',
    read: (raw, source) => parseChoice(raw, COMMENT_CHOICES, 'never', source)
  },
  githubToken: {
    input: 'github-token',
    // The action's default is the job's own token, which only the runner can expand.
    cli: { fixed: '', why: 'the command line calls no GitHub API' },
    default: '${{ github.token }}',
    help: 'token for the pull-request comment',
    read: raw => raw.trim()
  },
  configFile: {
    input: 'config-file',
    cli: { flag: 'config-file', arg: 'FILE' },
    default: DEFAULT_CONFIG_FILE,
    help: `inputs and ignore: entries in YAML (default ${DEFAULT_CONFIG_FILE} if present)`,
    read: (raw, _source, base) => parseConfigFile(raw, base)
  },
  baseline: {
    input: 'baseline',
    cli: { flag: 'baseline', arg: 'REF' },
    default: 'none',
    help: 'only findings new since this git revision fail (none, auto: the pull request base, or a revision)',
    read: (raw, source) => parseBaseline(raw, source)
  },
  maxVersions: {
    input: 'max-versions',
    cli: { flag: 'max-versions', arg: 'N' },
    default: String(DEFAULT_MAX_VERSIONS),
    help: `at most N TensorFlow versions in the tensorflow-matrix output (default ${DEFAULT_MAX_VERSIONS})`,
    read: (raw, source) => parseCount(raw, source, DEFAULT_MAX_VERSIONS, MAX_MAX_VERSIONS)
  }
}

export type ConfigKey = keyof Config

export const CONFIG_KEYS = Object.keys(INPUTS) as ConfigKey[]

/** Reads every row with `value` giving each row's raw text and `source` its name in errors. */
export function configFrom(
  value: (key: ConfigKey) => string,
  source: (key: ConfigKey) => string,
  base: string
): Config {
  const out: Record<string, unknown> = {}
  for (const key of CONFIG_KEYS) out[key] = (INPUTS[key] as InputRow<unknown>).read(value(key), source(key), base)
  // Complete by construction: INPUTS has a row for every key of Config (its type says so).
  return out as unknown as Config
}
