// The fix plan's search against the real knowledge: for each shape of issue #14, the best candidate is the coherent
// change (TensorFlow and what is tied to it, moved together to the nearest minor where all pins agree), every
// candidate is clean by the rules themselves, and every release a candidate pins has a wheel for the run's Python.
import { describe, expect, it } from '@jest/globals'
import { compare } from '@renovatebot/pep440'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { type Edit } from '../../src/core/finding.js'
import { distinctLines } from '../../src/fixplan/distinct.js'
import { withEdits } from '../../src/fixplan/edited-set.js'
import { byCost } from '../../src/fixplan/rank.js'
import { searchPlans } from '../../src/fixplan/search.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { KNOWLEDGE_INDEX } from '../../src/knowledge/index-data.js'
import { markerEnvironmentFor } from '../../src/knowledge/platform-env.js'
import { preflight } from '../../src/preflight/index.js'
import { parseRequirementLine } from '../../src/requirements/line.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { contains, parseRange } from '../../src/versions/range.js'
import { scratchDir } from '../helpers/scratch.js'

interface Options {
  python?: string
  env?: Record<string, string>
  tensorflow?: string
  files?: Record<string, string>
  hints?: Edit[]
}

function setup(requirements: string, options: Options = {}) {
  const dir = scratchDir('plan')
  const files = { 'requirements.txt': requirements, ...options.files }
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
  const markers = linuxMarkers(options.python ?? '3.11')
  const input = {
    requirements: set,
    pathBase: dir,
    markers,
    env: options.env ?? {},
    knowledge: KNOWLEDGE,
    index: KNOWLEDGE_INDEX,
    tensorflow: options.tensorflow,
    hints: options.hints
  }
  return { dir, set, markers, search: searchPlans(input) }
}

const best = (requirements: string, options: Options = {}) => {
  const { search } = setup(requirements, options)
  expect(search.reason).toBe('')
  return search.candidates[0]
}

const afterOf = (edits: Edit[], name: string) => edits.find(e => e.after.startsWith(name))?.after
const pinOf = (text: string | undefined) => /==([^,;*\s]+)$/.exec(text ?? '')?.[1] ?? ''
/** TensorFlow's own Requires-Dist range for a package, read from the release history. */
const tfRange = (flavour: string, version: string, dep: string) =>
  KNOWLEDGE_INDEX.requiresDist(flavour, version, { env: linuxMarkers('3.11') })!.find(d => d.name === dep)!.specifier

