import * as path from 'node:path'
import {
  Config,
  defaultPython,
  parseBoolean,
  parseCache,
  parseEnv,
  parseExtraPackages,
  parseFailOn,
  parseInstaller,
  parseMatrixPass,
  parseNames,
  parseSmokeImports,
  parseTimeout,
  splitLines
} from './parse.js'
import { Inputs } from '../core/constants.js'
import { parseVersionList, parseVersionRequest } from '../override/spec.js'

/** Reads one input by name ('' when unset): core.getInput on a runner, a plain map in tests. */
export type InputGetter = (name: string) => string

/** Reads and validates every input once. `base` is where a relative working-directory starts (the workspace). */
export function readConfig(get: InputGetter, base: string): Config {
  return {
    workingDirectory: path.resolve(base, get(Inputs.WorkingDirectory).trim() || '.'),
    requirements: splitLines(get(Inputs.Requirements)),
    python: get(Inputs.Python).trim() || defaultPython(),
    env: parseEnv(splitLines(get(Inputs.Env))),
    extraPackages: parseExtraPackages(splitLines(get(Inputs.ExtraPackages))),
    smokeImports: parseSmokeImports(splitLines(get(Inputs.SmokeImports))),
    failOn: parseFailOn(get(Inputs.FailOn)),
    timeoutMinutes: parseTimeout(get(Inputs.TimeoutMinutes)),
    extras: parseNames(get(Inputs.Extras), Inputs.Extras),
    groups: parseNames(get(Inputs.Groups), Inputs.Groups),
    preflightOnly: parseBoolean(get(Inputs.PreflightOnly), Inputs.PreflightOnly),
    installer: parseInstaller(get(Inputs.Installer)),
    cache: parseCache(get(Inputs.Cache)),
    tensorflowVersion: parseVersionRequest(get(Inputs.TensorflowVersion), Inputs.TensorflowVersion),
    kerasVersion: parseVersionRequest(get(Inputs.KerasVersion), Inputs.KerasVersion),
    legacyKeras: parseBoolean(get(Inputs.LegacyKeras), Inputs.LegacyKeras),
    tensorflowVersions: parseVersionList(get(Inputs.TensorflowVersions), Inputs.TensorflowVersions),
    matrixPass: parseMatrixPass(get(Inputs.MatrixPass)),
    allowOutsideWorkspace: parseBoolean(get(Inputs.AllowOutsideWorkspace), Inputs.AllowOutsideWorkspace)
  }
}
