// duplicate-requirement judges many lines of one package without comparing every pair: on random sets (points,
// ranges, exclusions, wildcard exclusions, bounds that touch) its answer must be the brute-force one.
import { describe, expect, it } from '@jest/globals'
import { Locator } from '../../src/requirements/locate.js'
import { type PreflightContext } from '../../src/preflight/context.js'
import { duplicateRequirement } from '../../src/preflight/rules/duplicates.js'
import { type Requirement } from '../../src/requirements/types.js'
import { overlaps } from '../../src/versions/range.js'

function req(specifier: string, line: number): Requirement {
  return {
    name: 'pkg',
    key: 'pkg',
    extras: [],
    specifier,
    marker: '',
    url: '',
    editable: false,
    kind: 'requirement',
    raw: `pkg${specifier}`,
    location: { file: '/repo/requirements.txt', line, chain: [] }
  }
}

function context(reqs: Requirement[]): PreflightContext {
  return { requirements: reqs, locator: new Locator(reqs, '/repo') } as unknown as PreflightContext
}

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0
    return a / 2 ** 32
  }
}

function specifier(rng: () => number): string {
  const v = () => `${1 + Math.floor(rng() * 4)}.${Math.floor(rng() * 4)}`
  const forms = [
    () => `>=${v()}`,
    () => `<=${v()}`,
    () => `>${v()}`,
    () => `<${v()}`,
    () => `==${v()}`,
    () => `!=${v()}`,
    () => `!=${v().split('.')[0]}.*`,
    () => `==${v().split('.')[0]}.*`,
    () => `>=${v()},<=${v()}`,
    () => `>=${v()},!=${v()}`,
    () => `~=${v()}`
  ]
  return forms[Math.floor(rng() * forms.length)]()
}

const pick = <T>(rng: () => number, items: T[]) => items[Math.floor(rng() * items.length)]

/** Ranges that all hold 5.0: exclusions of single versions and of a series, and bounds around it. */
function meeting(rng: () => number): string {
  const k = Math.floor(rng() * 1000)
  return pick(rng, [`!=1.${k}`, `!=2.${k}`, `>=0.${k % 10}`, `<9.${k % 50}`, '!=3.*', `>=1.${k % 7},<=8.${k % 13}`])
}

function bruteForce(reqs: Requirement[]): boolean {
  return reqs.some((a, i) => reqs.slice(i + 1).some(b => overlaps(a.specifier, b.specifier) === false))
}

describe('duplicate-requirement on many lines', () => {
  it('agrees with comparing every pair, for few and for many distinct specifiers', () => {
    const rng = random(11)
    let fired = 0
    for (let n = 0; n < 240; n++) {
      // Small sets take the exact path; large ones (more than 64 distinct) the hull path.
      const size = n % 2 === 0 ? 2 + Math.floor(rng() * 10) : 100 + Math.floor(rng() * 100)
      // Some large sets hold ranges that all meet (and half of those one line that breaks that), so that the fast
      // path is tried both ways.
      const narrow = n % 4 === 1
      const reqs = Array.from({ length: size }, (_, i) => req(narrow ? meeting(rng) : specifier(rng), i + 1))
      if (narrow && rng() < 0.5) {
        reqs.splice(Math.floor(rng() * size), 0, req(pick(rng, ['==3.5', '<0.1', '>=9.60', '>=5.0,!=5.0,<=5.0']), 0))
        reqs.forEach((r, i) => (r.location.line = i + 1))
      }
      const findings = duplicateRequirement(context(reqs))
      expect([n, findings.length > 0]).toEqual([n, bruteForce(reqs)])
      // Each reported pair really cannot hold together.
      const pairs = findings.slice(0, 1).map(f => f.locations.map(l => reqs[l.line! - 1]))
      expect(pairs.map(([a, b]) => overlaps(a.specifier, b.specifier))).toEqual(pairs.map(() => false))
      fired += pairs.length
    }
    expect(fired).toBeGreaterThan(50)
    expect(fired).toBeLessThan(230)
  })

  it('finds a clash at touching bounds and at a left-out point among many lines', () => {
    const many = Array.from({ length: 100 }, (_, i) => req(`!=9.${i}`, i + 1))
    const touching = [...many, req('<=2.0', 101), req('>=2.0,!=2.0', 102)]
    expect(duplicateRequirement(context(touching))[0].locations.map(l => l.line)).toEqual([101, 102])
    const point = [...many, req('==9.50', 101)]
    expect(duplicateRequirement(context(point))[0].locations.map(l => l.line)).toEqual([51, 101])
    expect(duplicateRequirement(context(many))).toEqual([])
  })
})
