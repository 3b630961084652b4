// The resolved set read from the installers' structured output: uv's compiled requirements and pip's --report JSON,
// captured from real runs (uv 0.13.9, pip 23.2.1, Python 3.11.7, the same day, the same requirements); the same paths
// run live in __tests__/integration/resolution.test.ts. pip's report had each package's long description removed
// to keep it small; nothing else was changed. Also: uv's and pip's words for a release without a wheel for this Python.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { diagnose } from '../../src/diagnose/index.js'
import { parsePipFailure } from '../../src/install/pip-errors.js'
import { parsePipReport } from '../../src/install/pip-report.js'
import { type ResolvedPackage } from '../../src/install/types.js'
import { parseUvCompile } from '../../src/install/uv-compile.js'
import { parseUvFailure } from '../../src/install/uv-errors.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const fixture = (kind: 'uv' | 'pip', name: string) =>
  readFileSync(new URL(`../../__fixtures__/${kind}/${name}`, import.meta.url), 'utf8')

const byKey = (packages: ResolvedPackage[]) => new Map(packages.map(p => [p.key, p]))
const versions = (packages: ResolvedPackage[]) =>
  Object.fromEntries(packages.map(p => [p.key, p.version]).sort(([a], [b]) => a.localeCompare(b)))

describe('uv pip compile output', () => {
  const packages = parseUvCompile(fixture('uv', 'compile-tf221-keras312.txt'))
  const got = byKey(packages)

  it('reads every pinned package with its version', () => {
    expect(packages).toHaveLength(32)
    expect(got.get('tensorflow-cpu')).toMatchObject({ name: 'tensorflow-cpu', version: '2.21.0', url: '' })
    expect(got.get('keras')?.version).toBe('3.12.0')
    expect(got.get('certifi')?.version).toBe('2026.10.19.post1')
  })

  it('tells what was asked for (-r files) from what was pulled in, and by whom', () => {
    expect(got.get('tensorflow-cpu')).toMatchObject({ requested: true, requiredBy: [] })
    expect(got.get('keras')).toMatchObject({ requested: true, requiredBy: ['tensorflow-cpu'] })
    // h5py came from the arguments file (extra packages) and from two parents.
    expect(got.get('h5py')).toMatchObject({ requested: true, requiredBy: ['keras', 'tensorflow-cpu'] })
    expect(got.get('numpy')).toMatchObject({
      requested: false,
      requiredBy: ['h5py', 'keras', 'ml-dtypes', 'tensorflow-cpu']
    })
    expect(got.get('mdurl')).toMatchObject({ requested: false, requiredBy: ['markdown-it-py'] })
  })

  it('leaves out editables (no name), counts overrides as asked for, and names a project parent', () => {
    const project = byKey(parseUvCompile(fixture('uv', 'compile-project-override.txt')))
    expect([...project.keys()].some(k => k.includes('proj') || k.startsWith('-'))).toBe(false)
    expect(project.get('keras')).toMatchObject({ version: '3.12.0', requested: true })
    expect(project.get('tensorflow-cpu')).toMatchObject({ requested: false, requiredBy: ['myproj'] })
    expect(project.get('h5py')?.version).toBe('3.14.0')
  })

  it('reads an empty or prose-only text as no packages', () => {
    expect(parseUvCompile('')).toEqual([])
    expect(parseUvCompile(fixture('uv', 'conflict-tf215-keras3.txt'))).toEqual([])
  })
})

describe('pip install --dry-run --report', () => {
  const packages = parsePipReport(fixture('pip', 'report-tf221-keras312.json'))
  const got = byKey(packages)

  it('picks the same set as uv did for the same requirements', () => {
    expect(versions(packages)).toEqual(versions(parseUvCompile(fixture('uv', 'compile-tf221-keras312.txt'))))
  })

  it('normalises metadata names and marks what was asked for', () => {
    expect(got.get('tensorflow-cpu')).toMatchObject({ name: 'tensorflow_cpu', requested: true, url: '' })
    expect(got.get('h5py')?.requested).toBe(true)
    expect(got.get('numpy')?.requested).toBe(false)
  })

  it('builds the parents from Requires-Dist with the report’s own markers', () => {
    expect(got.get('numpy')?.requiredBy.sort()).toEqual(['h5py', 'keras', 'ml-dtypes', 'tensorflow-cpu'])
    expect(got.get('keras')?.requiredBy).toEqual(['tensorflow-cpu'])
    expect(got.get('mdurl')?.requiredBy).toEqual(['markdown-it-py'])
    // tensorflow-cpu's `extra == "and-cuda"` entries name nothing that was installed: no nvidia parents or children.
    expect(packages.some(p => p.key.startsWith('nvidia'))).toBe(false)
  })

  it('throws on text that is not an installation report', () => {
    expect(() => parsePipReport('{"version": "1"}')).toThrow(/not a pip installation report/)
    expect(() => parsePipReport('Would install keras-3.12.0')).toThrow()
  })
})

describe('a release with no wheel for the run’s Python, in the installers’ words', () => {
  function diagnosed(requirements: string, python: string, error: ReturnType<typeof parseUvFailure>) {
    const dir = scratchDir('nowheel')
    writeFileSync(path.join(dir, 'requirements.txt'), requirements)
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    const install = { ok: false, seconds: 1, command: [], log: error.excerpt, error }
    return diagnose({
      requirements: set,
      pathBase: dir,
      pipCheck: [],
      probeEnv: {},
      timeoutMinutes: 10,
      python,
      install
    })
  }

  it.each([
    [
      'uv, 2.15.1 on 3.12',
      'compile-no-wheel-tensorflow-cpu-2.15.1-cp312.txt',
      '2.15.1',
      '3.12.1',
      'Python 3.9, 3.10, 3.11'
    ],
    [
      'uv, 2.21.0 on 3.9',
      'compile-no-wheel-tensorflow-cpu-2.21.0-cp39.txt',
      '2.21.0',
      '3.9.18',
      'Python 3.10, 3.11, 3.12, 3.13'
    ]
  ])('%s: python-unsupported naming the Pythons uv found wheels for', (_label, file, version, python, pythons) => {
    const error = parseUvFailure(fixture('uv', file))
    expect(error.kind).toBe('conflict')
    const findings = diagnosed(`tensorflow-cpu==${version}\n`, python, error)
    expect(findings.map(f => f.id)).toEqual(['python-unsupported'])
    expect(findings[0].explanation).toContain(`only for ${pythons}; this run uses Python ${python}`)
    expect(findings[0].locations).toEqual([{ file: 'requirements.txt', line: 1 }])
    expect(`${findings[0].title} ${findings[0].explanation}`).not.toMatch(/overlap|conflict between the/)
  })

  it('pip, 2.15.1 on 3.12: python-unsupported from what the knowledge says of the release', () => {
    const error = parsePipFailure(fixture('pip', 'no-wheel-tensorflow-cpu-2.15.1-cp312.txt'))
    const findings = diagnosed('tensorflow-cpu==2.15.1\n', '3.12.1', error)
    expect(findings.map(f => f.id)).toEqual(['python-unsupported'])
    expect(findings[0].explanation).toContain('Python 3.9, 3.10, 3.11')
  })

  it('uv’s "depends on Python>=3.10" names the interpreter, not a package called python', () => {
    expect(parseUvFailure(fixture('uv', 'compile-requires-python-keras-3.12.0-cp39.txt')).packages).toEqual(['keras'])
    expect(parseUvFailure(fixture('uv', 'compile-requires-python-numpy-2.5-cp311.txt')).packages).toEqual(['numpy'])
  })
})
