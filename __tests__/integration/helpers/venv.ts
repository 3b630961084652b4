// Real venvs for tests that need a library to make something (model files, error texts): made by keras-compat's
// own uv, with the shared download cache, so a second run costs seconds.
import * as path from 'node:path'
import { cacheDirs } from '../../../src/environment/cache-dirs.js'
import { childBaseEnv } from '../../../src/environment/child-env.js'
import { type Installer } from '../../../src/install/installer.js'
import { selectInstaller } from '../../../src/install/select.js'
import { nodeProcessRunner } from '../../../src/util/process.js'
import { scratchDir } from '../../helpers/scratch.js'

let uv: Promise<Installer> | undefined

function installer(): Promise<Installer> {
  uv ??= selectInstaller(nodeProcessRunner, {
    choice: 'uv',
    python: 'python3',
    dirs: cacheDirs(),
    env: childBaseEnv(process.env)
  }).then(s => {
    if (!s.installer) throw new Error(`no uv for the test venvs: ${s.note}`)
    return s.installer
  })
  return uv
}

/** A fresh venv with `packages` installed; returns its interpreter. */
export async function venvWith(packages: string[]): Promise<string> {
  const uvInstaller = await installer()
  const dir = path.join(scratchDir('test-venv'), 'venv')
  const env = { ...childBaseEnv(process.env), VIRTUAL_ENV: dir }
  const venv = await uvInstaller.createVenv({ interpreter: 'python3', dir, seedWheel: '', env })
  if (!venv.ok) throw new Error(`venv: ${venv.error ?? venv.log}`)
  const result = await uvInstaller.install({
    python: venv.python,
    files: [],
    projectDir: '',
    projectExtras: [],
    extraPackages: packages,
    env,
    cwd: path.dirname(dir),
    timeoutMs: 20 * 60_000
  })
  if (!result.ok) throw new Error(`install ${packages.join(' ')}: ${result.log.slice(-2000)}`)
  return venv.python
}

/** Runs a script of the repository with a venv's Python; its stdout. */
export async function runIn(python: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await nodeProcessRunner.run(python, args, {
    // TensorFlow writes autograph files to the temporary folder: a fresh one, not the machine's /tmp.
    env: {
      ...childBaseEnv(process.env),
      TF_CPP_MIN_LOG_LEVEL: '3',
      TMPDIR: scratchDir('test-tmp'),
      ...env
    },
    timeoutMs: 10 * 60_000
  })
  if (result.exitCode !== 0) throw new Error(`${args.join(' ')}: ${result.stderr.slice(-2000)}`)
  return result.stdout
}
