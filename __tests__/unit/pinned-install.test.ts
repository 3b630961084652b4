// The install takes the resolve stage's pins as they are only when they say everything the inputs do (issue #13:
// the set judged before any download is the set installed). Each input the pinned file cannot carry must send the
// install back to the inputs; a plain set must not.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type InstallPlan } from '../../src/install/installer.js'
import { type Resolution } from '../../src/install/types.js'
import { installFromPins, pinsSayItAll } from '../../src/pipeline/pinned.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function setOf(files: Record<string, string>) {
  const dir = scratchDir('pinned')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), content)
  }
  return { dir, set: readRequirementFiles([path.join(dir, 'requirements.txt')], { cwd: dir, root: dir }) }
}

function planFor(dir: string, extra: Partial<InstallPlan> = {}): InstallPlan {
  return {
    python: '/venv/bin/python',
    files: [path.join(dir, 'requirements.txt')],
    projectDir: '',
    projectExtras: [],
    extraPackages: [],
    env: {},
    cwd: dir,
    timeoutMs: 60_000,
    ...extra
  }
}

const resolved: Resolution = {
  ok: true,
  seconds: 0.3,
  command: [],
  log: '',
  packages: [],
  pinned: '/work/resolved.txt'
}

describe('the install takes the pins when they say it all', () => {
  it.each([
    ['names, specifiers, extras and markers', 'tensorflow-cpu==2.21.0\nkeras>=3\nnumpy<2; python_version<"3.13"\n'],
    ['includes and constraints', '-r base.txt\n-c constraints.txt\nkeras\n'],
    ['comments and blank lines', '# pinned for CI\n\ntensorflow[and-cuda]==2.17.0  # GPU\n']
  ])('%s', (_label, text) => {
    const { dir, set } = setOf({
      'requirements.txt': text,
      'base.txt': 'tf-keras~=2.16.0\n',
      'constraints.txt': 'h5py<4\n'
    })
    expect(set.problems).toEqual([])
    expect(pinsSayItAll(set, planFor(dir))).toBe(true)
    expect(installFromPins(set, planFor(dir), resolved).pinned).toBe('/work/resolved.txt')
  })

  it('extra packages given as names (tf-keras for legacy-keras, dependency groups) keep the pins', () => {
    const { dir, set } = setOf({ 'requirements.txt': 'tensorflow-cpu==2.15.1\n' })
    expect(
      pinsSayItAll(set, planFor(dir, { extraPackages: ['tf-keras~=2.15.0', 'pytest>=8; python_version>"3.8"'] }))
    ).toBe(true)
  })
})

describe('the install resolves the inputs again when the pins cannot carry them', () => {
  it.each([
    ['an index option line', '--extra-index-url https://mirror.example/simple\ntensorflow-cpu==2.21.0\n'],
    ['a find-links line in an included file', '-r more.txt\nkeras\n'],
    ['--pre', '--pre\nkeras\n'],
    ['a requirement with its own --hash', 'keras==3.12.0 --hash=sha256:' + 'a'.repeat(64) + '\n'],
    ['a direct reference', 'mylib @ https://example.org/mylib-1.0-py3-none-any.whl\nkeras\n'],
    ['an editable', '-e ./lib\nkeras\n'],
    ['a local path', './lib\nkeras\n'],
    ['a constraint by URL', '-c constraints.txt\nkeras\n']
  ])('%s', (_label, text) => {
    const { dir, set } = setOf({
      'requirements.txt': text,
      'more.txt': '--find-links ./wheels\n',
      'constraints.txt': 'numpy @ https://example.org/numpy-2.0-cp311-none-any.whl\n',
      'lib/setup.py': 'from setuptools import setup\nsetup(name="lib")\n'
    })
    expect(pinsSayItAll(set, planFor(dir))).toBe(false)
    expect(installFromPins(set, planFor(dir), resolved)).toEqual(planFor(dir))
  })

  it('a project installs itself, so its pins never say it all', () => {
    const { dir, set } = setOf({ 'requirements.txt': 'keras\n' })
    expect(pinsSayItAll(set, planFor(dir, { projectDir: dir }))).toBe(false)
    expect(pinsSayItAll({ ...set, projectDir: dir }, planFor(dir))).toBe(false)
  })

  it('an extra package that is a URL or a path sends the install back to the inputs', () => {
    const { dir, set } = setOf({ 'requirements.txt': 'keras\n' })
    expect(pinsSayItAll(set, planFor(dir, { extraPackages: ['mylib @ file:///src/mylib'] }))).toBe(false)
    expect(pinsSayItAll(set, planFor(dir, { extraPackages: ['./not/a/name'] }))).toBe(false)
  })

  it.each([
    ['failed', { ...resolved, ok: false }],
    ['not readable', { ...resolved, unavailable: 'uv’s compiled requirements could not be read' }],
    ['without a pinned file (pip)', { ...resolved, pinned: undefined }]
  ])('a resolution %s leaves the plan as it was', (_label, resolution) => {
    const { dir, set } = setOf({ 'requirements.txt': 'keras\n' })
    expect(installFromPins(set, planFor(dir), resolution)).toEqual(planFor(dir))
  })
})
