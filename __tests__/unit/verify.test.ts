import { describe, expect, it } from '@jest/globals'
import { applyEdits } from '../../src/requirements/copy.js'

describe('applying line edits to a copy', () => {
  it('replaces a requirement, continuations included, and keeps line numbers of the rest', () => {
    const text = '# ml\ntensorflow-cpu==2.15.1 \\\n    --hash=sha256:abc\nkeras>=3\n'
    const out = applyEdits(text, [
      { file: 'requirements.txt', line: 2, before: 'tensorflow-cpu==2.15.1', after: 'tensorflow-cpu==2.21.0' }
    ])
    expect(out.split('\n')).toEqual(['# ml', 'tensorflow-cpu==2.21.0', '', 'keras>=3', ''])
  })
  it('appends added lines, once, at the end', () => {
    const out = applyEdits('tensorflow-cpu==2.17.1\r\n\r\n', [{ file: 'r.txt', before: '', after: 'tf-keras~=2.17.0' }])
    expect(out).toBe('tensorflow-cpu==2.17.1\ntf-keras~=2.17.0\n')
  })
})
