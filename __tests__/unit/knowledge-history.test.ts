// The release history gathered from the index (knowledge/index/): its schema, its completeness against the index's
// own version lists (knowledge/index-versions.json, written in the same run), and facts read from the index that
// the data must keep saying. Each fact was checked against the PyPI simple API when it was written down.
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { KNOWLEDGE_INDEX as K } from '../../src/knowledge/index-data.js'
import { compareVersions, versionKey } from '../../src/knowledge/index-store.js'
import { type StoredPackage } from '../../src/knowledge/index-types.js'
import { WHEEL_PLATFORMS } from '../../src/knowledge/platform-env.js'

const DIR = path.resolve(import.meta.dirname, '../../knowledge')
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'))
const indexFiles = readdirSync(path.join(DIR, 'index')).filter(f => f.endsWith('.json'))
const packageFiles = indexFiles.filter(f => f !== 'manifest.json')
const snapshot = read('index-versions.json') as Record<string, string[]>
const ajv = new Ajv({ allErrors: true })
ajv.addSchema(read('index.schema.json'))
const schemaOf = (name: string) => ajv.getSchema(`keras-compat/knowledge/index.schema.json#/definitions/${name}`)!

describe('knowledge/index: schema and integrity', () => {
  it.each(packageFiles)('%s matches the package schema, and every reference resolves', file => {
    const data = read(`index/${file}`) as StoredPackage
    const validate = schemaOf('package')
    expect([file, validate(data), validate.errors ?? []]).toEqual([file, true, []])
    expect(data.name).toBe(file.replace(/\.json$/, ''))
    const lines = data.lines ?? []
    const blocks = data.blocks ?? []
    for (const block of blocks) for (const i of block) expect(i).toBeLessThan(lines.length)
    // In PEP 440 order, as the loader takes them (and no integer-like key, which JavaScript would move first).
    const versions = Object.keys(data.releases)
    expect(versions).toEqual([...versions].sort(compareVersions))
    for (const [version, r] of Object.entries(data.releases)) {
      const refs = r.r === undefined ? [] : typeof r.r === 'number' ? [r.r] : Object.values(r.r)
      for (const i of refs) expect([version, i < blocks.length]).toEqual([version, true])
    }
  })

  it('the manifest matches its schema and names every package file', () => {
    const manifest = read('index/manifest.json')
    const validate = schemaOf('manifest')
    expect([validate(manifest), validate.errors ?? []]).toEqual([true, []])
    expect(Object.keys(manifest.packages).sort()).toEqual(packageFiles.map(f => f.replace(/\.json$/, '')).sort())
  })

  it('the version snapshot and the curated removals match their schemas', () => {
    const versions = schemaOf('versions')
    expect([versions(snapshot), versions.errors ?? []]).toEqual([true, []])
    const removed = new Ajv({ allErrors: true }).compile(read('removed.schema.json'))
    expect([removed(read('removed.json')), removed.errors ?? []]).toEqual([true, []])
  })

  it('covers the TensorFlow ecosystem and the four base packages', () => {
    const expected = [
      ...['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-intel', 'tensorflow-macos'],
      ...['tensorflow-metal', 'tensorflow-aarch64', 'tensorflow-cpu-aws', 'keras', 'tf-keras'],
      ...['tensorflow-probability', 'tensorflow-hub', 'tensorflow-addons', 'tensorflow-io'],
      ...['tensorflow-io-gcs-filesystem', 'tensorflow-text', 'tensorflow-estimator', 'tensorboard'],
      ...['numpy', 'protobuf', 'ml-dtypes', 'h5py']
    ]
    expect(K.packages().sort()).toEqual(expected.sort())
    for (const base of ['numpy', 'protobuf', 'ml-dtypes', 'h5py']) expect(K.requiresDist(base, '1.0')).toBeUndefined()
  })
})

describe('knowledge/index: every release the index lists', () => {
  it.each(Object.keys(snapshot))('%s: every version of the index snapshot is known, and nothing else unnamed', pkg => {
    const known = new Set((K.releases(pkg) ?? []).map(r => versionKey(r.version)))
    const missing = snapshot[pkg].filter(v => !known.has(versionKey(v)))
    expect(missing).toEqual([])
    for (const r of K.releases(pkg) ?? []) expect(K.releaseStatus(pkg, r.version)).not.toBe('never-released')
  })

  it('lists every tensorflow release since 0.12, each with the CPythons its wheels name', () => {
    const listed = snapshot.tensorflow
    expect(listed.length).toBeGreaterThanOrEqual(139)
    for (const version of listed) {
      const release = K.release('tensorflow', version)!
      expect([version, Object.keys(release.wheels).length > 0]).toEqual([version, true])
      expect(release.wheels['linux-x86_64']?.length ?? 0).toBeGreaterThan(0)
    }
    const finals = (K.releases('tensorflow') ?? []).map(r => r.version).filter(v => /^\d+\.\d+\.\d+$/.test(v))
    expect(finals).toEqual(expect.arrayContaining(['0.12.0', '1.0.0', '1.14.0', '1.15.5', '2.0.0', '2.9.3', '2.21.0']))
  })
})

