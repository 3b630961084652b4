// The install overlapped with the resolution (issue #13: the set judged before any download is the set installed):
// real uv, real venvs and small real packages. An early install from the cache is kept only when the venv it left
// holds exactly the resolved set; a cache miss or a different set makes the venv again and installs the pins.
import { describe, expect, it, jest } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { childBaseEnv } from '../../src/environment/child-env.js'
import { readInterpreter } from '../../src/environment/interpreter.js'
import { installedPackages } from '../../src/install/installed.js'
import { type Installer, type InstallPlan } from '../../src/install/installer.js'
import { type ResolvedPackage } from '../../src/install/types.js'
import { holdsExactly, installEarly, installJudged } from '../../src/pipeline/install-early.js'
import { lastPins } from '../../src/pipeline/last-pins.js'
import { installFromPins } from '../../src/pipeline/pinned.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { nodeProcessRunner, type ProcessRunner, type RunOptions } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'
import { repoWith } from './helpers/runner.js'
import { uvWithCache } from './helpers/uv.js'

jest.setTimeout(5 * 60_000)

const env = childBaseEnv(process.env)
const REQUIREMENTS = 'six==1.17.0\nidna==3.10\n'

/** A fresh seeded venv, the plan for a repository with these requirements, and a way to make the venv again. */
async function setUp(installer: Installer, requirements: string) {
  const reading = await readInterpreter(nodeProcessRunner, 'python3', env)
  const dir = path.join(scratchDir('early'), 'venv')
  const make = () =>
    installer.createVenv({ interpreter: reading.info!.executable, dir, seedWheel: reading.info!.seedWheel, env })
  const venv = await make()
  expect(venv.ok).toBe(true)
  const repo = repoWith(requirements)
  const files = [path.join(repo, 'requirements.txt')]
  const plan: InstallPlan = {
    python: venv.python,
    files,
    projectDir: '',
    projectExtras: [],
    extraPackages: [],
    env,
    cwd: repo,
    timeoutMs: 5 * 60_000,
    scratchDir: scratchDir('early-work'),
    before: installedPackages(venv.python)
  }
  const declared = readRequirementFiles(files, { cwd: repo, root: repo })
  const remade: string[] = []
  const remakeVenv = async () => {
    remade.push(dir)
    const { rmSync } = await import('node:fs')
    rmSync(dir, { recursive: true, force: true })
    return make()
  }
  const info: string[] = []
  return { plan, declared, remakeVenv, remade, log: { info: (m: string) => void info.push(m) }, info }
}

const versions = (packages: ResolvedPackage[]) => Object.fromEntries(packages.map(p => [p.key, p.version]).sort())

