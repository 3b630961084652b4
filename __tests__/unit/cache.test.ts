// The cache logic against a filesystem-backed store: keys, exact and partial hits, events that must not save,
// and service failures that must only warn.
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { FsCacheStore } from '../../__fixtures__/fs-cache-store.js'
import { ActionCaches } from '../../src/action/cache.js'
import { InstallerCache } from '../../src/cache/index.js'
import { cacheKeys, type KeyParts } from '../../src/cache/keys.js'
import { silentLog } from '../../src/core/log.js'
import { type ResolvedPackage } from '../../src/install/types.js'
import { scratchDir } from '../helpers/scratch.js'
import { fakeUvCache } from '../helpers/uv-cache.js'

const tmp = () => scratchDir('cache')

function setup() {
  const dir = tmp()
  const req = path.join(dir, 'requirements.txt')
  writeFileSync(req, 'tensorflow-cpu==2.21.0\n')
  const cacheDir = path.join(dir, 'uv-cache')
  mkdirSync(cacheDir)
  writeFileSync(path.join(cacheDir, 'wheel'), 'tf')
  const parts: KeyParts = {
    os: 'linux',
    arch: 'x64',
    python: '3.11.7',
    installer: 'uv',
    installerVersion: '0.13.9',
    files: [req],
    overrides: []
  }
  return { dir, req, cacheDir, parts }
}

describe('cache keys', () => {
  it('change with the requirements and overrides; the restore key leaves the hash out', () => {
    const { req, parts } = setup()
    const a = cacheKeys(parts)
    expect(a.primary).toMatch(/^keras-compat-v1-linux-x64-py3\.11\.7-uv0\.13\.9-[0-9a-f]{24}$/)
    expect(a.restore).toEqual(['keras-compat-v1-linux-x64-py3.11.7-uv0.13.9-'])
    expect(cacheKeys({ ...parts, overrides: ['tf-keras'] }).primary).not.toBe(a.primary)
    writeFileSync(req, 'tensorflow-cpu==2.20.0\n')
    expect(cacheKeys(parts).primary).not.toBe(a.primary)
    expect(cacheKeys({ ...parts, python: '3.12.1' }).restore).not.toEqual(a.restore)
  })
})

describe('InstallerCache', () => {
  it('saves after a miss, restores exactly next time, and then does not save again', async () => {
    const { cacheDir, parts } = setup()
    const store = new FsCacheStore(tmp())
    const first = new InstallerCache(store, 'auto', silentLog, () => undefined)
    await first.restore([cacheDir], parts)
    expect(first.result).toMatchObject({ enabled: true, exactHit: false, restoredKey: '' })
    await first.save('push')
    expect(store.saved).toHaveLength(1)

    rmSync(cacheDir, { recursive: true })
    const second = new InstallerCache(store, 'auto', silentLog, () => undefined)
    await second.restore([cacheDir], parts)
    expect(second.result.exactHit).toBe(true)
    expect(readFileSync(path.join(cacheDir, 'wheel'), 'utf8')).toBe('tf')
    await second.save('push')
    expect(store.saved).toHaveLength(1)
  })

  it('falls back to the restore key when the requirements changed, and saves under the new key', async () => {
    const { cacheDir, parts, req } = setup()
    const store = new FsCacheStore(tmp())
    const c = new InstallerCache(store, 'true', silentLog, () => undefined)
    await c.restore([cacheDir], parts)
    await c.save(undefined)
    writeFileSync(req, 'tensorflow-cpu==2.20.0\n')
    const next = new InstallerCache(store, 'true', silentLog, () => undefined)
    await next.restore([cacheDir], parts)
    expect(next.result).toMatchObject({
      exactHit: false,
      restoredKey: cacheKeys({ ...parts }).primary === next.result.restoredKey ? '' : store.saved[0]
    })
    await next.save('push')
    expect(store.saved).toHaveLength(2)
  })

  it('never saves on pull_request_target or workflow_run', async () => {
    for (const event of ['pull_request_target', 'workflow_run']) {
      const { cacheDir, parts } = setup()
      const store = new FsCacheStore(tmp())
      const c = new InstallerCache(store, 'auto', silentLog, () => undefined)
      await c.restore([cacheDir], parts)
      await c.save(event)
      expect(store.saved).toEqual([])
    }
  })

  it('turns service errors into warnings and skips cleanly when unavailable or off', async () => {
    const { cacheDir, parts } = setup()
    const warnings: string[] = []
    const broken = new InstallerCache(
      new FsCacheStore(tmp(), true, new Error('service down')),
      'auto',
      silentLog,
      m => void warnings.push(m)
    )
    await broken.restore([cacheDir], parts)
    await broken.save('push')
    expect(warnings).toEqual([
      expect.stringContaining('Restoring the installer cache failed'),
      expect.stringContaining('Saving the installer cache failed')
    ])

    const local = new InstallerCache(new FsCacheStore(tmp(), false), 'auto', silentLog, m => void warnings.push(m))
    await local.restore([cacheDir], parts)
    expect(local.result.enabled).toBe(false)
    expect(warnings).toHaveLength(2)
    const asked = new InstallerCache(new FsCacheStore(tmp(), false), 'true', silentLog, m => void warnings.push(m))
    await asked.restore([cacheDir], parts)
    expect(warnings[2]).toMatch(/not available here/)
    const off = new InstallerCache(new FsCacheStore(tmp()), 'false', silentLog, () => undefined)
    await off.restore([cacheDir], parts)
    expect(off.result.enabled).toBe(false)
    expect(existsSync(cacheDir)).toBe(true)
  })
})

