import { existsSync } from 'node:fs'
import { type InstallerChoice } from '../core/constants.js'
import * as path from 'node:path'
import { executableName, pathEntries, pathsFor, scriptsDir } from '../util/platform-paths.js'
import { type CacheDirs } from '../environment/cache-dirs.js'
import { type ProcessRunner } from '../util/process.js'
import { type Installer } from './installer.js'
import { pipInstaller } from './pip.js'
import { uvInstaller } from './uv.js'
import { BOOTSTRAP_TIMEOUT_MS, VERSION_TIMEOUT_MS } from '../core/timeouts.js'

/** The uv release keras-compat bootstraps when none is on PATH (a wheel on the package index). */
export const UV_VERSION = '0.13.9'

export interface SelectOptions {
  choice: InstallerChoice
  /** The interpreter the venv is made from; its pip bootstraps uv and drives pip installs. */
  python: string
  dirs: CacheDirs
  env: NodeJS.ProcessEnv
}

export interface Selected {
  installer?: Installer
  /** Why this installer, or why none could be had. */
  note: string
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exe = executableName(name)
  return pathEntries(env.PATH ?? env.Path)
    .map(d => path.join(d, exe))
    .find(f => existsSync(f))
}

/** Where `pip install --target DIR uv` puts the uv binary: the home scheme's scripts folder (Scripts on Windows). */
export function bootstrappedUv(dir: string, platform: NodeJS.Platform = process.platform): string {
  return pathsFor(platform).join(scriptsDir(dir, platform), executableName('uv', platform))
}

async function version(
  runner: ProcessRunner,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<string | undefined> {
  const result = await runner.run(command, args, { env, timeoutMs: VERSION_TIMEOUT_MS })
  if (result.exitCode !== 0) return undefined
  return /(\d+\.\d+(\.\d+)?)/.exec(result.stdout + result.stderr)?.[1]
}

/** uv from PATH, else the pinned wheel installed once into keras-compat's tool folder (never the user's environment). */
async function findUv(
  runner: ProcessRunner,
  options: SelectOptions
): Promise<{ uv: string; version: string } | string> {
  const fromPath = onPath('uv', options.env)
  if (fromPath) {
    const v = await version(runner, fromPath, ['--version'], options.env)
    if (v) return { uv: fromPath, version: v }
  }
  const dir = path.join(options.dirs.tools, `uv-${UV_VERSION}`)
  const bin = bootstrappedUv(dir)
  if (!existsSync(bin)) {
    const args = [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--no-deps',
      '--target',
      dir,
      `uv==${UV_VERSION}`
    ]
    const result = await runner.run(options.python, args, {
      env: { ...options.env, PIP_CACHE_DIR: options.dirs.pip },
      timeoutMs: BOOTSTRAP_TIMEOUT_MS
    })
    if (result.exitCode !== 0 || !existsSync(bin))
      return `could not install uv ${UV_VERSION} with ${options.python} -m pip: ${(result.stderr || result.stdout).trim().slice(-300)}`
  }
  const v = await version(runner, bin, ['--version'], options.env)
  return v ? { uv: bin, version: v } : `the bootstrapped uv at ${bin} does not run`
}

/** pip driven from outside the venv needs pip 22.3+ (`--python`); older or missing: the venv gets its own pip. */
async function pip(runner: ProcessRunner, options: SelectOptions): Promise<Installer> {
  const v = await version(runner, options.python, ['-m', 'pip', '--version'], options.env)
  const [major, minor] = (v ?? '0.0').split('.').map(Number)
  const outside = v !== undefined && (major > 22 || (major === 22 && minor >= 3))
  return pipInstaller(runner, { host: outside ? options.python : '', version: v ?? '', cacheDir: options.dirs.pip })
}

export async function selectInstaller(runner: ProcessRunner, options: SelectOptions): Promise<Selected> {
  if (options.choice === 'pip') return { installer: await pip(runner, options), note: 'pip (installer: pip)' }
  const uv = await findUv(runner, options)
  if (typeof uv !== 'string') {
    return { installer: uvInstaller(runner, { ...uv, cacheDir: options.dirs.uv }), note: `uv ${uv.version} (${uv.uv})` }
  }
  if (options.choice === 'uv')
    return {
      note: `installer: uv was asked for, but ${uv}. Put uv on PATH (e.g. astral-sh/setup-uv) or use installer: pip.`
    }
  return { installer: await pip(runner, options), note: `pip, because ${uv}` }
}
