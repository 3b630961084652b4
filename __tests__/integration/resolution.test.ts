// Full mode resolves first (issue #13): the resolved set read live from uv and pip (the same path the unit tests
// read from captured output), and, through dist/index.js as the runner runs it, a set that does not resolve is
// reported before any download with its findings at the repository's lines, and a set that resolves is judged on
// what the resolver picked. Every pin here is bounded, so no upstream release can change what these tests see.
import { describe, expect, it, jest } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { cacheDirs } from '../../src/environment/cache-dirs.js'
import { childBaseEnv } from '../../src/environment/child-env.js'
import { readInterpreter } from '../../src/environment/interpreter.js'
import { installedPackages } from '../../src/install/installed.js'
import { type Installer, type InstallPlan } from '../../src/install/installer.js'
import { selectInstaller, UV_VERSION } from '../../src/install/select.js'
import { type ResolvedPackage } from '../../src/install/types.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { repoWith, runAction } from './helpers/runner.js'
import { type FindingOut } from './helpers/finding-out.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(15 * 60_000)

const env = childBaseEnv(process.env)

/** A real installer and a fresh venv made by it from this machine's Python 3.11, seeded as the pipeline seeds it. */
async function installerWithVenv(
  choice: 'uv' | 'pip'
): Promise<{ installer: Installer; python: string; seeded: string }> {
  const reading = await readInterpreter(nodeProcessRunner, 'python3', env)
  const selected = await selectInstaller(nodeProcessRunner, {
    choice,
    python: reading.info!.executable,
    dirs: cacheDirs(process.env),
    env
  })
  const installer = selected.installer!
  const dir = path.join(scratchDir('resolve-live'), 'venv')
  const venv = await installer.createVenv({
    interpreter: reading.info!.executable,
    dir,
    seedWheel: reading.info!.seedWheel,
    env
  })
  expect(venv.ok).toBe(true)
  const seeded = /setuptools-([^-]+)-/.exec(path.basename(reading.info!.seedWheel))?.[1] ?? ''
  return { installer, python: venv.python, seeded }
}

/** The install's inputs for a repository with these requirements, into the venv of `python`. */
function planFor(python: string, requirements: string, extraPackages: string[] = []): InstallPlan {
  const repo = repoWith(requirements)
  return {
    python,
    files: [path.join(repo, 'requirements.txt')],
    projectDir: '',
    projectExtras: [],
    extraPackages,
    env,
    cwd: repo,
    timeoutMs: 10 * 60_000,
    scratchDir: scratchDir('resolve-scratch')
  }
}

async function resolveLive(choice: 'uv' | 'pip', requirements: string, extraPackages: string[] = []) {
  const { installer, python, seeded } = await installerWithVenv(choice)
  const resolution = await installer.resolveSet(planFor(python, requirements, extraPackages))
  return { ...resolution, seeded }
}

const byKey = (packages: ResolvedPackage[]) => new Map(packages.map(p => [p.key, p]))
const versions = (packages: ResolvedPackage[]) => Object.fromEntries(packages.map(p => [p.key, p.version]).sort())

describe('resolveSet, live: the resolved set from the installers’ structured output', () => {
  const sets: Record<string, ResolvedPackage[]> = {}

  it.each(['uv', 'pip'] as const)(
    '%s: pins, who asked for what, the parents, the venv’s seeded setuptools',
    async choice => {
      const resolution = await resolveLive(choice, 'tensorflow-cpu==2.21.0\nkeras==3.12.0\n', ['h5py==3.14.0'])
      expect(resolution.ok).toBe(true)
      const got = byKey(resolution.packages!)
      expect(got.get('tensorflow-cpu')).toMatchObject({ version: '2.21.0', requested: true })
      expect(got.get('keras')).toMatchObject({ version: '3.12.0', requested: true, requiredBy: ['tensorflow-cpu'] })
      expect(got.get('h5py')).toMatchObject({ version: '3.14.0', requested: true })
      expect(got.get('numpy')?.requiredBy).toEqual(expect.arrayContaining(['keras', 'tensorflow-cpu', 'h5py']))
      // Python 3.11's venv holds ensurepip's setuptools; the install keeps it, so the resolution says so too.
      expect(resolution.seeded).toMatch(/^\d+\./)
      expect(got.get('setuptools')?.version).toBe(resolution.seeded)
      sets[choice] = resolution.packages!
    }
  )

  it('uv and pip pick the same versions for the same inputs', () => {
    expect(Object.keys(sets).sort()).toEqual(['pip', 'uv'])
    expect(versions(sets.uv)).toEqual(versions(sets.pip))
  })

  it('uv: the install takes the resolved pins as they are and installs exactly the judged set', async () => {
    const { installer, python } = await installerWithVenv('uv')
    const plan = planFor(python, 'tensorflow-cpu==2.21.0\nkeras==3.12.0\n', ['h5py==3.14.0'])
    const resolution = await installer.resolveSet(plan)
    expect(resolution.ok).toBe(true)
    // Kept in the run's own folder (removed with it) for the install.
    expect(path.dirname(path.dirname(resolution.pinned!))).toBe(plan.scratchDir)
    const install = await installer.install({ ...plan, pinned: resolution.pinned })
    expect(install.ok).toBe(true)
    expect(install.command).toEqual(expect.arrayContaining(['--no-deps', '-r', resolution.pinned!]))
    expect(versions(installedPackages(python))).toEqual(versions(resolution.packages!))
    // Without a folder of the run's own, nothing is kept behind.
    const elsewhere = await installer.resolveSet({ ...plan, scratchDir: undefined })
    expect(elsewhere.ok).toBe(true)
    expect(elsewhere.pinned).toBeUndefined()
  })

  it.each(['uv', 'pip'] as const)(
    '%s: a set that does not resolve gives the resolver’s error and no set',
    async choice => {
      const resolution = await resolveLive(choice, 'tensorflow-cpu==2.15.1\nkeras>=3\n')
      expect(resolution.ok).toBe(false)
      expect(resolution.packages).toBeUndefined()
      expect(resolution.error).toMatchObject({ kind: 'conflict' })
      expect(resolution.error!.packages).toEqual(expect.arrayContaining(['keras', 'tensorflow-cpu']))
    }
  )
})

