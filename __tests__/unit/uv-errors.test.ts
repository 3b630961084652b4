// uv's messages captured from real runs (uv 0.13.9); the same paths run live in __tests__/integration.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseUvCheck, parseUvFailure } from '../../src/install/uv-errors.js'
import { installFindings } from '../../src/diagnose/install.js'
import { Locator } from '../../src/requirements/locate.js'

const fixture = (name: string) => readFileSync(new URL(`../../__fixtures__/uv/${name}`, import.meta.url), 'utf8')

describe('uv failures', () => {
  it('reads a resolution conflict and every package in it', () => {
    expect(parseUvFailure(fixture('conflict-tf215-keras3.txt'))).toMatchObject({
      kind: 'conflict',
      packages: ['tensorflow-cpu', 'keras']
    })
    const selenium = parseUvFailure(fixture('conflict-selenium.txt'))
    expect(selenium).toMatchObject({ kind: 'conflict', packages: ['selenium'] })
    expect(selenium.excerpt).toMatch(/^error: No solution found/)
  })
  it('reads a version that does not exist', () => {
    expect(parseUvFailure(fixture('not-found-tensorflow-cpu-2.16.0.txt'))).toMatchObject({
      kind: 'not-found',
      packages: ['tensorflow-cpu']
    })
  })
  it('tells an unreachable index from a conflict', () => {
    const error = parseUvFailure(fixture('network-refused.txt'))
    expect(error.kind).toBe('network')
    expect(error.excerpt).toContain('Connection refused')
  })
  it('reads a full disk as infrastructure, said in the diagnosis as such', () => {
    const error = parseUvFailure(fixture('disk-full.txt'))
    expect(error).toMatchObject({ kind: 'disk', excerpt: expect.stringContaining('No space left on device') })
    const [finding] = installFindings(error, new Locator([], '/repo'), ['requirements.txt'])
    expect(finding).toMatchObject({ id: 'install-infrastructure', title: 'The disk ran out of space while installing' })
  })
  it('names a stalled index apart from an unreachable one', () => {
    const stalled = { kind: 'network' as const, packages: [], availableVersions: [] }
    const said = (excerpt: string) =>
      installFindings({ ...stalled, excerpt }, new Locator([], '/repo'), ['r.txt'])[0].title
    expect(said('cause: operation timed out')).toBe('The package index did not answer in time')
    expect(said(fixture('network-refused.txt'))).toBe('The package index could not be reached')
  })
  it('reads uv pip check in the same words as pip check', () => {
    const lines = parseUvCheck(fixture('check-broken.txt'))
    expect(lines).toContain('tensorflow-cpu requires numpy>=1.23.5,<2.0.0, but you have 2.4.6')
    expect(lines.length).toBeGreaterThanOrEqual(2)
  })
})
