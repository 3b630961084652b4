import { ConfigError } from '../core/errors.js'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import {
  Config,
  defaultPython,
  parseEnv,
  parseExtraPackages,
  parseFailOn,
  parseInstaller,
  parseMatrixPass,
  parseNames,
  parseSmokeImports,
  parseTimeout
} from '../config/parse.js'
import { parseVersionList, parseVersionRequest } from '../override/spec.js'
import { errorMessage } from '../core/errors.js'

export interface CliOptions {
  config: Config
  json: boolean
  verbose: boolean
  help: boolean
}

export const USAGE = `Usage: keras-compat [DIR] [options]

Checks that TensorFlow and Keras work with the requirements in DIR (default: .).

Options:
  --requirements FILE     requirement file, relative to DIR (repeatable; default requirements.txt or pyproject.toml)
  --python PATH           interpreter used to create the venv (default ${defaultPython()})
  --env KEY=VALUE         variable for the install and the probe (repeatable), e.g. TF_USE_LEGACY_KERAS=1
  --extra-package SPEC    requirement added to the install (repeatable)
  --smoke-import MODULE   module the probe imports too (repeatable)
  --fail-on LEVEL         error | warning | never (default error)
  --timeout-minutes N     probe time limit (default 10)
  --extra NAME            optional dependencies of a pyproject project to include (repeatable)
  --group NAME            dependency group to include (repeatable)
  --installer NAME        auto (uv if found or installable, else pip) | uv | pip (default auto)
  --tensorflow-version V  replace the repository's TensorFlow pin (flavour kept): 2.16, 2.16.2, ~=2.17.0, latest, nightly
  --keras-version V       replace the repository's keras pin, same forms
  --legacy-keras          add the matching tf-keras and set TF_USE_LEGACY_KERAS=1
  --tensorflow-versions L one environment per version, e.g. "2.15, 2.17, latest"; prints a matrix
  --matrix-pass all|any   matrix status: every version must pass (all, default) or one (any)
  --allow-outside-workspace  let -r/-c includes read files outside DIR and the current directory
  --preflight-only        judge the requirements statically: no venv, no install (well under a second)
  --json                  print the JSON report instead of the text report
  --verbose               show the installer's and the probe's output
  -h, --help              show this help

Exit codes: 0 status below --fail-on, 1 status at or above it, 2 usage or configuration error.`

/** Parses the command line into the same Config the action reads from its inputs. */
export function parseCli(argv: string[], cwd: string): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        requirements: { type: 'string', multiple: true },
        python: { type: 'string' },
        env: { type: 'string', multiple: true },
        'extra-package': { type: 'string', multiple: true },
        'smoke-import': { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        'timeout-minutes': { type: 'string' },
        extra: { type: 'string', multiple: true },
        group: { type: 'string', multiple: true },
        'preflight-only': { type: 'boolean' },
        installer: { type: 'string' },
        'tensorflow-version': { type: 'string' },
        'keras-version': { type: 'string' },
        'legacy-keras': { type: 'boolean' },
        'tensorflow-versions': { type: 'string' },
        'matrix-pass': { type: 'string' },
        'allow-outside-workspace': { type: 'boolean' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new ConfigError(`${errorMessage(error)}\n\n${USAGE}`)
  }
  const { values, positionals } = parsed
  if (positionals.length > 1) throw new ConfigError(`expected one directory, got: ${positionals.join(' ')}\n\n${USAGE}`)
  return {
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
    config: {
      workingDirectory: path.resolve(cwd, positionals[0] ?? '.'),
      requirements: values.requirements ?? [],
      python: values.python || defaultPython(),
      env: parseEnv(values.env ?? [], '--env'),
      extraPackages: parseExtraPackages(values['extra-package'] ?? [], '--extra-package'),
      smokeImports: parseSmokeImports(values['smoke-import'] ?? [], '--smoke-import'),
      failOn: parseFailOn(values['fail-on'] ?? '', '--fail-on'),
      timeoutMinutes: parseTimeout(values['timeout-minutes'] ?? '', '--timeout-minutes'),
      extras: parseNames((values.extra ?? []).join(','), '--extra'),
      groups: parseNames((values.group ?? []).join(','), '--group'),
      preflightOnly: values['preflight-only'] ?? false,
      installer: parseInstaller(values.installer ?? '', '--installer'),
      // The Actions cache service does not exist on a laptop; the on-disk caches are used either way.
      cache: 'false',
      tensorflowVersion: parseVersionRequest(values['tensorflow-version'] ?? '', '--tensorflow-version'),
      kerasVersion: parseVersionRequest(values['keras-version'] ?? '', '--keras-version'),
      legacyKeras: values['legacy-keras'] ?? false,
      tensorflowVersions: parseVersionList(values['tensorflow-versions'] ?? '', '--tensorflow-versions'),
      matrixPass: parseMatrixPass(values['matrix-pass'] ?? '', '--matrix-pass'),
      allowOutsideWorkspace: values['allow-outside-workspace'] ?? false
    }
  }
}