describe('the installer cache a run saves', () => {
  it('is trimmed only when it is saved; a trim that fails is a warning and the folders are saved as they are', async () => {
    const { cacheDir, parts } = setup()
    const trims: string[] = []
    const exact = new FsCacheStore(tmp())
    await exact.save([cacheDir], cacheKeys(parts).primary)
    const hit = new InstallerCache(exact, 'auto', silentLog, () => undefined)
    await hit.restore([cacheDir], parts)
    await hit.save('push', () => void trims.push('exact hit'))
    const forked = new InstallerCache(new FsCacheStore(tmp()), 'auto', silentLog, () => undefined)
    await forked.restore([cacheDir], parts)
    await forked.save('pull_request_target', () => void trims.push('pull_request_target'))
    expect(trims).toEqual([])

    const warnings: string[] = []
    const store = new FsCacheStore(tmp())
    const c = new InstallerCache(store, 'auto', silentLog, m => void warnings.push(m))
    await c.restore([cacheDir], parts)
    await c.save('push', () => {
      throw new Error('EACCES')
    })
    expect(warnings).toEqual([expect.stringMatching(/Trimming the installer cache failed.*EACCES/)])
    expect(store.saved).toHaveLength(1)

    const given: string[][] = []
    const told = new InstallerCache(new FsCacheStore(tmp()), 'auto', silentLog, () => undefined)
    await told.restore([cacheDir], parts)
    await told.save('push', paths => void given.push(paths))
    expect(given).toEqual([[cacheDir]])
  })

  it("keeps uv's unpacked wheels of the packages this run's venvs held, and no others", async () => {
    // The nearest earlier entry brought an older TensorFlow along; this run installed the newer one and six.
    const uv = fakeUvCache({
      tf221: ['tensorflow', 'tensorflow_cpu-2.21.0.dist-info'],
      tf215: ['tensorflow', 'tensorflow_cpu-2.15.1.dist-info'],
      six: ['six.py', 'six-1.17.0.dist-info']
    })
    const { parts } = setup()
    const store = new FsCacheStore(tmp())
    const caches = new ActionCaches(store, 'auto', silentLog, text => text, uv)
    await caches.restoreInstaller([uv], parts)
    const installed = (key: string, version: string): ResolvedPackage => ({
      name: key,
      key,
      version,
      url: '',
      requested: false,
      requiredBy: []
    })
    caches.onInstalled([installed('tensorflow-cpu', '2.21.0')])
    caches.onInstalled([installed('six', '1.17.0'), installed('tensorflow-cpu', '2.21.0')])
    await caches.save('push')
    expect(store.saved).toEqual([cacheKeys(parts).primary])
    const restored = path.join(tmp(), 'restored')
    await store.restore([restored], cacheKeys(parts).primary, [])
    expect(readdirSync(path.join(restored, 'archive-v0')).sort()).toEqual(['six', 'tf221'])
  })

  it("leaves uv's folder whole when it is not what is saved (a pip run) and on a self-hosted runner", async () => {
    const archivesAfter = async (saved: (uv: string) => string[], runnerEnvironment?: string) => {
      const uv = fakeUvCache({ old: ['six-1.16.0.dist-info'], now: ['six-1.17.0.dist-info'] })
      const caches = new ActionCaches(new FsCacheStore(tmp()), 'auto', silentLog, text => text, uv)
      await caches.restoreInstaller(saved(uv), setup().parts)
      caches.onInstalled([{ name: 'six', key: 'six', version: '1.17.0', url: '', requested: true, requiredBy: [] }])
      const before = process.env.RUNNER_ENVIRONMENT
      if (runnerEnvironment) process.env.RUNNER_ENVIRONMENT = runnerEnvironment
      try {
        await caches.save('push')
      } finally {
        if (before === undefined) delete process.env.RUNNER_ENVIRONMENT
        else process.env.RUNNER_ENVIRONMENT = before
      }
      return readdirSync(path.join(uv, 'archive-v0')).sort()
    }
    expect(await archivesAfter(() => [path.join(tmp(), 'pip')])).toEqual(['now', 'old'])
    expect(await archivesAfter(uv => [uv], 'self-hosted')).toEqual(['now', 'old'])
    expect(await archivesAfter(uv => [uv], 'github-hosted')).toEqual(['now'])
  })
})
