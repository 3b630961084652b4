import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Edit } from '../../src/core/finding.js'
import { applyEdits as applyToSource } from '../../src/requirements/copy.js'
import { readSource } from '../../src/requirements/source.js'
import { scratchDir } from '../helpers/scratch.js'

/** The text of a file with the edits applied, through the same reader the copies use. */
function applyEdits(text: string, edits: Edit[]): string {
  const file = path.join(scratchDir('edit'), 'requirements.txt')
  writeFileSync(file, text)
  const read = readSource(file, {})
  if (!read.ok) throw new Error(read.reason)
  return Buffer.from(applyToSource(read.source, edits)).toString('utf8')
}

describe('applying line edits to a copy', () => {
  it('replaces a requirement, continuations included, and keeps line numbers of the rest', () => {
    const text = '# ml\ntensorflow-cpu==2.15.1 \\\n    --hash=sha256:abc\nkeras>=3\n'
    const out = applyEdits(text, [
      { file: 'requirements.txt', line: 2, before: 'tensorflow-cpu==2.15.1', after: 'tensorflow-cpu==2.21.0' }
    ])
    expect(out.split('\n')).toEqual(['# ml', 'tensorflow-cpu==2.21.0', '', 'keras>=3', ''])
  })
  it('appends added lines, once, at the end, with the line ending the file uses, keeping every other byte', () => {
    const out = applyEdits('tensorflow-cpu==2.17.1\r\n\r\n', [{ file: 'r.txt', before: '', after: 'tf-keras~=2.17.0' }])
    expect(out).toBe('tensorflow-cpu==2.17.1\r\n\r\ntf-keras~=2.17.0\r\n')
  })
})
