import { describe, expect, it } from '@jest/globals'
import { contains, overlaps, parseRange } from '../../src/versions/range.js'

describe('PEP 440 ranges', () => {
  it.each([
    ['>=3', '<2.16', false],
    ['>=3', '>=3.0.0', true],
    ['~=4.15.2', '~=4.24', false],
    ['~=4.15.2', '>=4.15,<5', true],
    ['==2.15.*', '>=2.15.0,<2.16', true],
    ['==2.15.*', '==2.16.1', false],
    ['<3', '>=3.0.0', false],
    ['==3.0.0', '!=3.0.0', false],
    ['==3.0.0', '!=3.0.1', true],
    ['>=2.15.0,<2.16', '<2.16,>=2.15.0', true],
    ['>2.15', '<=2.15', false],
    ['>=2.15', '<=2.15', true],
    ['', '==9.9', true],
    ['!=2.15.*', '==2.15.1', false],
    ['!=2.15.*', '==2.16.1', true],
    ['==2.16.0rc0', '>=2.16.0rc0,<2.17', true],
    ['<1.24', '>=1.24.3', false],
    ['>=1.22,<=1.24.3', '==1.24.3', true]
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected)
    expect(overlaps(b, a)).toBe(expected)
  })

  it('cannot judge what it cannot read', () => {
    expect(overlaps('=>1', '<2')).toBeUndefined()
    expect(parseRange('~=2')).toBeUndefined()
  })

  it('tests membership', () => {
    const r = parseRange('>=1.23.5,<2,!=1.24.0')!
    expect(['1.23.5', '1.26.4', '1.24.0', '2.0.0'].map(v => contains(r, v))).toEqual([true, true, false, false])
    expect(contains(parseRange('~=2.16.0')!, '2.16.2')).toBe(true)
    expect(contains(parseRange('~=2.16.0')!, '2.17.0')).toBe(false)
  })
})
