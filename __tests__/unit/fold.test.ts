// One problem, one finding (issue #13, class 8): a generic installer failure that a specific finding explains is
// folded into it as its evidence. Each case runs the real static rules on a requirement set and the real installer
// output captured for that set (uv 0.13.9 / pip 23.2.1, __fixtures__), through diagnose() as the pipeline does.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { type Finding } from '../../src/core/finding.js'
import { diagnose } from '../../src/diagnose/index.js'
import { explains, placesOf } from '../../src/diagnose/merge.js'
import { parsePipFailure } from '../../src/install/pip-errors.js'
import { type InstallError } from '../../src/install/types.js'
import { parseUvFailure } from '../../src/install/uv-errors.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { preflight } from '../../src/preflight/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const fixture = (kind: 'uv' | 'pip', name: string) =>
  readFileSync(new URL(`../../__fixtures__/${kind}/${name}`, import.meta.url), 'utf8')
const uv = (name: string) => parseUvFailure(fixture('uv', name))
const pip = (name: string) => parsePipFailure(fixture('pip', name))

/** The static findings and the installer's failure for one set, merged as the pipeline merges them. */
function judged(requirements: string, error: InstallError, python = '3.11') {
  const dir = scratchDir('fold')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
  const markers = linuxMarkers(python)
  const found = preflight({ requirements: set, markerEnv: markers, env: {}, pathBase: dir, knowledge: KNOWLEDGE })
  const install = { ok: false, seconds: 1, command: [], log: error.excerpt, error }
  const findings = diagnose({
    requirements: set,
    preflight: found,
    pathBase: dir,
    pipCheck: [],
    probeEnv: {},
    timeoutMinutes: 10,
    python: markers.python_full_version,
    install
  })
  return { preflight: found, findings }
}

const lines = (f: Finding) => f.locations.map(l => l.line)
const ids = (fs: Finding[]) => fs.map(f => f.id).sort()

describe('a specific finding takes in the installer failure it explains', () => {
  it.each([
    ['keras-tf-mismatch', 'uv', 'tensorflow-cpu==2.15.1\nkeras>=3\n', uv('conflict-tf215-keras3.txt'), [1, 2]],
    ['keras-tf-mismatch', 'pip', 'tensorflow-cpu==2.15.1\nkeras>=3\n', pip('conflict-tf215-keras3.txt'), [1, 2]],
    [
      'duplicate-requirement',
      'uv',
      'selenium~=4.15.2\ntensorflow-cpu==2.21.0\nkeras\nselenium~=4.24\n',
      uv('conflict-selenium.txt'),
      [1, 4]
    ],
    // Proven only at import in general (tf-keras 2.15 names no TensorFlow), but here about the same two packages.
    [
      'tf-keras-mismatch',
      'uv',
      'tensorflow==2.18.1\ntf-keras==2.19.0\n',
      uv('compile-conflict-tf2181-tfkeras2190.txt'),
      [1, 2]
    ]
  ])('%s (%s): one finding, at the same lines, with the installer’s words as evidence', (id, _by, reqs, error, at) => {
    const { preflight: found, findings } = judged(reqs, error)
    expect(found.map(f => f.id)).toContain(id) // the specific finding is the static rules' own
    const errors = findings.filter(f => f.severity === 'error')
    expect(errors.map(f => f.id)).toEqual([id])
    expect(lines(errors[0])).toEqual(at)
    expect(errors[0].evidence).toBe(error.excerpt)
    expect(errors[0].evidence.length).toBeGreaterThan(0)
    expect(`${errors[0].title} ${errors[0].explanation}`).not.toMatch(/cannot all hold at once|do not overlap/)
  })

  it.each([
    ['uv', '3.12', 'tensorflow-cpu==2.15.1\n', uv('compile-no-wheel-tensorflow-cpu-2.15.1-cp312.txt')],
    ['uv', '3.9', 'tensorflow-cpu==2.21.0\n', uv('compile-no-wheel-tensorflow-cpu-2.21.0-cp39.txt')],
    ['pip', '3.12', 'tensorflow-cpu==2.15.1\n', pip('no-wheel-tensorflow-cpu-2.15.1-cp312.txt')]
  ])(
    'python-unsupported (%s, Python %s): one finding, never said to be ranges that do not overlap',
    (_by, py, reqs, error) => {
      const { findings } = judged(reqs, error, py)
      expect(findings.map(f => f.id)).toEqual(['python-unsupported'])
      expect(findings[0].evidence).toContain('tensorflow-cpu')
      expect(findings[0].edits?.length).toBeGreaterThan(0) // the static rule's edit to a release built for this Python
      expect(JSON.stringify(findings)).not.toMatch(/do not overlap/)
    }
  )

  it('the same id from both sides is one finding: the installer’s, with the static edit', () => {
    const { findings } = judged('tensorflow-cpu==2.16.0\n', uv('not-found-tensorflow-cpu-2.16.0.txt'))
    expect(findings.map(f => f.id)).toEqual(['version-not-found'])
    expect(findings[0].edits?.[0].after).toBe('tensorflow-cpu==2.16.1')
    expect(findings[0].evidence).toMatch(/no version of tensorflow-cpu==2.16.0/)
  })
})