type Fact = [string, () => unknown, unknown]
const linux = 'linux-x86_64'
const FACTS: Fact[] = [
  [
    'tensorflow 1.14.0 has Linux wheels for 2.7, 3.5, 3.6, 3.7',
    () => K.release('tensorflow', '1.14.0')?.wheels[linux],
    expect.arrayContaining(['2.7', '3.5', '3.6', '3.7'])
  ],
  ['tensorflow 1.14.0 has no Linux wheel for 3.8', () => K.hasWheel('tensorflow', '1.14.0', '3.8', linux), 'none'],
  ['tensorflow 2.0.0 was released', () => K.releaseStatus('tensorflow', '2.0.0'), 'released'],
  ['tensorflow 2.0 is 2.0.0', () => K.release('tensorflow', '2.0')?.version, '2.0.0'],
  [
    'tensorflow 2.15.0 has no 3.12 wheel anywhere',
    () => WHEEL_PLATFORMS.map(p => K.hasWheel('tensorflow', '2.15.0', '3.12', p)),
    Array(5).fill('none')
  ],
  [
    'tensorflow 2.15.0 on Linux: 3.9 to 3.11',
    () => K.pythonsWithWheels('tensorflow', '2.15.0', linux),
    ['3.9', '3.10', '3.11']
  ],
  [
    'tensorflow 2.16.1 has 3.12 wheels on Linux, Windows, macOS arm64',
    () =>
      [linux, 'windows-x86_64', 'macos-arm64'].map(p => K.hasWheel('tensorflow', '2.16.1', '3.12', p as typeof linux)),
    ['wheel', 'wheel', 'wheel']
  ],
  ['tensorflow 2.21.0 has no 3.9 wheel', () => K.hasWheel('tensorflow', '2.21.0', '3.9', linux), 'none'],
  ['tensorflow 2.21.0 has 3.13 on Linux', () => K.hasWheel('tensorflow', '2.21.0', '3.13', linux), 'wheel'],
  [
    'tensorflow 2.21.0 has no macOS x86_64 wheel',
    () => K.pythonsWithWheels('tensorflow', '2.21.0', 'macos-x86_64'),
    []
  ],
  [
    'tensorflow 2.12.0 has no macOS arm64 wheel (tensorflow-macos was the one)',
    () => K.hasWheel('tensorflow', '2.12.0', '3.11', 'macos-arm64'),
    'none'
  ],
  ['tensorflow-macos 2.12.0 has it', () => K.hasWheel('tensorflow-macos', '2.12.0', '3.11', 'macos-arm64'), 'wheel'],
  ['tensorflow 2.16.0 was removed from the index', () => K.releaseStatus('tensorflow', '2.16.0'), 'removed-from-index'],
  ['tensorflow 2.16.0 counts as released', () => K.wasReleased('tensorflow', '2.16.0'), true],
  [
    'tensorflow 1.13.0rc0 was removed from the index',
    () => K.removedFromIndex('tensorflow', '1.13.0rc0')?.source,
    'https://github.com/tensorflow/tensorflow/issues/35061'
  ],
  ['tensorflow 2.16.3 was never released', () => K.releaseStatus('tensorflow', '2.16.3'), 'never-released'],
  ['tensorflow 3.0.0 was never released', () => K.wasReleased('tensorflow', '3.0.0'), false],
  ['an unknown package is not judged', () => K.releaseStatus('torch', '2.0.0'), undefined],
  ['tensorflow-gpu 2.12.0 is an sdist only', () => K.hasWheel('tensorflow-gpu', '2.12.0', '3.10', linux), 'sdist-only'],
  ['tensorflow-gpu 2.11.0 has real Linux wheels', () => K.hasWheel('tensorflow-gpu', '2.11.0', '3.10', linux), 'wheel'],
  [
    'tensorflow-addons 0.1.0 is listed with no file left',
    () => [K.releaseStatus('tensorflow-addons', '0.1.0'), K.release('tensorflow-addons', '0.1.0')?.hasFiles],
    ['removed-from-index', false]
  ],
  [
    'numpy 1.0 is released, but only as a Windows installer pip does not use',
    () => [
      K.releaseStatus('numpy', '1.0'),
      K.release('numpy', '1.0')?.hasFiles,
      K.hasWheel('numpy', '1.0', '2.4', 'windows-x86_64')
    ],
    ['released', true, 'none']
  ],
  [
    'tensorflow-io-gcs-filesystem: last Windows wheel 0.31.0',
    () => lastWith('tensorflow-io-gcs-filesystem', 'windows-x86_64'),
    '0.31.0'
  ],
  [
    'tensorflow-io-gcs-filesystem: releases after 0.31.0 exist',
    () => (K.releases('tensorflow-io-gcs-filesystem') ?? []).some(r => r.version === '0.37.1'),
    true
  ],
  [
    'tf-keras 2.16.0 requires tensorflow>=2.16,<2.17',
    () => K.requiresDist('tf-keras', '2.16.0')?.map(r => r.line),
    ['tensorflow>=2.16,<2.17']
  ],
  ['tf-keras 2.20.0 is yanked', () => K.release('tf-keras', '2.20.0')?.yanked, true],
  [
    'tensorboard 2.11.1 is yanked with a reason',
    () => /Uploader/.test(K.release('tensorboard', '2.11.1')?.yankedReason ?? ''),
    true
  ],
  ['keras 1.0.0 is an sdist only', () => K.hasWheel('keras', '1.0.0', '3.6', linux), 'sdist-only'],
  [
    'keras 3.0.0: a pure wheel, every platform',
    () => WHEEL_PLATFORMS.map(p => K.hasWheel('keras', '3.0.0', '3.11', p)),
    Array(5).fill('wheel')
  ],
  [
    'keras 3.0.0: pure, but Requires-Python >=3.9 keeps 3.8 out',
    () => K.hasWheel('keras', '3.0.0', '3.8', linux),
    'none'
  ],
  [
    'tf-keras 2.21.0: pure wheel, Requires-Python >=3.10',
    () => K.pythonsWithWheels('tf-keras', '2.21.0', 'macos-arm64')?.[0],
    '3.10'
  ],
  ['protobuf 5.29.3: abi3 wheels from 3.8 cover 3.13', () => K.hasWheel('protobuf', '5.29.3', '3.13', linux), 'wheel'],
  [
    'protobuf 5.29.3: abi3 expands over the known Pythons',
    () => K.pythonsWithWheels('protobuf', '5.29.3', linux)?.includes('3.14'),
    true
  ]
]

