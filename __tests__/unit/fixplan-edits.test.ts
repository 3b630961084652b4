// The plan's edits in memory (what the rules judge a candidate by) and per-finding edits made to agree with the plan.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Edit, type Finding } from '../../src/core/finding.js'
import { alignFindings } from '../../src/fixplan/align.js'
import { withEdits } from '../../src/fixplan/edited-set.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function read(text: string) {
  const dir = scratchDir('edits')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  writeFileSync(path.join(dir, 'c.txt'), 'keras<2.10\n')
  return { dir, set: readRequirementFiles([path.join(dir, 'requirements.txt')]) }
}

describe('withEdits', () => {
  it('changes a line in its place (file, line, kind), drops an emptied one, adds new ones after the file’s last line', () => {
    const { dir, set } = read('-c c.txt\ntensorflow-cpu==2.9.3\nnumpy==1.19.5\nh5py\n')
    const edited = withEdits(
      set,
      [
        { file: 'c.txt', line: 1, before: 'keras<2.10', after: 'keras>=2.12.0,<2.13; python_version < "4"' },
        { file: 'requirements.txt', line: 2, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow[and-cuda]==2.14.1' },
        { file: 'requirements.txt', line: 3, before: 'numpy==1.19.5', after: '' },
        { file: 'requirements.txt', before: '', after: 'tf-keras~=2.14.0' }
      ],
      dir
    )
    const view = edited.requirements.map(r => [
      r.key,
      r.specifier,
      r.extras.join(),
      r.marker,
      r.kind,
      path.basename(r.location.file),
      r.location.line
    ])
    expect(view).toEqual([
      ['keras', '>=2.12.0,<2.13', '', 'python_version < "4"', 'constraint', 'c.txt', 1],
      ['tensorflow', '==2.14.1', 'and-cuda', '', 'requirement', 'requirements.txt', 2],
      ['h5py', '', '', '', 'requirement', 'requirements.txt', 4],
      ['tf-keras', '~=2.14.0', '', '', 'requirement', 'requirements.txt', 5]
    ])
    expect(set.requirements.map(r => r.key)).toEqual(['keras', 'tensorflow-cpu', 'numpy', 'h5py'])
  })

  it('turns a line the parser rejects into a problem at that line, as the reader would', () => {
    const { dir, set } = read('tensorflow-cpu==2.9.3\n')
    const edited = withEdits(
      set,
      [{ file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu (==2' }],
      dir
    )
    expect(edited.requirements).toEqual([])
    expect(edited.problems).toEqual([
      { kind: 'syntax', message: expect.any(String), location: expect.objectContaining({ line: 1 }) }
    ])
  })
})

describe('alignFindings', () => {
  const finding = (edits: Edit[]): Finding => ({
    id: 'keras-tf-mismatch',
    severity: 'error',
    title: 't',
    explanation: 'e',
    fix: 'Change the keras line.',
    locations: [],
    evidence: '',
    edits
  })
  const plan: Edit[] = [
    { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.16.2', after: 'tensorflow-cpu==2.15.1' }
  ]
  const { dir, set } = read('tensorflow-cpu==2.16.2\nkeras==2.15.0\n')
  const after = withEdits(set, plan, dir).requirements

  it('gives an edit of a line the plan changes the plan’s text, and says the plan differs', () => {
    const [f] = alignFindings([finding([{ ...plan[0], after: 'tensorflow-cpu==2.16.1' }])], plan, after)
    expect(f.edits).toEqual(plan)
    expect(f.fix).toMatch(/fix plan changes this differently/)
  })
  it('drops an edit that pins a package where the plan’s lines cannot follow (keras 3 beside the plan’s Keras 2)', () => {
    const [f] = alignFindings(
      [finding([{ file: 'requirements.txt', line: 2, before: 'keras==2.15.0', after: 'keras>=3.0.0' }])],
      plan,
      after
    )
    expect(f.edits).toBeUndefined()
  })
  it('keeps an edit that agrees, word for word', () => {
    const add: Edit = { file: 'requirements.txt', before: '', after: 'setuptools<82' }
    const [f] = alignFindings([finding([add])], plan, after)
    expect(f).toEqual(finding([add]))
  })
})
