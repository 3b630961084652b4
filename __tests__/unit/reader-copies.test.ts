// Edited copies (pip's overrides, fix verification) keep every byte they do not change: each line's own line
// ending (CR-only, CRLF, mixed, form feeds, U+2028), the BOM and the encoding, the final newline or its absence,
// continuation lines. Each copy is compared byte for byte with the file built by hand, and read by pip itself (pinned,
// in a venv of this test's own) to the requirements it must hold.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Edit } from '../../src/core/finding.js'
import { copyWithEdits } from '../../src/requirements/copy.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { createPipVenv, type PipVenv, runPython } from '../helpers/pip-venv.js'
import { scratchDir } from '../helpers/scratch.js'

const HARNESS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'pip-parse.py')

let venv: PipVenv
let root: string

beforeAll(() => {
  venv = createPipVenv()
  root = scratchDir('copies')
}, 300_000)

afterAll(() => {
  venv?.remove()
  if (root) rmSync(root, { recursive: true, force: true })
})

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
const utf8 = (text: string) => Buffer.from(text, 'utf8')
const latin1 = (text: string) => Buffer.from(text, 'latin1')

interface Case {
  name: string
  encode: (text: string) => Buffer
  /** The file as written, and as the copy must be: `{old}` / `{new}` mark the edited line. */
  text: string
  expected: string
  /** The requirement to change (its name), and a line to add. */
  change?: string
  add?: string
  /** What pip must read from the copy. */
  pip: string[]
}

const CASES: Case[] = [
  {
    name: 'CR-only line endings',
    encode: utf8,
    text: 'numpy<2\r# pinned for TF 2.15\rtensorflow==2.15.1\rkeras>=2.15,<2.16\r',
    expected: 'numpy<2\r# pinned for TF 2.15\rtensorflow==2.16.1\rkeras>=2.15,<2.16\r',
    change: 'tensorflow',
    pip: ['numpy<2', 'tensorflow==2.16.1', 'keras<2.16,>=2.15']
  },
  {
    name: 'CRLF, with a line added',
    encode: utf8,
    text: 'tensorflow==2.15.1\r\nnumpy<2\r\n',
    expected: 'tensorflow==2.16.1\r\nnumpy<2\r\ntf-keras~=2.16.0\r\n',
    change: 'tensorflow',
    add: 'tf-keras~=2.16.0',
    pip: ['tensorflow==2.16.1', 'numpy<2', 'tf-keras~=2.16.0']
  },
  {
    name: 'mixed breaks: LF, CRLF, CR, form feed, U+2028',
    encode: utf8,
    text: 'numpy<2\r\nscipy\rtensorflow==2.15.1\fkeras>=3\u2028pandas\n',
    expected: 'numpy<2\r\nscipy\rtensorflow==2.16.1\fkeras>=3\u2028pandas\n',
    change: 'tensorflow',
    pip: ['numpy<2', 'scipy', 'tensorflow==2.16.1', 'keras>=3', 'pandas']
  },
  {
    name: 'UTF-16 with a BOM',
    encode: utf16,
    text: '# caf\u00e9\r\ntensorflow==2.15.1\r\nkeras>=3\r\n',
    expected: '# caf\u00e9\r\ntensorflow==2.16.1\r\nkeras>=3\r\n',
    change: 'tensorflow',
    pip: ['tensorflow==2.16.1', 'keras>=3']
  },
  {
    name: 'no final newline, with a line added',
    encode: utf8,
    text: 'numpy<2\ntensorflow==2.15.1',
    expected: 'numpy<2\ntensorflow==2.16.1\ntf-keras~=2.16.0\n',
    change: 'tensorflow',
    add: 'tf-keras~=2.16.0',
    pip: ['numpy<2', 'tensorflow==2.16.1', 'tf-keras~=2.16.0']
  },
  {
    name: 'continuation lines (hashes) of the edited requirement',
    encode: utf8,
    text: 'numpy<2\ntensorflow==2.15.1 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\nkeras>=3\n',
    expected: 'numpy<2\ntensorflow==2.16.1\n\n\nkeras>=3\n',
    change: 'tensorflow',
    pip: ['numpy<2', 'tensorflow==2.16.1', 'keras>=3']
  },
  {
    name: 'a Latin-1 file with a coding line',
    encode: latin1,
    text: '# -*- coding: latin-1 -*-\n# d\u00e9pendances\ntensorflow==2.15.1\n',
    expected: '# -*- coding: latin-1 -*-\n# d\u00e9pendances\ntensorflow==2.16.1\n',
    change: 'tensorflow',
    pip: ['tensorflow==2.16.1']
  },
  {
    name: 'an open continuation at the end, with a line added',
    encode: utf8,
    text: 'numpy<2\nkeras>=3 \\',
    expected: 'numpy<2\nkeras>=3 \\\n\ntf-keras~=2.16.0\n',
    add: 'tf-keras~=2.16.0',
    pip: ['numpy<2', 'keras>=3', 'tf-keras~=2.16.0']
  }
]

