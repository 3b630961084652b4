// Finding the repository's model files: the HDF5 root-attribute reader on files made by real TensorFlow and h5py
// (__fixtures__/models, made by scripts/fixtures/make-models.py; the integration tests make the same files live),
// hostile HDF5 input, and discovery with its skips, limits and notes.
import { describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { globToRegExp } from '../../src/pipeline/glob.js'
import { discoverModels } from '../../src/pipeline/models.js'
import { hdf5RootAttributes } from '../../src/util/hdf5.js'
import { scratchDir } from '../helpers/scratch.js'

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../__fixtures__/models')
const fixture = (name: string) => path.join(FIXTURES, name)
const tmp = (name: string) => scratchDir(name)

describe('HDF5 root attributes, without h5py', () => {
  it.each([
    ['k2-functional.h5', ['keras_version', 'backend', 'model_config']],
    ['k3-functional.h5', ['keras_version', 'backend', 'model_config']],
    ['model-config-latest-format.h5', ['keras_version', 'model_config']],
    ['model-config-userblock.h5', ['model_config']]
  ])('%s (a model) has a model_config attribute on its root', (file, names) => {
    expect(hdf5RootAttributes(fixture(file))).toEqual({ kind: 'names', names })
  })

  it('a data file has no model_config attribute, even with a dataset of that name', () => {
    expect(hdf5RootAttributes(fixture('data.h5'))).toEqual({ kind: 'names', names: ['description'] })
  })

  it('attributes in dense storage are not guessed at', () => {
    expect(hdf5RootAttributes(fixture('data-dense-attributes.h5'))).toMatchObject({ kind: 'unknown' })
  })

  it('a .keras archive or an empty file is not HDF5', () => {
    expect(hdf5RootAttributes(fixture('k2-functional.keras'))).toEqual({ kind: 'not-hdf5' })
    const dir = tmp('h5')
    writeFileSync(path.join(dir, 'empty.h5'), '')
    expect(hdf5RootAttributes(path.join(dir, 'empty.h5'))).toEqual({ kind: 'not-hdf5' })
  })

  it('truncated, garbled or self-referencing files end in unknown, never in a throw or a hang', () => {
    const dir = tmp('h5-bad')
    const real = readFileSync(fixture('k2-functional.h5'))
    const cases: Record<string, Buffer> = {
      truncated: real.subarray(0, 120),
      garbage: Buffer.concat([real.subarray(0, 8), Buffer.alloc(600, 0xab)]),
      version9: Buffer.concat([real.subarray(0, 8), Buffer.from([9]), real.subarray(9)])
    }
    // A continuation message that points back at itself (the root header's messages start at 0x70 in this file):
    // the walk must stop at its block limit.
    const loop = Buffer.from(real)
    const first = 0x60 + 16
    loop.writeUInt16LE(0x10, first)
    loop.writeUInt16LE(16, first + 2)
    loop.writeBigUInt64LE(BigInt(first), first + 8)
    loop.writeBigUInt64LE(24n, first + 16)
    cases.loop = loop
    for (const [name, bytes] of Object.entries(cases)) {
      writeFileSync(path.join(dir, `${name}.h5`), bytes)
      expect({ name, kind: hdf5RootAttributes(path.join(dir, `${name}.h5`)).kind }).toEqual({ name, kind: 'unknown' })
    }
  })
})

describe('globs of the models input', () => {
  it.each([
    ['models/*.keras', 'models/a.keras', true],
    ['models/*.keras', 'models/sub/a.keras', false],
    ['**/*.h5', 'a.h5', true],
    ['**/*.h5', 'x/y/z/a.h5', true],
    ['models/**', 'models/x/y.keras', true],
    ['m?.keras', 'm1.keras', true],
    ['m?.keras', 'm12.keras', false],
    ['a+b(1).keras', 'a+b(1).keras', true],
    ['./export/classifier', 'export/classifier', true]
  ])('%s matches %s: %s', (glob, rel, expected) => {
    expect(globToRegExp(glob).test(rel)).toBe(expected)
  })
})

/** A repository with real models, a data file, decoys in skipped folders, a Git LFS pointer and a broken archive. */
function repository(): string {
  const repo = tmp('models-repo')
  mkdirSync(path.join(repo, 'models'))
  for (const f of ['k2-functional.keras', 'k3-functional.h5', 'data.h5', 'data-dense-attributes.h5'])
    cpSync(fixture(f), path.join(repo, 'models', f))
  cpSync(fixture('k2-savedmodel'), path.join(repo, 'export', 'k2-savedmodel'), { recursive: true })
  for (const skipped of ['.git', 'node_modules', 'env']) {
    mkdirSync(path.join(repo, skipped))
    cpSync(fixture('k3-functional.keras'), path.join(repo, skipped, 'decoy.keras'))
  }
  writeFileSync(path.join(repo, 'env', 'pyvenv.cfg'), 'home = /usr/bin\n')
  writeFileSync(path.join(repo, 'big.keras'), 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n')
  writeFileSync(path.join(repo, 'broken.keras'), 'not a zip')
  symlinkSync(fixture('k3-functional.keras'), path.join(repo, 'linked.keras'))
  return repo
}

describe('model discovery', () => {
  it('finds models by their form, copies them, and says what it left alone', () => {
    const repo = repository()
    const dest = tmp('models-dest')
    const found = discoverModels({ mode: 'auto' }, repo, repo, dest)
    expect(found.targets.map(t => [t.id, t.format])).toEqual([
      ['export/k2-savedmodel', 'savedmodel'],
      ['models/data-dense-attributes.h5', 'h5'], // unknown to the reader: h5py decides in the probe
      ['models/k2-functional.keras', 'keras'],
      ['models/k3-functional.h5', 'h5']
    ])
    for (const t of found.targets) expect(existsSync(t.path) && t.path.startsWith(dest)).toBe(true)
    expect(existsSync(path.join(dest, 'export/k2-savedmodel/variables/variables.index'))).toBe(true)
    expect(found.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^big\.keras: a Git LFS pointer/),
        'broken.keras: not a zip archive',
        expect.stringMatching(/^1 HDF5 file\(s\) without a model_config attribute/)
      ])
    )
    expect(found.targets.some(t => /decoy|linked/.test(t.id))).toBe(false)
  })

  it('is off with none, and takes paths and globs when given, naming what matched nothing', () => {
    const repo = repository()
    expect(discoverModels({ mode: 'off' }, repo, repo, tmp('d'))).toEqual({ targets: [], notes: [] })
    const found = discoverModels(
      { mode: 'list', patterns: ['models/*.keras', 'export/k2-savedmodel', 'models/data.h5', 'nothing/*.h5'] },
      repo,
      repo,
      tmp('d')
    )
    expect(found.targets.map(t => t.id)).toEqual(['export/k2-savedmodel', 'models/k2-functional.keras'])
    expect(found.notes).toContain('models: "nothing/*.h5" matched nothing')
  })

  it('keeps to the count and size limits, and names the report paths from the repository root', () => {
    const repo = repository()
    const base = path.dirname(repo)
    const few = discoverModels({ mode: 'auto' }, repo, base, tmp('d'), { maxFiles: 2, maxTotalBytes: 1e9 })
    expect(few.targets).toHaveLength(2)
    expect(few.targets[0].id).toBe(`${path.basename(repo)}/export/k2-savedmodel`)
    expect(few.notes.filter(n => n.includes('over the 2-file limit'))).toHaveLength(2)
    // The SavedModel folder (about 50 kB in all) does not fit in 30 kB; the smaller files after it do, in order.
    const small = discoverModels({ mode: 'auto' }, repo, repo, tmp('d'), { maxFiles: 20, maxTotalBytes: 30_000 })
    expect(small.notes).toContain('export/k2-savedmodel: over the 29 kB limit for all models')
    expect(small.targets.map(t => t.id)).toEqual(['models/data-dense-attributes.h5', 'models/k2-functional.keras'])
  })
})
