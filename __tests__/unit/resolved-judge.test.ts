// The static rules over what the resolver picked (issue #13, "judge what will be installed"): the sets are uv's real
// compiled output for each requirement set (__fixtures__/uv/compile-*.txt, Python 3.11.7), placed at the
// repository's lines, judged, and merged with the findings on the declared pins.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { mergeStatic } from '../../src/diagnose/merge.js'
import { parseUvCompile } from '../../src/install/uv-compile.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { judgeResolved } from '../../src/pipeline/judge-resolved.js'
import { resolvedRequirements } from '../../src/pipeline/resolved-set.js'
import { preflight } from '../../src/preflight/index.js'
import { copyWithEdits } from '../../src/requirements/copy.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const compiled = (name: string) =>
  parseUvCompile(readFileSync(new URL(`../../__fixtures__/uv/${name}`, import.meta.url), 'utf8'))

function repo(requirements: string) {
  const dir = scratchDir('resolved')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  return { dir, set: readRequirementFiles([path.join(dir, 'requirements.txt')]) }
}

const input = (r: ReturnType<typeof repo>) => ({
  judged: r.set,
  pathBase: r.dir,
  markerEnv: linuxMarkers('3.11'),
  env: {},
  dropped: []
})
const declared = (r: ReturnType<typeof repo>) =>
  preflight({ requirements: r.set, markerEnv: linuxMarkers('3.11'), env: {}, pathBase: r.dir, knowledge: KNOWLEDGE })

describe('the resolved set at the repository’s lines', () => {
  const r = repo('# ml\ntensorflow-cpu==2.21.0\nkeras==3.12.0\n')
  const { set, transitive } = resolvedRequirements(r.set, compiled('compile-tf221-keras312.txt'))
  const at = (key: string) => set.requirements.find(q => q.key === key)!

  it('pins every package exactly, with no markers, and keeps a declared package’s own line and text', () => {
    expect(set.requirements).toHaveLength(32)
    expect(set.requirements.every(q => /^==\S+$/.test(q.specifier) && q.marker === '')).toBe(true)
    expect(at('keras')).toMatchObject({ raw: 'keras==3.12.0', specifier: '==3.12.0', location: { line: 3 } })
    expect(transitive.map(q => q.key)).not.toContain('keras')
  })

  it('puts a package pulled in by one declared package at that package’s line', () => {
    expect(at('rich')).toMatchObject({ raw: 'rich==15.0.0', location: { line: 3 } }) // via keras
    expect(at('mdurl').location.line).toBe(3) // via markdown-it-py via rich via keras
    expect(at('certifi').location.line).toBe(2) // via requests via tensorflow-cpu
  })

  it('puts a package several declared packages pull in at the TensorFlow line', () => {
    expect(at('numpy').location.line).toBe(2) // h5py, keras, ml-dtypes, tensorflow-cpu
    expect(at('absl-py').location.line).toBe(2) // keras, tensorflow-cpu
  })
})

describe('lines with markers', () => {
  it('places a package at the line whose marker holds for this run, and its pulls there too (Python 3.12)', () => {
    const r = repo(
      'tensorflow-cpu==2.15.1; python_version < "3.12"\ntensorflow-cpu==2.21.0; python_version >= "3.12"\n'
    )
    const { set } = resolvedRequirements(r.set, compiled('compile-markers-cp312.txt'), linuxMarkers('3.12'))
    const at = (key: string) => set.requirements.find(q => q.key === key)!
    expect(at('tensorflow-cpu')).toMatchObject({ specifier: '==2.21.0', location: { line: 2 } })
    expect(at('tensorflow-cpu').raw).toContain('2.21.0')
    expect(at('numpy').location.line).toBe(2)
  })
})

describe('judged on what will be installed', () => {
  it('numpy 2 picked under TensorFlow 2.14.0: numpy-abi at the TensorFlow line, its fix a line to add', () => {
    const r = repo('tensorflow-cpu==2.14.0\n')
    const findings = judgeResolved(input(r), compiled('compile-tf2140.txt'))
    const abi = findings.find(f => f.id === 'numpy-abi')!
    expect(abi.locations).toEqual([{ file: 'requirements.txt', line: 1 }])
    expect(abi.edits).toEqual([{ file: 'requirements.txt', before: '', after: 'numpy<2' }])
    expect(abi.explanation).toContain('The resolver picks tensorflow-cpu 2.14.0, numpy 2.4.6')
    // The edit, applied, keeps the TensorFlow line and adds numpy's.
    const out = copyWithEdits(r.set, r.dir, abi.edits!, path.join(r.dir, 'fixed'))
    expect(readFileSync(out[0], 'utf8')).toBe('tensorflow-cpu==2.14.0\nnumpy<2\n')
  })

  it('the same problem on the declared pins and on the resolved set is one finding, the declared one', () => {
    const r = repo('tensorflow-cpu==2.14.0\n')
    const fromPins = declared(r)
    const fromSet = judgeResolved(input(r), compiled('compile-tf2140.txt'))
    const merged = mergeStatic(fromPins, fromSet)
    expect(merged.filter(f => f.id === 'numpy-abi')).toEqual(fromPins.filter(f => f.id === 'numpy-abi'))
  })

  it('an open TensorFlow range beside an unpinned companion: seen in what the resolver picks', () => {
    const r = repo('tensorflow-cpu>=2.13,<=2.21.0\ntensorflow-addons<=0.23.0\n')
    // The static resolver over the release history predicts the same pick; the real resolution confirms it.
    expect(declared(r).map(f => f.id)).toContain('companion-incompatible')
    const findings = judgeResolved(input(r), compiled('compile-tf-range-addons.txt'))
    const companion = findings.find(f => f.id === 'companion-incompatible')!
    expect(companion.locations.map(l => l.line)).toEqual([1, 2])
    expect(companion.title).toContain('tensorflow-addons 0.23.0')
    expect(companion.explanation).toContain('The resolver picks tensorflow-cpu 2.21.0, tensorflow-addons 0.23.0')
  })

  it('a consistent set has no error on what will be installed', () => {
    const r = repo('tensorflow-cpu==2.21.0\nkeras==3.12.0\n')
    const findings = judgeResolved(input(r), compiled('compile-tf221-keras312.txt'))
    expect(findings.filter(f => f.severity === 'error')).toEqual([])
  })

  it('a repository with no line at all places nothing (the packages came from extra-packages only)', () => {
    const r = repo('# nothing asked for here\n')
    expect(resolvedRequirements(r.set, compiled('compile-tf2140.txt')).set.requirements).toEqual([])
  })

  it("a package the overrides switch off is no duplicate: tf-keras's pull of tensorflow under legacy Keras with uv", () => {
    const r = repo('tensorflow-cpu==2.17.1\ntf-keras~=2.17.0\n')
    const judge = (dropped: string[]) =>
      preflight({
        requirements: r.set,
        markerEnv: linuxMarkers('3.11'),
        env: {},
        pathBase: r.dir,
        knowledge: KNOWLEDGE,
        dropped
      })
    // As pip installs it: tf-keras 2.17 requires the `tensorflow` package beside tensorflow-cpu.
    expect(judge([]).map(f => f.id)).toContain('tensorflow-duplicate')
    // uv's override drops that pull: one TensorFlow, and nothing else changes.
    expect(judge(['tensorflow']).map(f => f.id)).not.toContain('tensorflow-duplicate')
  })
})