describe('the shapes of issue #14, each needing two lines', () => {
  it('a TensorFlow with no wheel for Python 3.11 and the keras pinned to it move together to 2.12', () => {
    const plan = best('tensorflow-cpu==2.9.3\nkeras==2.9.0\n')
    expect(plan.edits).toEqual([
      { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
      { file: 'requirements.txt', line: 2, before: 'keras==2.9.0', after: 'keras==2.12.0' }
    ])
    expect(plan).toMatchObject({ python: '3.11', env: {}, tensorflow: 'tensorflow-cpu 2.12.1' })
    expect(plan.cost).toMatchObject({ changesPython: false, changesFlavour: false, lines: 2 })
  })

  it('a protobuf cap moves to the range the new TensorFlow declares', () => {
    const plan = best('tensorflow-cpu==2.11.0\nprotobuf<3.20\n')
    expect(afterOf(plan.edits, 'tensorflow-cpu')).toBe('tensorflow-cpu==2.12.1')
    const range = tfRange('tensorflow-cpu', '2.12.1', 'protobuf')
    expect(afterOf(plan.edits, 'protobuf')).toBe(`protobuf${range}`)
    expect(contains(parseRange(range)!, '3.19.6')).toBe(false)
  })

  it('tensorflow-io moves to the release made for the new TensorFlow (companions table)', () => {
    const plan = best('tensorflow-cpu==2.11.0\ntensorflow-io==0.27.0\n')
    expect(plan.edits.map(e => e.after)).toEqual(['tensorflow-cpu==2.12.1', 'tensorflow-io==0.32.0'])
  })

  it('tensorflow-probability keeps its ~= style at the release made for the new TensorFlow', () => {
    const plan = best('tensorflow-cpu==2.11.0\ntensorflow-probability~=0.15.0\n')
    expect(plan.edits.map(e => e.after)).toEqual(['tensorflow-cpu==2.12.1', 'tensorflow-probability~=0.20.0'])
  })

  it('tensorflow-gpu becomes the plain tensorflow of the nearest minor, and the old numpy moves into its range', () => {
    const plan = best('tensorflow-gpu==2.11.0\nnumpy==1.19.5\n')
    expect(afterOf(plan.edits, 'tensorflow')).toBe('tensorflow==2.12.1')
    const numpy = pinOf(afterOf(plan.edits, 'numpy'))
    expect(contains(parseRange(tfRange('tensorflow', '2.12.1', 'numpy'))!, numpy)).toBe(true)
    expect(KNOWLEDGE_INDEX.hasWheel('numpy', numpy, '3.11', 'linux-x86_64')).toBe('wheel')
    expect(plan.cost.changesFlavour).toBe(true)
  })
})

describe('ranking', () => {
  it('keeps a GPU build: tensorflow[and-cuda] where the release declares that extra (Python 3.12: 2.16+)', () => {
    const plan = best('tensorflow-gpu==2.11.0\n', { python: '3.12' })
    expect(plan.edits[0].after).toMatch(/^tensorflow\[and-cuda\]==2\.16\.\d+$/)
  })

  it('takes the nearest real patch for a version never released', () => {
    expect(best('tensorflow-cpu==2.16.0\n').edits.map(e => e.after)).toEqual(['tensorflow-cpu==2.16.1'])
  })

  it('honours an explicit Keras 3: TensorFlow moves up rather than keras down', () => {
    const plan = best('tensorflow-cpu==2.15.1\nkeras>=3\n')
    expect(plan.edits).toHaveLength(1)
    expect(plan.edits[0].after).toMatch(/^tensorflow-cpu==2\.16\.\d+$/)
  })

  it('offers legacy Keras (tf-keras of the minor and TF_USE_LEGACY_KERAS=1) among the candidates for a Keras 2 pin', () => {
    const { search } = setup('tensorflow==2.16.2\nkeras==2.15.0\n', { python: '3.12' })
    const legacy = search.candidates.find(c => c.env.TF_USE_LEGACY_KERAS === '1')
    expect(legacy?.edits).toEqual([
      { file: 'requirements.txt', line: 2, before: 'keras==2.15.0', after: 'tf-keras==2.16.0' }
    ])
    expect(search.candidates[0].env).toEqual({})
  })

  it('changes the Python only when no change of lines works on this one, to the nearest that does', () => {
    const plan = best('tensorflow-cpu==2.21.0\n', { python: '3.14' })
    expect(plan).toMatchObject({ python: '3.13', edits: [], cost: { changesPython: true } })
  })

  it('lands on the requested TensorFlow (a matrix entry): the newest with a wheel, keras moved to match', () => {
    const plan = best('tensorflow-cpu==2.15.1\nkeras==2.15.0\n', { tensorflow: '' })
    const newest = KNOWLEDGE_INDEX.releases('tensorflow-cpu')!
      .filter(
        r =>
          !/rc/.test(r.version) &&
          KNOWLEDGE_INDEX.hasWheel('tensorflow-cpu', r.version, '3.11', 'linux-x86_64') === 'wheel'
      )
      .map(r => r.version)
      .sort(compare)
      .pop()!
    expect(afterOf(plan.edits, 'tensorflow-cpu')).toBe(`tensorflow-cpu==${newest}`)
    const keras = pinOf(afterOf(plan.edits, 'keras'))
    expect(contains(parseRange(tfRange('tensorflow-cpu', newest, 'keras'))!, keras)).toBe(true)
  })

  it('edits every file and every kind of line that holds a tied pin, markers kept', () => {
    const plan = best('-r base.txt\n-c constraints.txt\nkeras==2.9.0; python_version >= "3"\n', {
      files: { 'base.txt': 'tensorflow-cpu==2.9.3\n', 'constraints.txt': 'keras<2.10\n' }
    })
    expect(plan.edits).toEqual([
      { file: 'base.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
      { file: 'constraints.txt', line: 1, before: 'keras<2.10', after: 'keras>=2.12.0,<2.13' },
      {
        file: 'requirements.txt',
        line: 3,
        before: 'keras==2.9.0; python_version >= "3"',
        after: 'keras==2.12.0; python_version >= "3"'
      }
    ])
  })
})

describe('every candidate', () => {
  const shapes = [
    'tensorflow-cpu==2.9.3\nkeras==2.9.0\n',
    'tensorflow-cpu==2.11.0\ntensorflow-io==0.27.0\n',
    'tensorflow-gpu==2.11.0\nnumpy==1.19.5\n',
    'tensorflow-cpu==2.16.2\ntensorflow-probability==0.15.0\n',
    'tensorflow-cpu==2.14.0\nprotobuf>=4.25\n'
  ]
  it.each(shapes)('of %j is clean by preflight, pins only releases with a wheel here, and comes best first', text => {
    const { dir, set, markers, search } = setup(text)
    expect(search.candidates.length).toBeGreaterThan(0)
    for (const c of search.candidates) {
      const edited = withEdits(set, c.edits, dir)
      // A candidate on another Python is judged as that Python would be.
      const markerEnv = c.python === '3.11' ? markers : markerEnvironmentFor('linux-x86_64', c.python)
      const findings = preflight({ requirements: edited, markerEnv, env: c.env, pathBase: dir, knowledge: KNOWLEDGE })
      expect(findings.filter(f => f.severity === 'error')).toEqual([])
      const pinned = c.edits
        .map(e => ({ after: e.after, parsed: parseRequirementLine(e.after), pin: pinOf(e.after.split(';')[0]) }))
        .filter(p => p.parsed.ok && p.pin && KNOWLEDGE_INDEX.release(p.parsed.value.name, p.pin))
      const wheels = pinned.map(p => [
        p.after,
        p.parsed.ok && KNOWLEDGE_INDEX.hasWheel(p.parsed.value.name, p.pin, c.python, 'linux-x86_64')
      ])
      expect(wheels).toEqual(pinned.map(p => [p.after, 'wheel']))
    }
    const costs = search.candidates.map(c => c.cost)
    expect([...costs].sort(byCost)).toEqual(costs)
  })

  it('adds what a rule still asks for (numpy<2 under TensorFlow 2.14.0, tf-keras for tensorflow-probability 0.24)', () => {
    expect(best('tensorflow-cpu==2.14.0\n').edits).toEqual([{ file: 'requirements.txt', before: '', after: 'numpy<2' }])
    expect(best('tensorflow==2.16.2\ntensorflow-probability==0.15.0\n').edits.map(e => e.after)).toEqual([
      'tensorflow-probability==0.24.0',
      'tf-keras~=2.16.0'
    ])
  })

  it('never adds a package that pulls a second TensorFlow build (tf-keras 2.16+ requires `tensorflow`, not -cpu)', () => {
    const { search } = setup('tensorflow-cpu==2.16.2\ntensorflow-probability==0.15.0\n')
    expect(search.candidates[0].edits.map(e => e.after)).toEqual([
      'tensorflow-cpu==2.15.1',
      'tensorflow-probability==0.23.0'
    ])
    const keepsCpu = search.candidates.filter(c => !c.cost.changesFlavour)
    expect(keepsCpu.filter(c => c.edits.some(e => e.after.startsWith('tf-keras')))).toEqual([])
  })
})

describe('the run’s own fixes as hints', () => {
  it('are the plan when the knowledge finds nothing wrong with the lines (a cap the probe asked for)', () => {
    const hints = [{ file: 'requirements.txt', before: '', after: 'numpy<2' }]
    expect(best('tensorflow-cpu==2.21.0\nkeras\n', { hints }).edits).toEqual(hints)
  })
  it('are judged like any candidate: a hint the rules refuse is no plan', () => {
    const hints = [{ file: 'requirements.txt', line: 2, before: 'keras', after: 'keras<3' }]
    const { search } = setup('tensorflow-cpu==2.21.0\nkeras\n', { hints })
    expect(search.candidates).toEqual([])
    expect(search.reason).toMatch(/still standing: /)
  })
})

describe('repeated lines', () => {
  // pip reads lines of one meaning as one requirement, however they are spelled: the search judges each meaning once
  // and makes the plan on every copy, so a file that repeats a pin thousands of times costs what the distinct lines
  // cost, and the plan still edits them all.
  const copies = 3000
  const repeated = (pin: string) => Array.from({ length: copies }, (_, i) => (i % 2 ? `${pin}\n` : '# note\n')).join('')

  it('get the plan of the set without repeats, made on every copy in every file, said once with the count', () => {
    const once = best('tensorflow-cpu==2.9.3\nkeras==2.9.0\n')
    const { search } = setup(`tensorflow-cpu==2.9.3\n${repeated('tensorflow-cpu==2.9.3')}keras==2.9.0\n-r more.txt\n`, {
      files: { 'more.txt': repeated('keras==2.9.0') }
    })
    const plan = search.candidates[0]
    const tf = once.edits.find(e => e.before.startsWith('tensorflow'))!
    const keras = once.edits.find(e => e.before.startsWith('keras'))!
    expect(plan.edits.filter(e => e.after === tf.after)).toHaveLength(1 + copies / 2)
    expect(plan.edits.filter(e => e.after === keras.after && e.file === 'more.txt')).toHaveLength(copies / 2)
    expect(plan.edits.every(e => e.before === e.before.trim() && e.before !== '')).toBe(true)
    expect(new Set(plan.edits.map(e => `${e.file}:${e.line}`)).size).toBe(plan.edits.length)
    expect(plan.summary).toContain(
      `\`${tf.before}\` → \`${tf.after}\` (${(1 + copies / 2).toLocaleString('en-US')} lines)`
    )
    expect(plan.tensorflow).toBe(once.tensorflow)
  })

  it('spelled differently are one meaning: each copy gets the change in its own spelling, marker kept', () => {
    const spellings = [
      'TensorFlow_CPU == 2.9.3',
      'tensorflow.cpu==2.9.3',
      'tensorflow-cpu ==2.9.3 ; python_version >= "3"'
    ]
    const { search } = setup(`tensorflow-cpu==2.9.3\nkeras==2.9.0\n${spellings.join('\n')}\n`)
    const plan = search.candidates[0]
    const version = pinOf(afterOf(plan.edits, 'tensorflow-cpu'))
    expect(version).not.toBe('')
    expect(plan.edits.filter(e => e.line! >= 3).map(e => [e.line, e.after])).toEqual([
      [3, `TensorFlow_CPU==${version}`],
      [4, `tensorflow.cpu==${version}`],
      [5, `tensorflow-cpu==${version}; python_version >= "3"`]
    ])
  })

  it('are kept once per meaning for the search: name spelling and spaces aside, marker, kind and references apart', () => {
    const { set, dir } = setup(
      'tensorflow-cpu==2.9.3\nTensorFlow_CPU == 2.9.3\ntensorflow.cpu==2.9.3\n' +
        'tensorflow-cpu==2.9.3; python_version >= "3"\n-c c.txt\nkeras @ file:///tmp/k.whl\nkeras @ file:///tmp/k.whl\n',
      { files: { 'c.txt': 'tensorflow-cpu==2.9.3\n' } }
    )
    const distinct = distinctLines(set, dir)
    expect(distinct.set.requirements.map(r => r.raw)).toEqual([
      'tensorflow-cpu==2.9.3',
      'tensorflow-cpu==2.9.3; python_version >= "3"',
      'tensorflow-cpu==2.9.3',
      'keras @ file:///tmp/k.whl',
      'keras @ file:///tmp/k.whl'
    ])
    expect(distinct.set.requirements.map(r => r.kind)).toEqual([
      'requirement',
      'requirement',
      'constraint',
      'requirement',
      'requirement'
    ])
    expect([...distinct.copies.values()].map(g => g.others.map(r => r.raw))).toEqual([
      ['TensorFlow_CPU == 2.9.3', 'tensorflow.cpu==2.9.3']
    ])
  })

  it('weigh a plan by every line it changes: repeating a pin does not make moving it look cheaper', () => {
    const once = best('tensorflow-cpu==2.15.1\nkeras>=3\n')
    const repeatedPlan = best(`${'tensorflow-cpu==2.15.1\n'.repeat(200)}keras>=3\n`)
    const spelledPlan = best(
      `${Array.from({ length: 200 }, (_, i) => `tensorflow-cpu${' '.repeat(i % 7)}==2.15.1\n`).join('')}keras>=3\n`
    )
    expect(once.edits).toHaveLength(1)
    expect(repeatedPlan.edits.map(e => e.after)).toEqual(spelledPlan.edits.map(e => e.after))
    expect(repeatedPlan.cost.lines).toBe(spelledPlan.cost.lines)
  })

  it('past 1,000 distinct tied lines, no plan is searched and the reason says so', () => {
    const lines = Array.from({ length: 1200 }, (_, i) => `tensorflow-cpu==2.15.1,!=1.${i}`).join('\n')
    const { search } = setup(`${lines}\nkeras>=3\n`)
    expect(search.candidates).toEqual([])
    expect(search.reason).toMatch(/1,201 distinct lines of TensorFlow and the packages tied to it \(more than 1,000\)/)
  })

  it('take a hint made on a repeat as made on every copy', () => {
    const hints = [{ file: 'requirements.txt', line: 3, before: 'numpy', after: 'numpy<2' }]
    const plan = best('tensorflow-cpu==2.21.0\nnumpy\nnumpy\nkeras\nnumpy\n', { hints })
    expect(plan.edits.map(e => [e.line, e.before, e.after])).toEqual([
      [2, 'numpy', 'numpy<2'],
      [3, 'numpy', 'numpy<2'],
      [5, 'numpy', 'numpy<2']
    ])
  })
})

describe('no plan', () => {
  it('when the knowledge sees no version conflict: the errors are not a matter of versions', () => {
    const { search } = setup('tensorflow-cpu==2.21.0\nkeras\n')
    expect(search.candidates).toEqual([])
    expect(search.reason).toMatch(/no version conflict/)
  })
  it('when the interpreter is unknown', () => {
    const dir = scratchDir('plan')
    writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow-cpu==2.9.3\n')
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    const search = searchPlans({
      requirements: set,
      pathBase: dir,
      env: {},
      knowledge: KNOWLEDGE,
      index: KNOWLEDGE_INDEX
    })
    expect(search).toEqual({ candidates: [], reason: expect.stringMatching(/interpreter/) })
  })
})
