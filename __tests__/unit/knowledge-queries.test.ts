// The loader's queries over the committed release history: Requires-Dist per platform with markers and extras
// evaluated, coverage strings (abi3, pure, ranges), Requires-Python, and the platform helpers.
import { describe, expect, it } from '@jest/globals'
import { linuxMarkers, platformMarkers } from '../../__fixtures__/markers.js'
import { coverageIncludes, expandCoverage } from '../../src/knowledge/coverage.js'
import { KNOWLEDGE_INDEX as K, pythonAllowed } from '../../src/knowledge/index-data.js'
import { versionKey } from '../../src/knowledge/index-store.js'
import { markerEnvironmentFor, wheelPlatformOf } from '../../src/knowledge/platform-env.js'

const names = (reqs: { name: string }[] | undefined) => (reqs ?? []).map(r => r.name)

describe('coverage strings', () => {
  const known = ['2.7', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13']
  it.each([
    ['3.9-3.11', '3.10', true],
    ['3.9-3.11', '3.12', false],
    ['2.7,3.5-3.7', '2.7', true],
    ['2.7,3.5-3.7', '3.8', false],
    ['3.8+', '3.13', true],
    ['3.8+', '3.7', false],
    ['3.8+', '2.7', false],
    ['py3', '3.13', true],
    ['py3', '2.7', false],
    ['py2,py3', '2.7', true],
    ['3.10', '3.1', false]
  ])('%s includes %s: %s', (coverage, python, expected) => {
    expect(coverageIncludes(coverage, python)).toBe(expected)
  })

  it.each([
    ['2.7,3.5-3.7', ['2.7', '3.5', '3.6', '3.7']],
    ['3.11+', ['3.11', '3.12', '3.13']],
    ['py2', ['2.7']],
    ['3.6,3.9+', ['3.6', '3.9', '3.10', '3.11', '3.12', '3.13']]
  ])('%s expands to %j', (coverage, expected) => {
    expect(expandCoverage(coverage, known)).toEqual(expected)
  })
})

describe('Requires-Python', () => {
  it.each([
    ['>=3.9', '3.9', true],
    ['>=3.9', '3.8', false],
    ['>3.9', '3.9', true], // some 3.9.x is above 3.9
    ['>3.9', '3.9.0', false],
    ['>=3.6.1', '3.6', true],
    ['!=3.0.*,!=3.1.*,>=2.7', '3.0', false],
    ['!=3.0.*,!=3.1.*,>=2.7', '2.7', true],
    [undefined, '3.13', true],
    ['>=3.x', '3.13', true] // unreadable: pip ignores it
  ])('%s lets %s in: %s', (spec, python, expected) => {
    expect(pythonAllowed(spec, python)).toBe(expected)
  })
})

describe('Requires-Dist queries', () => {
  const linux312 = linuxMarkers('3.12')
  const linux311 = linuxMarkers('3.11')

  it('evaluates markers for the interpreter: numpy and tensorflow-io-gcs-filesystem on 3.11 and 3.12', () => {
    const on312 = K.requiresDist('tensorflow', '2.16.1', { env: linux312 })!
    const on311 = K.requiresDist('tensorflow', '2.16.1', { env: linux311 })!
    expect(on312.filter(r => r.name === 'numpy').map(r => r.specifier)).toEqual(['>=1.26.0,<2.0.0'])
    expect(on311.filter(r => r.name === 'numpy').map(r => r.specifier)).toEqual(['>=1.23.5,<2.0.0'])
    expect(names(on312)).not.toContain('tensorflow-io-gcs-filesystem')
    expect(names(on311)).toContain('tensorflow-io-gcs-filesystem')
    expect(names(on311)).not.toContain('tensorflow-intel') // its marker names Windows
  })

  it('without an environment, gives the wheel’s lines with their markers', () => {
    const all = K.requiresDist('tensorflow', '2.16.1', { platform: 'linux-x86_64', python: '3.11' })!
    expect(all.filter(r => r.name === 'numpy').map(r => r.marker)).toEqual([
      'python_version <= "3.11"',
      'python_version >= "3.12"'
    ])
  })

  it('adds an extra’s requirements only when the extra is asked for: tensorflow[and-cuda]', () => {
    const plain = K.requiresDist('tensorflow', '2.16.1', { env: linux311 })!
    const cuda = K.requiresDist('tensorflow', '2.16.1', { env: linux311, extras: ['and-cuda'] })!
    expect(names(plain).filter(n => n.startsWith('nvidia-'))).toEqual([])
    expect(names(cuda)).toContain('nvidia-cudnn-cu12')
    expect(names(K.requiresDist('tensorflow', '2.16.1', { env: linux311, extras: ['and_cuda'] }))).toContain(
      'nvidia-cudnn-cu12'
    )
  })

  it('takes the block of the platform’s wheel: tensorflow 2.16.1 on Windows is a shim over tensorflow-intel', () => {
    const windows = K.requiresDist('tensorflow', '2.16.1', { env: platformMarkers('win32', '3.11') })!
    expect(names(windows)).toEqual(['tensorflow-intel'])
    expect(windows[0].specifier).toBe('==2.16.1')
    const linux = K.requiresDist('tensorflow', '2.16.1', { env: linux311 })!
    expect(names(linux)).toEqual(expect.arrayContaining(['absl-py', 'keras', 'numpy', 'tensorboard']))
  })

  it('takes the block of the Python’s wheel: tensorflow 1.14.0 on 2.7 needs enum34 and mock, on 3.7 not', () => {
    const py27 = K.requiresDist('tensorflow', '1.14.0', { platform: 'linux-x86_64', python: '2.7' })!
    const py37 = K.requiresDist('tensorflow', '1.14.0', { platform: 'linux-x86_64', python: '3.7' })!
    expect(names(py27)).toEqual(expect.arrayContaining(['enum34', 'mock', 'backports-weakref']))
    expect(names(py37)).not.toContain('enum34')
    expect(names(py37)).toContain('tensorflow-estimator')
  })

  it('gives nothing where the release has no wheel, or requirements were not gathered', () => {
    expect(K.requiresDist('tensorflow', '2.12.0', { platform: 'macos-arm64' })).toBeUndefined()
    expect(K.requiresDist('tensorflow', '2.21.0', { env: linuxMarkers('3.9') })).toBeUndefined()
    expect(K.requiresDist('tensorflow-gpu', '2.12.0')).toBeUndefined() // sdist only
    expect(K.requiresDist('numpy', '1.26.4')).toBeUndefined()
    expect(K.requiresDist('tensorflow', '9.9.9')).toBeUndefined()
  })

  it('reads a pure wheel’s requirements on every platform: tf-keras 2.17.0', () => {
    for (const env of [linux311, platformMarkers('darwin', '3.11'), platformMarkers('win32', '3.11')]) {
      expect(K.requiresDist('tf-keras', '2.17.0', { env })?.map(r => r.line)).toEqual(['tensorflow>=2.17,<2.18'])
    }
  })

  it('flags a marker the environment cannot decide instead of guessing', () => {
    const env = { ...linux311 } as Record<string, string>
    delete env.python_version
    const reqs = K.requiresDist('tensorflow', '2.16.1', { platform: 'linux-x86_64', python: '3.11', env })!
    expect(reqs.filter(r => r.name === 'numpy').every(r => r.uncertain)).toBe(true)
    expect(reqs.find(r => r.name === 'absl-py')?.uncertain).toBeUndefined()
  })
})

describe('platform helpers', () => {
  it('names the wheel platform of an interpreter', () => {
    expect(wheelPlatformOf(linuxMarkers('3.11'))).toBe('linux-x86_64')
    expect(wheelPlatformOf(platformMarkers('darwin'))).toBe('macos-arm64')
    expect(wheelPlatformOf(platformMarkers('win32'))).toBe('windows-x86_64')
    expect(wheelPlatformOf({ platform_system: 'Linux', platform_machine: 'aarch64' })).toBe('linux-aarch64')
    expect(wheelPlatformOf({ platform_system: 'Linux', platform_machine: 'ppc64le' })).toBeUndefined()
  })

  it('builds another platform’s marker variables, leaving out a patch it does not know', () => {
    const env = markerEnvironmentFor('macos-arm64', '3.12')
    expect(env).toMatchObject({ sys_platform: 'darwin', platform_machine: 'arm64', python_version: '3.12' })
    expect(env.python_full_version).toBeUndefined()
    expect(markerEnvironmentFor('windows-x86_64', '3.11.4').python_full_version).toBe('3.11.4')
    const reqs = K.requiresDist('tensorflow', '2.16.1', { env: markerEnvironmentFor('windows-x86_64', '3.12') })
    expect(reqs?.map(r => r.name)).toEqual(['tensorflow-intel'])
  })

  it('compares versions by PEP 440 equality', () => {
    expect(versionKey('2.0')).toBe(versionKey('2.0.0'))
    expect(versionKey('2.16.0rc0')).not.toBe(versionKey('2.16.0'))
    expect(K.release('tf-keras', '2.16')?.version).toBe('2.16.0')
  })
})