describe('near misses: a failure the finding does not explain stays its own finding', () => {
  it('a conflict about another package (selenium) beside keras-tf-mismatch', () => {
    const { findings } = judged(
      'tensorflow-cpu==2.15.1\nkeras>=3\nselenium~=4.15.2\nselenium~=4.24\n',
      uv('conflict-selenium.txt')
    )
    const keras = findings.find(f => f.id === 'keras-tf-mismatch')!
    expect(lines(keras)).toEqual([1, 2])
    expect(keras.evidence).toBe('') // not the selenium conflict's words
    // The selenium conflict goes to the finding about selenium, never to the keras one.
    expect(findings.find(f => f.id === 'duplicate-requirement')?.evidence).toMatch(/selenium/)
  })

  it('a conflict that names one package (numpy needs a newer Python) beside numpy-abi at that line', () => {
    // numpy-abi is about import time and names the TensorFlow and numpy lines; uv blames numpy alone, for a
    // reason numpy-abi does not give.
    const { findings } = judged(
      'tensorflow-cpu==2.14.0\nnumpy>=2.5\n',
      uv('compile-requires-python-numpy-2.5-cp311.txt')
    )
    // The history-wide rules name uv's reason themselves (no numpy >= 2.5 has a wheel for Python 3.11): that specific
    // finding takes the conflict, at numpy's line alone, and numpy-abi keeps its own lines and no installer words.
    expect(ids(findings)).toEqual(['numpy-abi', 'python-unsupported'])
    expect(lines(findings.find(f => f.id === 'python-unsupported')!)).toEqual([2])
    expect(findings.find(f => f.id === 'numpy-abi')!.evidence).toBe('')
  })

  it('a conflict beside a finding at other lines only', () => {
    const { findings } = judged(
      'selenium~=4.15.2\nselenium~=4.24\ntensorflow-cpu==2.14.0\n',
      uv('conflict-selenium.txt')
    )
    const abi = findings.find(f => f.id === 'numpy-abi')!
    expect(abi.evidence).toBe('')
    expect(findings.find(f => f.id === 'duplicate-requirement')?.evidence).toMatch(/selenium/)
  })

  it('an unreachable index is never a requirement problem', () => {
    const { findings } = judged('tensorflow-cpu==2.15.1\nkeras>=3\n', uv('network-refused.txt'))
    expect(ids(findings)).toEqual(['install-infrastructure', 'keras-tf-mismatch'])
    expect(findings.find(f => f.id === 'keras-tf-mismatch')!.evidence).toBe('')
  })
})

describe('the rule itself', () => {
  const base: Finding = {
    id: 'keras-tf-mismatch',
    severity: 'error',
    title: 't',
    explanation: 'e',
    fix: 'f',
    locations: [
      { file: 'requirements.txt', line: 1 },
      { file: 'requirements.txt', line: 2 }
    ],
    evidence: '',
    stage: 'preflight',
    provenBy: 'install'
  }
  const failure: Finding = { ...base, id: 'resolution-conflict', locations: [{ file: 'requirements.txt', line: 2 }] }
  const at: Record<string, string[]> = { 'requirements.txt:1': ['tensorflow-cpu'], 'requirements.txt:2': ['keras'] }
  const packagesAt = (place: string) => at[place] ?? []

  it('folds a generic failure whose lines all lie in a prediction that the install fails', () => {
    expect(explains(base, failure, packagesAt)).toBe(true)
  })

  it('needs the failure located at a line, a generic failure, an error, and (unless predicted) two packages', () => {
    expect(explains(base, { ...failure, locations: [{ file: 'requirements.txt' }] }, packagesAt)).toBe(false)
    expect(explains(base, { ...failure, id: 'install-infrastructure' }, packagesAt)).toBe(false)
    expect(explains({ ...base, severity: 'warning' }, failure, packagesAt)).toBe(false)
    expect(explains({ ...base, provenBy: 'probe' }, failure, packagesAt)).toBe(false)
    const both = { ...failure, locations: base.locations }
    expect(explains({ ...base, provenBy: 'probe' }, both, packagesAt)).toBe(true)
    expect(explains(base, { ...failure, locations: [{ file: 'requirements.txt', line: 3 }] }, packagesAt)).toBe(false)
  })

  it('compares places once each, in any order', () => {
    expect(placesOf({ ...base, locations: [...base.locations].reverse().concat(base.locations) })).toEqual([
      'requirements.txt:1',
      'requirements.txt:2'
    ])
  })
})