describe('an install from the cache beside the resolution', () => {
  const warmCache = scratchDir('early-uv-cache')

  it('warm cache: the early install is kept, and the venv holds exactly the resolved set', async () => {
    const installer = await uvWithCache(warmCache)
    // Warm the cache with the same set in another venv.
    const first = await setUp(installer, REQUIREMENTS)
    expect((await installer.install(first.plan)).ok).toBe(true)

    const s = await setUp(installer, REQUIREMENTS)
    const resolving = installer.resolveSet(s.plan)
    const early = installEarly({ declared: s.declared, log: s.log }, installer, s.plan)
    expect(early).toBeDefined()
    const resolution = await resolving
    expect(resolution.ok).toBe(true)
    const result = await installJudged({ declared: s.declared, log: s.log }, installer, s.plan, resolution, early, s)
    expect(result.ok).toBe(true)
    expect(result.command).toContain('--offline')
    expect(s.remade).toEqual([])
    expect(versions(installedPackages(s.plan.python))).toEqual(versions(resolution.packages!))
    expect(versions(installedPackages(s.plan.python))).toMatchObject({ six: '1.17.0', idna: '3.10' })
  })

  it('an early install that left another set is not kept: the venv is made again and the pins installed', async () => {
    const installer = await uvWithCache(warmCache)
    const s = await setUp(installer, REQUIREMENTS)
    const resolution = await installer.resolveSet(s.plan)
    expect(resolution.ok).toBe(true)
    // What a stale cache could leave: an older release, and a package the resolution does not have.
    const other = await setUp(installer, 'six==1.16.0\nidna==3.10\ncertifi==2024.8.30\n')
    const stale = installer.install({ ...other.plan, python: s.plan.python })
    const result = await installJudged({ declared: s.declared, log: s.log }, installer, s.plan, resolution, stale, s)
    expect(result.ok).toBe(true)
    expect(s.remade).toHaveLength(1)
    expect(s.info.join('\n')).toMatch(/did not give the resolved set/)
    expect(result.command).toEqual(expect.arrayContaining(['--no-deps', '-r', resolution.pinned!]))
    expect(versions(installedPackages(s.plan.python))).toEqual(versions(resolution.packages!))
  })

  it('cold cache: the offline install fails, nothing is kept of it, and the pins are installed', async () => {
    const installer = await uvWithCache(scratchDir('early-cold-cache'))
    const s = await setUp(installer, REQUIREMENTS)
    const resolving = installer.resolveSet(s.plan)
    const early = installEarly({ declared: s.declared, log: s.log }, installer, s.plan)
    const resolution = await resolving
    expect(resolution.ok).toBe(true)
    expect((await early)!.ok).toBe(false)
    const result = await installJudged({ declared: s.declared, log: s.log }, installer, s.plan, resolution, early, s)
    expect(result.ok).toBe(true)
    expect(s.remade).toHaveLength(1)
    expect(result.command).not.toContain('--offline')
    expect(versions(installedPackages(s.plan.python))).toEqual(versions(resolution.packages!))
  })

  it("with the last run's resolution of the same inputs, the early install takes its pins and is kept", async () => {
    const installer = await uvWithCache(warmCache)
    const store = path.join(scratchDir('early-pins'), 'resolutions')
    const identity = (s: Awaited<ReturnType<typeof setUp>>) => ({ python: 'test', plan: s.plan })
    // A first run: resolves, keeps its resolution, installs.
    const first = await setUp(installer, REQUIREMENTS)
    const firstPins = lastPins(store, identity(first), first.plan.scratchDir!)
    expect(firstPins.file).toBeUndefined()
    const firstResolution = await installer.resolveSet(first.plan)
    firstPins.save(firstResolution)
    expect((await installer.install(installFromPins(first.declared, first.plan, firstResolution))).ok).toBe(true)

    const s = await setUp(installer, REQUIREMENTS)
    const last = lastPins(store, identity(s), s.plan.scratchDir!)
    expect(last.file).toBeDefined()
    const resolving = installer.resolveSet(s.plan)
    const early = installEarly({ declared: s.declared, log: s.log }, installer, s.plan, last.file)
    const resolution = await resolving
    const result = await installJudged({ declared: s.declared, log: s.log }, installer, s.plan, resolution, early, s)
    expect(result.ok).toBe(true)
    expect(result.command).toEqual(expect.arrayContaining(['--offline', '--no-deps', '-r', last.file!]))
    expect(s.remade).toEqual([])
    expect(versions(installedPackages(s.plan.python))).toEqual(versions(resolution.packages!))
  })

  it('a last resolution that names another set is not kept: the venv is made again and the pins installed', async () => {
    const installer = await uvWithCache(warmCache)
    const s = await setUp(installer, REQUIREMENTS)
    // What an old resolution could say after a release: another version, and a package this one does not have.
    const old = path.join(s.plan.scratchDir!, 'old-pins.txt')
    writeFileSync(old, 'six==1.16.0\nidna==3.10\ncertifi==2024.8.30\n')
    const warm = await setUp(installer, 'six==1.16.0\nidna==3.10\ncertifi==2024.8.30\n')
    expect((await installer.install(warm.plan)).ok).toBe(true)
    const resolving = installer.resolveSet(s.plan)
    const early = installEarly({ declared: s.declared, log: s.log }, installer, s.plan, old)
    const resolution = await resolving
    expect((await early)!.ok).toBe(true)
    const result = await installJudged({ declared: s.declared, log: s.log }, installer, s.plan, resolution, early, s)
    expect(result.ok).toBe(true)
    expect(s.remade).toHaveLength(1)
    expect(result.command).toEqual(expect.arrayContaining(['--no-deps', '-r', resolution.pinned!]))
    expect(versions(installedPackages(s.plan.python))).toEqual(versions(resolution.packages!))
  })

  it('a resolution beside the early install runs at the lowest priority; the install keeps its own', async () => {
    const calls: { args: string[]; options?: RunOptions }[] = []
    const recording: ProcessRunner = {
      run: (command, args, options) => {
        calls.push({ args, options })
        return nodeProcessRunner.run(command, args, options)
      }
    }
    const installer = await uvWithCache(warmCache, recording)
    const s = await setUp(installer, REQUIREMENTS)
    const resolution = await installer.resolveSet({ ...s.plan, lowPriority: true })
    expect(resolution.ok).toBe(true)
    expect((await installer.install(s.plan)).ok).toBe(true)
    const compile = calls.find(c => c.args[0] === 'pip' && c.args[1] === 'compile')
    const install = calls.find(c => c.args[0] === 'pip' && c.args[1] === 'install' && c.args.includes('-r'))
    expect(compile?.options?.lowPriority).toBe(true)
    expect(install?.options?.lowPriority).toBeFalsy()
  })

  it('inputs the pins cannot carry get no early install', async () => {
    const installer = await uvWithCache(warmCache)
    const s = await setUp(installer, '--prefer-binary\n' + REQUIREMENTS)
    expect(installEarly({ declared: s.declared, log: s.log }, installer, s.plan)).toBeUndefined()
  })
})

describe('holdsExactly', () => {
  const pkg = (key: string, version: string, url = ''): ResolvedPackage => ({
    name: key,
    key,
    version,
    url,
    requested: false,
    requiredBy: []
  })
  const resolved = [pkg('six', '1.17.0'), pkg('idna', '3.10')]

  it.each([
    ['the same set, in any order', [pkg('idna', '3.10'), pkg('six', '1.17.0')], true],
    ['another version', [pkg('six', '1.16.0'), pkg('idna', '3.10')], false],
    ['a package more', [...resolved, pkg('certifi', '2024.8.30')], false],
    ['a package less', [pkg('six', '1.17.0')], false]
  ])('%s', (_label, installed, want) => {
    expect(holdsExactly(installed, resolved)).toBe(want)
  })

  it('never for a resolution with a direct reference, or none', () => {
    expect(holdsExactly(resolved, [...resolved.slice(0, 1), pkg('idna', '', 'https://example.org/idna.whl')])).toBe(
      false
    )
    expect(holdsExactly(resolved, undefined)).toBe(false)
  })
})
