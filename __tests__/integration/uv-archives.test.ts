// The saved installer cache keeps only what this run's venvs held (install/uv-archives.ts), against real uv and its
// real cache: the layout it relies on is uv's, the venvs are real, and a pruned cache must still install.
import { describe, expect, it, jest } from '@jest/globals'
import { readdirSync } from 'node:fs'
import * as path from 'node:path'
import { pruneUvArchives, usedKey } from '../../src/install/uv-archives.js'
import { childBaseEnv } from '../../src/environment/child-env.js'
import { readInterpreter } from '../../src/environment/interpreter.js'
import { installedPackages } from '../../src/install/installed.js'
import { type Installer } from '../../src/install/installer.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'
import { repoWith } from './helpers/runner.js'
import { uvWithCache } from './helpers/uv.js'

jest.setTimeout(5 * 60_000)

const env = childBaseEnv(process.env)

/** A fresh venv with these requirements installed by uv (offline: from the cache alone); its python, or undefined. */
async function venvWith(installer: Installer, requirements: string, offline = false): Promise<string | undefined> {
  const reading = await readInterpreter(nodeProcessRunner, 'python3', env)
  const dir = path.join(scratchDir('uv-archives-venv'), 'venv')
  const venv = await installer.createVenv({ interpreter: reading.info!.executable, dir, seedWheel: '', env })
  expect(venv.ok).toBe(true)
  const repo = repoWith(requirements)
  const result = await installer.install({
    python: venv.python,
    files: [path.join(repo, 'requirements.txt')],
    projectDir: '',
    projectExtras: [],
    extraPackages: [],
    env,
    cwd: repo,
    timeoutMs: 4 * 60_000,
    offline
  })
  return result.ok ? venv.python : undefined
}

describe("uv's cache trimmed to what the run installed", () => {
  it('drops the unpacked wheels of packages no venv held; the kept ones install offline, the dropped ones again online', async () => {
    const cache = scratchDir('uv-archives-cache')
    const installer = await uvWithCache(cache)
    // An earlier run's package (idna) and this run's (six), in one cache, as a restored entry would have them.
    expect(await venvWith(installer, 'idna==3.10\n')).toBeDefined()
    const ours = await venvWith(installer, 'six==1.17.0\n')
    expect(ours).toBeDefined()
    const used = new Set(installedPackages(ours!).map(p => usedKey(p.key, p.version)))
    expect(used).toEqual(new Set(['six==1.17.0']))
    const before = readdirSync(path.join(cache, 'archive-v0'))
    expect(before).toHaveLength(2)

    expect(pruneUvArchives(cache, used)).toEqual({ kept: 1, removed: 1 })
    const [kept] = readdirSync(path.join(cache, 'archive-v0'))
    expect(readdirSync(path.join(cache, 'archive-v0', kept))).toContain('six-1.17.0.dist-info')

    expect(await venvWith(installer, 'six==1.17.0\n', true)).toBeDefined()
    // Offline, the dropped wheel is really gone; online, uv fetches it again over its dangling index entry.
    expect(await venvWith(installer, 'idna==3.10\n', true)).toBeUndefined()
    const again = await venvWith(installer, 'idna==3.10\n')
    expect(installedPackages(again!).map(p => usedKey(p.key, p.version))).toEqual(['idna==3.10'])
  })
})
