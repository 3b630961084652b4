import { ConfigError } from '../../src/core/errors.js'
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { decodeRequirementsBytes } from '../../src/requirements/decode.js'
import { loadRequirements } from '../../src/requirements/discover.js'
import { parseRequirementLine } from '../../src/requirements/line.js'
import { logicalLines } from '../../src/requirements/lines.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function repo(files: Record<string, string | Uint8Array>): string {
  const dir = scratchDir('req')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), content)
  }
  return dir
}

describe('logical lines', () => {
  it('joins continuations (as pip does: nothing inserted), drops comments, keeps the first physical line number', () => {
    const text = 'a==1  # pinned\n\n# whole comment\nb \\\n  >=2 \\\n  --hash=sha256:abc\r\nc#not-a-comment\n'
    expect(logicalLines(text).map(({ line, lastLine, text }) => ({ line, lastLine, text }))).toEqual([
      { line: 1, lastLine: 1, text: 'a==1' },
      { line: 4, lastLine: 6, text: 'b   >=2   --hash=sha256:abc' },
      { line: 7, lastLine: 7, text: 'c#not-a-comment' }
    ])
  })
})

describe('one requirement line', () => {
  it.each([
    ['tensorflow-cpu==2.15.*', { name: 'tensorflow-cpu', specifier: '==2.15.*' }],
    ['Keras >= 3.0, < 4', { name: 'Keras', specifier: '>=3.0,<4' }],
    ['tf_keras~=2.16.0', { name: 'tf_keras', specifier: '~=2.16.0' }],
    ['tensorflow[and-cuda]==2.17.0', { name: 'tensorflow', extras: ['and-cuda'], specifier: '==2.17.0' }],
    ['numpy<2; python_version<"3.12"', { name: 'numpy', specifier: '<2', marker: 'python_version<"3.12"' }],
    ['numpy<2 ; python_version < "3.12"', { name: 'numpy', specifier: '<2', marker: 'python_version < "3.12"' }],
    ['mypkg @ https://example.org/mypkg-1.0.tar.gz', { name: 'mypkg', url: 'https://example.org/mypkg-1.0.tar.gz' }],
    [
      'git+https://github.com/org/repo.git@v1#egg=repo',
      { name: 'repo', url: 'git+https://github.com/org/repo.git@v1#egg=repo' }
    ],
    [
      './wheels/tf_keras-2.16.0-py3-none-any.whl',
      // pip names a wheel by its normalised project name and pins its version.
      { name: 'tf-keras', specifier: '==2.16.0', url: './wheels/tf_keras-2.16.0-py3-none-any.whl' }
    ],
    ['tensorflow==2.16.0rc0', { name: 'tensorflow', specifier: '==2.16.0rc0' }]
  ])('%s', (text, expected) => {
    expect(parseRequirementLine(text)).toMatchObject({ ok: true, value: expected })
  })

  it.each(['tensorflow keras', 'numpy=>1.2', 'keras==3.0 tensorflow'])('rejects "%s" as pip would', text => {
    expect(parseRequirementLine(text)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/one requirement per line/)
    })
  })
})

describe('encodings', () => {
  it('reads UTF-8 with BOM, UTF-16 LE and BE with BOM', () => {
    const text = 'keras==3.0\r\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le.subarray(2)).swap16()
    const decoded = (bytes: Uint8Array) => {
      const result = decodeRequirementsBytes(bytes)
      return result.ok ? result.text : result.message
    }
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text)
    expect(decoded(le)).toBe(text)
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text)
  })
})