function lastWith(pkg: string, platform: (typeof WHEEL_PLATFORMS)[number]): string | undefined {
  return (K.releases(pkg) ?? []).filter(r => r.wheels[platform]).pop()?.version
}

describe('knowledge/index: facts the index states', () => {
  it.each(FACTS)('%s', (_name, query, expected) => {
    expect(query()).toEqual(expected)
  })

  it('tensorflow-intel has Windows wheels only (besides its 0.0.1 placeholder, a pure wheel)', () => {
    for (const r of K.releases('tensorflow-intel') ?? []) {
      expect([r.version, Object.keys(r.wheels)]).toEqual([r.version, r.pure ? WHEEL_PLATFORMS : ['windows-x86_64']])
    }
    expect((K.releases('tensorflow-intel') ?? []).filter(r => r.pure).map(r => r.version)).toEqual(['0.0.1'])
  })

  it('tensorflow-metal has macOS wheels only, and Apple silicon only from 1.0.1', () => {
    const releases = K.releases('tensorflow-metal') ?? []
    expect(releases.filter(r => !Object.keys(r.wheels).every(p => p.startsWith('macos-')))).toEqual([])
    const late = releases.filter(r => compareVersions(r.version, '1.0.1') >= 0)
    expect(late.map(r => [r.version, Object.keys(r.wheels)])).toEqual(late.map(r => [r.version, ['macos-arm64']]))
    expect(late.length).toBeGreaterThan(0)
  })

  it('tensorflow-io-gcs-filesystem has no Windows wheel after 0.31.0', () => {
    const after = (K.releases('tensorflow-io-gcs-filesystem') ?? []).filter(
      r => compareVersions(r.version, '0.31.0') > 0
    )
    expect(after.length).toBeGreaterThanOrEqual(7)
    for (const r of after) expect([r.version, r.wheels['windows-x86_64']]).toEqual([r.version, undefined])
  })

  it('no curated removal is listed by the index again', () => {
    for (const entry of read('removed.json').entries as { package: string; versions: string[] }[]) {
      const listed = new Set((snapshot[entry.package] ?? []).map(versionKey))
      for (const v of entry.versions)
        expect([entry.package, v, listed.has(versionKey(v))]).toEqual([entry.package, v, false])
    }
  })
})