function pipReads(file: string, cwd: string): string[] {
  const out = JSON.parse(runPython(venv, [HARNESS], JSON.stringify({ cases: [{ id: 0, cwd, file }] }), {})) as {
    results: { items: { name: string; specifier: string[] }[]; error: unknown }[]
  }
  expect(out.results[0].error).toBeNull()
  return out.results[0].items.map(i => `${i.name}${i.specifier.join(',')}`)
}

function editsFor(file: string, c: Case): Edit[] {
  const set = readRequirementFiles([file])
  const edits: Edit[] = []
  const target = set.requirements.find(r => r.key === c.change)
  if (c.change) {
    expect(target).toBeDefined()
    edits.push({ file, line: target!.location.line, before: target!.raw, after: `${c.change}==2.16.1` })
  }
  if (c.add) edits.push({ file, before: '', after: c.add })
  return edits
}

describe('edited copies', () => {
  it.each(CASES)('keep every byte they do not change: $name', c => {
    const repo = path.join(root, c.name.replace(/\W+/g, '-'))
    mkdirSync(repo, { recursive: true })
    const file = path.join(repo, 'requirements.txt')
    writeFileSync(file, c.encode(c.text))
    const set = readRequirementFiles([file])
    const [copy] = copyWithEdits(set, repo, editsFor(file, c), path.join(repo, 'copy'))
    expect(readFileSync(copy).equals(c.encode(c.expected))).toBe(true)
    expect(readFileSync(file).equals(c.encode(c.text))).toBe(true)
    expect(pipReads(copy, repo)).toEqual(c.pip)
  })

  it('copies every file of an include tree, including ones that only include others, and edit the right one', () => {
    const repo = path.join(root, 'tree')
    mkdirSync(path.join(repo, 'reqs', 'deep'), { recursive: true })
    writeFileSync(path.join(repo, 'requirements.txt'), '-r reqs/all.txt\r\nkeras>=3\r\n')
    writeFileSync(path.join(repo, 'reqs', 'all.txt'), '-r deep/base.txt\n')
    writeFileSync(path.join(repo, 'reqs', 'deep', 'base.txt'), 'numpy<2\rtensorflow==2.15.1\rscipy')
    const set = readRequirementFiles([path.join(repo, 'requirements.txt')])
    const tf = set.requirements.find(r => r.key === 'tensorflow')!
    const edit: Edit = {
      file: 'reqs/deep/base.txt',
      line: tf.location.line,
      before: tf.raw,
      after: 'tensorflow==2.16.1'
    }
    const [copy] = copyWithEdits(set, repo, [edit], path.join(repo, 'copy'))
    expect(readFileSync(path.join(repo, 'copy', 'reqs', 'deep', 'base.txt'), 'utf8')).toBe(
      'numpy<2\rtensorflow==2.16.1\rscipy'
    )
    expect(pipReads(copy, repo)).toEqual(['numpy<2', 'tensorflow==2.16.1', 'scipy', 'keras>=3'])
  })

  it('refuses an edit that does not start a requirement line, rather than install the original pin', () => {
    const repo = path.join(root, 'stale')
    mkdirSync(repo, { recursive: true })
    writeFileSync(path.join(repo, 'requirements.txt'), 'numpy \\\n  <2\ntensorflow==2.15.1\n')
    const set = readRequirementFiles([path.join(repo, 'requirements.txt')])
    const edit: Edit = { file: 'requirements.txt', line: 2, before: '<2', after: 'numpy<3' }
    expect(() => copyWithEdits(set, repo, [edit], path.join(repo, 'copy'))).toThrow(/does not start a requirement line/)
  })
})