describe('requirement files with includes', () => {
  it('follows -r and -c relative to the including file, with lines and include chains', () => {
    const dir = repo({
      'requirements.txt':
        '--extra-index-url https://example.org/simple\n-r reqs/base.txt\n-c constraints.txt\nkeras>=3\n',
      'reqs/base.txt': 'tensorflow-cpu==2.21.0\n',
      'constraints.txt': 'numpy<2.3\n'
    })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    expect(set.problems).toEqual([])
    expect(set.options).toEqual(['--extra-index-url https://example.org/simple'])
    expect(set.requirements.map(r => [r.key, r.kind, path.relative(dir, r.location.file), r.location.line])).toEqual([
      ['tensorflow-cpu', 'requirement', path.join('reqs', 'base.txt'), 1],
      ['numpy', 'constraint', 'constraints.txt', 1],
      ['keras', 'requirement', 'requirements.txt', 4]
    ])
    expect(set.requirements[0].location.chain).toEqual([path.join(dir, 'requirements.txt')])
  })

  it('reports a cycle and a missing include at the including line, and reads on', () => {
    const dir = repo({ 'a.txt': '-r b.txt\n-r missing.txt\nkeras\n', 'b.txt': '-r a.txt\nnumpy\n' })
    const set = readRequirementFiles([path.join(dir, 'a.txt')])
    expect(set.requirements.map(r => r.key)).toEqual(['numpy', 'keras'])
    expect(set.problems.map(p => [path.basename(p.location.file), p.location.line])).toEqual([
      ['b.txt', 1],
      ['a.txt', 2]
    ])
    expect(set.problems[0].message).toMatch(/include cycle/)
    expect(set.problems[1].message).toMatch(/cannot read missing.txt/)
  })

  it('turns a line pip rejects into a problem and keeps reading', () => {
    const dir = repo({ 'requirements.txt': 'tensorflow keras\nnumpy\n--frobnicate\n' })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    expect(set.requirements.map(r => r.key)).toEqual(['numpy'])
    expect(set.problems.map(p => p.location.line)).toEqual([1, 3])
  })

  it('keeps option lines found mid-file, in order, and reads on', () => {
    const dir = repo({
      'requirements.txt': 'numpy<2\n--index-url https://mirror.example/simple\nkeras==2.15.0\n--pre\n-f ./wheels\n'
    })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    expect(set.options).toEqual(['--index-url https://mirror.example/simple', '--pre', '-f ./wheels'])
    expect(set.requirements.map(r => [r.key, r.location.line])).toEqual([
      ['numpy', 1],
      ['keras', 3]
    ])
  })

  it('expands ${VAR} from the environment and strips per-requirement hashes', () => {
    const dir = repo({ 'requirements.txt': 'tensorflow-cpu==${TF_VERSION} \\\n    --hash=sha256:0123\n' })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')], { env: { TF_VERSION: '2.21.0' } })
    expect(set.requirements[0]).toMatchObject({ key: 'tensorflow-cpu', specifier: '==2.21.0' })
  })
})

describe('discovery', () => {
  it('prefers requirements.txt, then a pyproject project', () => {
    expect(loadRequirements(repo({ 'requirements.txt': 'keras\n', 'pyproject.toml': '' }), []).files).toHaveLength(1)
    const project = repo({ 'pyproject.toml': '[project]\nname="x"\n' })
    expect(loadRequirements(project, [])).toMatchObject({ files: [], projectDir: project })
  })
  it('names what it looked for when nothing is there', () => {
    const empty = repo({})
    expect(() => loadRequirements(empty, [])).toThrow(ConfigError)
    expect(() => loadRequirements(empty, [])).toThrow(/neither requirements.txt nor pyproject.toml/)
    expect(() => loadRequirements(empty, ['reqs/ci.txt'])).toThrow(/requirements: reqs\/ci.txt not found \(looked for /)
    expect(() => loadRequirements(path.join(empty, 'nope'), [])).toThrow(/working-directory: .* does not exist/)
  })
})

describe('files that must not be read', () => {
  it('refuses an include that leaves the repository, naming file and line, unless allowed', () => {
    const outside = repo({ 'shared.txt': 'numpy\n' })
    const dir = repo({
      'requirements.txt': `keras\n-r ${path.join(path.relative(os.tmpdir(), outside), 'shared.txt').replace(/^/, '../')}\n`
    })
    const file = path.join(dir, 'requirements.txt')
    // A refused include is a problem at the including line (an include-refused finding), not a thrown error.
    const refused = readRequirementFiles([file], { root: dir })
    expect(refused.requirements.map(r => r.key)).toEqual(['keras'])
    expect(refused.problems).toEqual([
      expect.objectContaining({ kind: 'include', location: { file, line: 2, chain: [] } })
    ])
    expect(refused.problems[0].message).toMatch(/shared\.txt .*resolves outside the repository/)
    expect(readRequirementFiles([file], { root: dir, allowOutside: true }).requirements.map(r => r.key)).toEqual([
      'keras',
      'numpy'
    ])
  })
  it('reports a file pip cannot decode as a problem at the line of the first bad byte', () => {
    // pip decodes as UTF-8 (then the locale's encoding, UTF-8 on runners) and fails on 0xff: so does the reader.
    const dir = repo({ 'requirements.txt': Buffer.from([0, 1, 2, 0x0a, 0x62, 0xff]) })
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
    expect(set.requirements).toEqual([])
    expect(set.problems.map(p => [p.kind, p.location.line])).toEqual([['syntax', 2]])
    expect(set.problems[0].message).toMatch(/cannot decode this file as utf-8: byte 0xff is not valid UTF-8/)
  })
})
