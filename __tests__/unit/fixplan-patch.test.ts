// The fix plan's patch, applied by real git: `git apply` must accept it and leave exactly the bytes the edited copies
// are built with (every byte the edits do not change kept: line endings, BOM, final newline or its absence).
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { parse } from 'smol-toml'
import { type Edit } from '../../src/core/finding.js'
import { gitLines, gitPath, unifiedDiff } from '../../src/fixplan/diff.js'
import { patchFor } from '../../src/fixplan/patch.js'
import { loadRequirements } from '../../src/requirements/discover.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const roots: string[] = []
afterAll(() => roots.forEach(r => rmSync(r, { recursive: true, force: true })))

function repo(files: Record<string, Buffer | string>): string {
  const dir = scratchDir('patch')
  roots.push(dir)
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), bytes)
  }
  return dir
}

/** `git apply` run in a copy of the folder; the copy's bytes after it, and git's complaint if it refused. */
function gitApply(
  dir: string,
  patch: string,
  files: string[]
): { ok: boolean; stderr: string; after: Record<string, Buffer> } {
  const copy = `${dir}-applied-${roots.length}`
  roots.push(copy)
  spawnSync('cp', ['-r', dir, copy])
  const patchFile = path.join(scratchDir('patch'), 'fix.patch')
  writeFileSync(patchFile, patch)
  const run = spawnSync('git', ['apply', '--verbose', patchFile], { cwd: copy, encoding: 'utf8' })
  rmSync(patchFile)
  return {
    ok: run.status === 0,
    stderr: run.stderr,
    after: Object.fromEntries(files.map(f => [f, readFileSync(path.join(copy, f))]))
  }
}

const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])