/** Total bytes under a folder. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(e.parentPath, e.name)
    return sum + (e.isDirectory() ? sizeOf(p) : e.isFile() ? statSync(p).size : 0)
  }, 0)
}

describe('dist/index.js: resolve first', () => {
  it.each(['uv', 'pip'])(
    '%s: keras>=3 beside TensorFlow 2.15 fails at the resolution: one located finding, nothing downloaded or installed',
    async installer => {
      // An empty cache of keras-compat's own (uv comes from PATH, as astral-sh/setup-uv puts it): whatever is in
      // it after the run was downloaded by this run.
      const cache = scratchDir('empty-cache')
      const uvBin = path.join(cacheDirs(process.env).tools, `uv-${UV_VERSION}`, 'bin')
      const run = await runAction({
        workspace: repoWith('tensorflow-cpu==2.15.1\nkeras>=3\n'),
        // The fix plan is proven by a dry run here: its default proof installs the planned set, which downloads.
        inputs: { installer, 'verify-fix': 'resolve' },
        env: { KERAS_COMPAT_CACHE_DIR: cache, PATH: `${uvBin}${path.delimiter}${process.env.PATH}` }
      })
      expect(run.outputs.status).toBe('fail')
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
      expect(report.outcome).toBe('resolve-failed')
      const stages = report.stages.map((s: { name: string }) => s.name)
      expect(stages).toContain('resolve')
      expect(stages).not.toContain('install')
      expect(stages).not.toContain('probe')
      expect(report.steps).toEqual([])
      expect(report.installer.command.join(' ')).toMatch(installer === 'uv' ? /pip compile/ : /--dry-run --report/)
      const findings = JSON.parse(run.outputs.findings) as FindingOut[]
      expect(findings.map(f => f.id)).toEqual(['keras-tf-mismatch'])
      expect(findings[0].locations).toEqual([
        { file: 'requirements.txt', line: 1 },
        { file: 'requirements.txt', line: 2 }
      ])
      expect(findings[0].evidence).toMatch(/keras/)
      expect(findings[0].evidence).toMatch(/tensorflow-cpu/)
      // The one fix is the plan's (the finding's own edit may give way to it), and a real dry run proved it.
      expect(report.fixPlan).toMatchObject({ found: true, verification: { status: 'verified', proof: 'resolve' } })
      expect(run.summary).toContain('the install was skipped before any download')
      expect(run.summary).toContain('<summary>Resolution log</summary>')
      // Index pages and metadata only: a TensorFlow wheel alone is over 200 MB.
      expect(sizeOf(cache)).toBeLessThan(30 * 1024 * 1024)
    }
  )

  it('a set that resolves is judged on what the resolver picked, before the install', async () => {
    // An open TensorFlow range beside an unpinned (bounded) companion: the static rules on the pins cannot tell
    // which TensorFlow comes; the resolver picks 2.21.0, outside what tensorflow-addons 0.23 supports.
    const run = await runAction({
      workspace: repoWith('tensorflow-cpu>=2.13,<=2.21.0\ntensorflow-addons<=0.23.0\n')
    })
    const findings = JSON.parse(run.outputs.findings) as FindingOut[]
    const companion = findings.find(f => f.id === 'companion-incompatible')!
    expect(companion).toMatchObject({ severity: 'warning' })
    expect(companion.locations.map(l => l.line)).toEqual([1, 2])
    // The static resolver predicts the same pick, and its finding (on the declared pins) stands for both.
    expect(companion.title).toContain('tensorflow-addons 0.23.0')
    expect(run.outputs.status).toBe('warn')
    const told = run.log.indexOf('Resolved set, before any download: companion-incompatible')
    expect(told).toBeGreaterThan(0)
    expect(told).toBeLessThan(run.log.indexOf('▸ install'))
  })
})
