import { ConfigError } from '../../src/core/errors.js'
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { applyOverrides, legacyKerasPair } from '../../src/override/apply.js'
import { parseVersionList, parseVersionRequest } from '../../src/override/spec.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

describe('version requests', () => {
  it.each([
    ['2.16', '==2.16.*'],
    ['2.16.2', '==2.16.2'],
    ['~=2.17.0', '~=2.17.0'],
    ['>=2.15, <2.17', '>=2.15,<2.17'],
    ['latest', '']
  ])('%s → %s', (value, specifier) => {
    expect(parseVersionRequest(value, 'tensorflow-version')?.specifier).toBe(specifier)
  })
  it('knows nightly, lists, and names the input on nonsense', () => {
    expect(parseVersionRequest('nightly', 'x')).toMatchObject({ nightly: true })
    expect(parseVersionList('2.15, 2.17\nlatest, 2.15', 'tensorflow-versions').map(r => r.label)).toEqual([
      '2.15',
      '2.17',
      'latest'
    ])
    expect(() => parseVersionRequest('two point sixteen', 'tensorflow-version')).toThrow(ConfigError)
    expect(() => parseVersionRequest('2.x', 'tensorflow-version')).toThrow(/tensorflow-version: "2.x" is not a version/)
  })
})

function set(text: string) {
  const dir = scratchDir('ovr')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  return readRequirementFiles([path.join(dir, 'requirements.txt')])
}

describe('applying overrides', () => {
  it('replaces the repository’s TensorFlow, keeping its flavour and line, and leaves every other pin', () => {
    const applied = applyOverrides(set('numpy<2\ntensorflow-cpu==2.15.1\nkeras==2.15.0\n'), {
      tensorflow: parseVersionRequest('2.21', 'x')
    })
    expect(applied.lines).toEqual(['tensorflow-cpu==2.21.*'])
    expect(applied.label).toBe('tensorflow-cpu 2.21')
    expect(applied.requirements.requirements.map(r => [r.key, r.specifier, r.location.line])).toEqual([
      ['numpy', '<2', 1],
      ['tensorflow-cpu', '==2.21.*', 2],
      ['keras', '==2.15.0', 3]
    ])
    expect(applied.additions).toEqual([])
  })
  it('adds TensorFlow when the repository names none, and switches to tf-nightly for nightly', () => {
    expect(applyOverrides(set('keras\n'), { tensorflow: parseVersionRequest('2.17', 'x') }).additions).toEqual([
      'tensorflow==2.17.*'
    ])
    const nightly = applyOverrides(set('tensorflow-cpu==2.15.1\n'), { tensorflow: parseVersionRequest('nightly', 'x') })
    expect(nightly.additions).toEqual(['tf-nightly-cpu'])
    expect(nightly.lines[0]).toMatch(/^tensorflow-cpu; sys_platform == /)
  })
  it('pairs tf-keras with the requested minor, else the pinned one, else the newest', () => {
    const s = set('tensorflow-cpu==2.18.1\n')
    expect(legacyKerasPair(s, parseVersionRequest('2.17', 'x'), '2.21')).toBe('tf-keras~=2.17.0')
    expect(legacyKerasPair(s, undefined, '2.21')).toBe('tf-keras~=2.18.0')
    expect(legacyKerasPair(set('tensorflow\n'), parseVersionRequest('latest', 'x'), '2.21')).toBe('tf-keras~=2.21.0')
  })
})
