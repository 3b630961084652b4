// The preflight resolver over the release history: what pip and uv pick for the TensorFlow family on one Python
// and platform, by pip's rules (newest first, pre-releases, yanked releases, extras, markers, order).
import { describe, expect, it } from '@jest/globals'
import { compare, satisfies } from '@renovatebot/pep440'
import { readdirSync, readFileSync } from 'node:fs'
import { EcosystemView } from '../../src/knowledge/ecosystem.js'
import { KNOWLEDGE_INDEX } from '../../src/knowledge/index-data.js'
import { type WheelPlatform } from '../../src/knowledge/index-types.js'
import { parseDistLine, parseFully } from '../../src/knowledge/dist-requires.js'
import { admits, compareParsed, parseSpecifier, parseVersion } from '../../src/knowledge/pep440.js'
import { resolve, type Resolution } from '../../src/preflight/resolve/index.js'
import { STEP_BUDGET } from '../../src/preflight/resolve/search.js'
import { targetOn } from '../../src/preflight/target.js'
import { parseRequirementLine } from '../../src/requirements/line.js'
import { requirementOf } from '../../src/requirements/requirement.js'
import { type Requirement } from '../../src/requirements/types.js'

const view = new EcosystemView(KNOWLEDGE_INDEX)

function requirement(text: string, line: number, kind: Requirement['kind'] = 'requirement'): Requirement {
  const parsed = parseRequirementLine(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return requirementOf(parsed.value, {
    editable: false,
    kind,
    raw: text,
    location: { file: '/r/requirements.txt', line, chain: [] }
  })
}

function run(
  lines: string[],
  python = '3.11.7',
  platform: WheelPlatform = 'linux-x86_64',
  constraints: string[] = []
): Resolution {
  const reqs = [
    ...lines.map((l, i) => requirement(l, i + 1)),
    ...constraints.map((l, i) => requirement(l, 100 + i, 'constraint'))
  ]
  return resolve(view, targetOn(platform, python), reqs)
}

function picked(r: Resolution): Record<string, string> {
  if (r.status !== 'resolved') throw new Error(`expected a resolution, got ${r.status}`)
  return Object.fromEntries([...r.chosen.values()].map(c => [c.key, c.version]))
}

describe('what pip picks', () => {
  it('takes the newest release that installs here, and what it requires', () => {
    expect(picked(run(['tensorflow'], '3.11.7'))).toMatchObject({ tensorflow: '2.21.0', keras: '3.15.1' })
    expect(picked(run(['tensorflow'], '3.9.18'))).toMatchObject({ tensorflow: '2.20.0', keras: '3.10.0' })
    expect(picked(run(['tensorflow'], '3.8.18')).tensorflow).toBe('2.13.1')
  })

  it('backs off TensorFlow minors for a cap on what it requires, and never past one', () => {
    expect(picked(run(['tensorflow', 'numpy<1.26'])).tensorflow).toBe('2.17.1')
    expect(picked(run(['tensorflow', 'keras<3'])).tensorflow).toBe('2.15.1')
    expect(picked(run(['tensorflow>=2.10', 'protobuf<3.20'], '3.10.13')).tensorflow).toBe('2.11.1')
  })

  it('follows Requires-Dist through extras and platform packages', () => {
    expect(picked(run(['tensorflow-probability[tf]']))).toMatchObject({ 'tf-keras': '2.21.0', tensorflow: '2.21.0' })
    expect(picked(run(['tensorflow-probability']))['tf-keras']).toBeUndefined()
    expect(picked(run(['tensorflow==2.15.1'], '3.11.7', 'windows-x86_64'))).toMatchObject({
      'tensorflow-intel': '2.15.1',
      keras: '2.15.0'
    })
    expect(picked(run(['tensorflow==2.15.1'], '3.11.7', 'linux-aarch64'))['tensorflow-cpu-aws']).toBe('2.15.1')
    expect(picked(run(['tensorflow-hub==0.16.1']))['tf-keras']).toBeDefined()
  })

  it('applies constraints without installing what they name', () => {
    expect(
      picked(run(['tensorflow'], '3.11.7', 'linux-x86_64', ['tensorflow<2.16', 'tensorflow-addons<0.20']))
    ).toEqual(expect.objectContaining({ tensorflow: '2.15.1' }))
    expect(
      picked(run(['tensorflow'], '3.11.7', 'linux-x86_64', ['tensorflow-addons<0.20']))['tensorflow-addons']
    ).toBeUndefined()
  })

  it('lets pre-releases in only when a specifier names one, or nothing else matches', () => {
    expect(picked(run(['tensorflow>=2.22.0rc0'])).tensorflow).toBe('2.22.0rc0')
    expect(picked(run(['tensorflow>2.21.0'])).tensorflow).toBe('2.22.0rc0') // no final release left
    expect(picked(run(['tensorflow>=2.21'])).tensorflow).toBe('2.21.0')
    expect(picked(run(['tensorflow<2.17'])).tensorflow).toBe('2.16.2') // not 2.17.0rc1
  })

  it('takes a yanked release only when pinned to it and nothing else is left', () => {
    expect(picked(run(['tf-keras==2.20.0']))['tf-keras']).toBe('2.20.0')
    expect(picked(run(['tf-keras~=2.20.0']))['tf-keras']).toBe('2.20.1')
    expect(run(['tf-keras>=2.20.0,<2.20.1']).status).toBe('conflict')
  })

  it('resolves the user’s lines in their order: a numpy cap first holds numpy, then TensorFlow fits it', () => {
    // numpy first: pip takes numpy 1.24.4, and only TensorFlow 2.11 accepts it below 2.14 on Python 3.10.
    expect(picked(run(['numpy<1.25', 'tensorflow<2.14'], '3.10.13'))).toMatchObject({
      numpy: '1.24.4',
      tensorflow: '2.11.1'
    })
    // TensorFlow first: 2.13.1, then the newest numpy it accepts.
    expect(picked(run(['tensorflow<2.14', 'numpy<1.25'], '3.10.13'))).toMatchObject({
      tensorflow: '2.13.1',
      numpy: '1.24.3'
    })
  })
})

describe('conflicts', () => {
  it('says which releases were tried and what excluded them, down to the user’s lines', () => {
    const r = run(['numpy<1.22', 'tensorflow', 'keras>=3'], '3.10.13')
    expect(r.status).toBe('conflict')
    if (r.status !== 'conflict') return
    const first = r.causes.find(c => c.key === 'tensorflow' && c.version === '2.21.0')!
    expect(first).toMatchObject({
      dependency: 'numpy',
      specifier: '>=1.26.0',
      pinned: expect.stringMatching(/^1\.21\./)
    })
    expect(first.lines.map(l => l.raw).sort()).toEqual(['numpy<1.22', 'tensorflow'])
  })

  it('names a package nothing can satisfy from the start', () => {
    const r = run(['tensorflow==2.15.1'], '3.12.1')
    expect(r).toMatchObject({ status: 'conflict', deadEnds: [{ key: 'tensorflow', offered: expect.any(Number) }] })
  })

  it('gives up past its step budget instead of searching for ever', () => {
    expect(STEP_BUDGET).toBeGreaterThan(1000)
    // 60 distinct companions' worth of alternatives cannot exist in the data; a conflict deep under many choices
    // is the closest: it must end, as a conflict or undecided, never hang.
    const r = run([
      'tensorflow',
      'tensorflow-probability',
      'tensorflow-hub',
      'tensorflow-text',
      'keras<3',
      'protobuf>=6'
    ])
    expect(['conflict', 'undecided']).toContain(r.status)
  })
})

describe('PEP 440 as the resolver reads it', () => {
  const versions = readdirSync(new URL('../../knowledge/index/', import.meta.url))
    .filter(f => f !== 'manifest.json')
    .flatMap(f =>
      Object.keys(JSON.parse(readFileSync(new URL(`../../knowledge/index/${f}`, import.meta.url), 'utf8')).releases)
    )
  // Every seventh, of those PEP 440 can read (a few ancient legacy versions it cannot are never candidates).
  const sample = [...new Set(versions)].filter(v => parseVersion(v) !== undefined).filter((_, i) => i % 7 === 0)

  it('orders every release in the knowledge as pep440 does', () => {
    for (let i = 1; i < sample.length; i++) {
      const a = parseVersion(sample[i - 1])!
      const b = parseVersion(sample[i])!
      expect({ a: sample[i - 1], b: sample[i], order: Math.sign(compareParsed(a, b)) }).toEqual({
        a: sample[i - 1],
        b: sample[i],
        order: Math.sign(compare(sample[i - 1], sample[i]))
      })
    }
  })

  it.each(['>=2.15,<2.16', '~=2.15.0', '==2.15.*', '!=2.15.1', '>2.15.0', '<=1.24.3', '==2.15', '>=1.0.0rc1,<2'])(
    'admits what pep440 admits for %s (pre-releases allowed)',
    spec => {
      const clauses = parseSpecifier(spec)!
      for (const v of sample) {
        const parsed = parseVersion(v)!
        expect({ v, ok: clauses.every(c => admits(c, parsed, v)) }).toEqual({
          v,
          ok: satisfies(v, spec, { prereleases: true })
        })
      }
    }
  )

  it('reads every stored Requires-Dist line as the full requirement parser does', () => {
    const lines = readdirSync(new URL('../../knowledge/index/', import.meta.url))
      .filter(f => f !== 'manifest.json')
      .flatMap(
        f =>
          (JSON.parse(readFileSync(new URL(`../../knowledge/index/${f}`, import.meta.url), 'utf8')).lines ??
            []) as string[]
      )
    expect(lines.length).toBeGreaterThan(1000)
    for (const line of lines) expect(parseDistLine(line)).toEqual(parseFully(line))
  })
})