describe('patchFor, applied by git', () => {
  const cases: { name: string; file: Buffer | string; edits: Edit[]; expected: Buffer | string }[] = [
    {
      name: 'CRLF lines stay CRLF, the last line without a newline stays so',
      file: 'numpy\r\ntensorflow-cpu==2.9.3\r\nkeras==2.9.0',
      edits: [
        { file: 'requirements.txt', line: 2, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
        { file: 'requirements.txt', line: 3, before: 'keras==2.9.0', after: 'keras==2.12.0' }
      ],
      expected: 'numpy\r\ntensorflow-cpu==2.12.1\r\nkeras==2.12.0'
    },
    {
      name: 'a BOM is kept, a line is added after an unterminated last line',
      file: bom('tensorflow-cpu==2.14.0'),
      edits: [{ file: 'requirements.txt', before: '', after: 'numpy<2' }],
      expected: bom('tensorflow-cpu==2.14.0\nnumpy<2\n')
    },
    {
      name: 'a continued line is replaced and its continuation emptied (line numbers kept), context far apart',
      file: 'tensorflow-cpu==2.9.3 \\\n    --no-binary=:none:\na\nb\nc\nd\ne\nf\ng\nh\nkeras==2.9.0\n',
      edits: [
        { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
        { file: 'requirements.txt', line: 11, before: 'keras==2.9.0', after: 'keras==2.12.0' }
      ],
      expected: 'tensorflow-cpu==2.12.1\n\na\nb\nc\nd\ne\nf\ng\nh\nkeras==2.12.0\n'
    }
  ]
  it.each(cases)('$name', ({ file, edits, expected }) => {
    const dir = repo({ 'requirements.txt': file })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    const patch = patchFor(set, dir, edits)
    expect(patch.notes).toEqual([])
    const applied = gitApply(dir, patch.text, ['requirements.txt'])
    expect(applied.stderr).not.toMatch(/error/)
    expect(applied.ok).toBe(true)
    expect(applied.after['requirements.txt']).toEqual(Buffer.from(expected))
  })

  it('patches an included file in a folder whose name needs quoting, with the path git expects', () => {
    const dir = repo({ 'requirements.txt': '-r "deps é/base.txt"\n', 'deps é/base.txt': 'tensorflow-cpu==2.9.3\n' })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    const edits = [
      { file: 'deps é/base.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' }
    ]
    const patch = patchFor(set, dir, edits)
    expect(patch.text.split('\n')[0]).toBe('diff --git "a/deps \\303\\251/base.txt" "b/deps \\303\\251/base.txt"')
    const applied = gitApply(dir, patch.text, ['deps é/base.txt'])
    expect(applied.ok).toBe(true)
    expect(applied.after['deps é/base.txt'].toString()).toBe('tensorflow-cpu==2.12.1\n')
  })

  it('changes only the string in pyproject.toml, which still parses, and says what it cannot place', () => {
    const toml =
      '[project]\nname = "x"\nversion = "1"\ndependencies = [\n  "tensorflow-cpu==2.9.3",  # pinned\n  "keras==2.9.0",\n]\n'
    const dir = repo({ 'pyproject.toml': toml })
    const set = loadRequirements(dir, [], { env: {}, root: dir })
    const edits: Edit[] = [
      { file: 'pyproject.toml', line: 5, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
      { file: 'pyproject.toml', line: 6, before: 'keras==2.9.0', after: 'keras==2.12.0' }
    ]
    const patch = patchFor(set, dir, edits)
    const applied = gitApply(dir, patch.text, ['pyproject.toml'])
    expect(applied.ok).toBe(true)
    const after = applied.after['pyproject.toml'].toString()
    expect(after).toContain('  "tensorflow-cpu==2.12.1",  # pinned\n')
    expect((parse(after) as { project: { dependencies: string[] } }).project.dependencies).toEqual([
      'tensorflow-cpu==2.12.1',
      'keras==2.12.0'
    ])
    const added = patchFor(set, dir, [{ file: 'pyproject.toml', before: '', after: 'numpy<2' }])
    expect(added.text).toBe('')
    expect(added.notes).toEqual([expect.stringMatching(/^pyproject\.toml: left out of the patch/)])
  })

  it('leaves out a UTF-16 file (git treats it as binary) and a file the run did not read, saying so', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('tensorflow-cpu==2.9.3\n', 'utf16le')])
    const dir = repo({ 'requirements.txt': utf16 })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    const patch = patchFor(set, dir, [
      { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
      { file: 'other.txt', before: '', after: 'numpy<2' }
    ])
    expect(patch.text).toBe('')
    expect(patch.notes).toEqual([
      'requirements.txt: left out of the patch, it is UTF-16, which git treats as binary',
      'other.txt: not a requirement file this run read'
    ])
  })
})

describe('unifiedDiff', () => {
  /** A small deterministic generator (mulberry32), so that a failure is reproducible. */
  function random(seed: number) {
    let a = seed
    return () => {
      a = (a + 0x6d2b79f5) | 0
      let t = Math.imul(a ^ (a >>> 15), 1 | a)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const lines = (next: () => number, n: number) =>
    Array.from({ length: n }, () => `${'abcde'[Math.floor(next() * 5)]}${next() < 0.2 ? '\r' : ''}\n`).join('')

  it('is applied by git to exactly the new text, for 40 random pairs of files (endings mixed, last line open)', () => {
    const next = random(14)
    const seen: { i: number; ok: boolean; errors: string[]; text: string }[] = []
    const wanted: typeof seen = []
    for (let i = 0; i < 40; i++) {
      const before = lines(next, Math.floor(next() * 30)) + (next() < 0.3 ? 'z' : '')
      const after = lines(next, Math.floor(next() * 30)) + (next() < 0.3 ? 'y' : '')
      const dir = repo({ 'f.txt': before })
      const diff = unifiedDiff('f.txt', Buffer.from(before), Buffer.from(after))
      // Equal files give no patch (applying '' would fail: git wants a patch), so they are checked by that alone.
      const applied =
        diff === ''
          ? { ok: before === after, stderr: '', after: { 'f.txt': Buffer.from(after) } }
          : gitApply(dir, diff, ['f.txt'])
      // CR at a line's end is "trailing whitespace" to git: a warning, never an error.
      const errors = applied.stderr.split('\n').filter(l => /^error/.test(l))
      seen.push({ i, ok: applied.ok, errors, text: applied.after['f.txt'].toString() })
      wanted.push({ i, ok: true, errors: [], text: after })
    }
    expect(seen).toEqual(wanted)
  })

  it('is applied by git to big files: thousands of hunks, and a file rewritten from first line to last', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `package-${i}==1.0\n`).join('')
    const spaced = before.replace(/package-(\d*0)==1\.0/g, 'package-$1==2.0')
    const rewritten = before.replace(/==1\.0/g, '==3.0')
    for (const after of [spaced, rewritten]) {
      const diff = unifiedDiff('f.txt', Buffer.from(before), Buffer.from(after))
      const applied = gitApply(repo({ 'f.txt': before }), diff, ['f.txt'])
      expect({ ok: applied.ok, text: applied.after['f.txt'].toString() }).toEqual({ ok: true, text: after })
    }
    expect(unifiedDiff('f.txt', Buffer.from(before), Buffer.from(spaced)).match(/^@@ /gm)).toHaveLength(2000)
    expect(unifiedDiff('f.txt', Buffer.from(before), Buffer.from(rewritten)).match(/^@@ /gm)).toHaveLength(1)
  })

  it('splits lines as git does (a lone CR does not end a line) and quotes paths as git does', () => {
    expect(gitLines(Buffer.from('a\rb\nc'))).toEqual(['a\rb\n', 'c'])
    expect(gitLines(Buffer.from(''))).toEqual([])
    expect(gitPath('a/', 'req s.txt')).toBe('a/req s.txt')
    expect(gitPath('a/', 'say "hi"\\.txt')).toBe('"a/say \\"hi\\"\\\\.txt"')
  })
})
