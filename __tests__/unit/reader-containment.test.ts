// What the reader will not read: anything that resolves outside the repository (through committed symlinks to
// files or folders), anything that is not a regular file (named pipes, devices, sockets, folders), files over the
// size cap, symlink loops, and includes past the read and depth caps. Inputs are refused with a ConfigError that
// names them; includes become include-refused findings at the including line, and reading goes on.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { ConfigError } from '../../src/core/errors.js'
import { diagnose } from '../../src/diagnose/index.js'
import { loadRequirements } from '../../src/requirements/discover.js'
import { MAX_FILE_BYTES } from '../../src/requirements/guard.js'
import { MAX_INCLUDE_DEPTH, MAX_INCLUDE_READS, readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const made: string[] = []

function dir(files: Record<string, string> = {}): string {
  const d = scratchDir('contain')
  made.push(d)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true })
    writeFileSync(path.join(d, name), content)
  }
  return d
}

afterAll(() => made.forEach(d => rmSync(d, { recursive: true, force: true })))

const SECRET_LINE = 'outside-secret-package==6.6.6'

function read(repo: string, allowOutside = false) {
  return readRequirementFiles([path.join(repo, 'requirements.txt')], { root: repo, allowOutside, cwd: repo })
}

function includeProblems(repo: string, allowOutside = false) {
  const set = read(repo, allowOutside)
  expect(JSON.stringify(set)).not.toContain('outside-secret-package')
  return set.problems.map(p => ({ kind: p.kind, line: p.location.line, message: p.message }))
}

describe('includes that leave the repository', () => {
  it('refuses a committed symlink to a file outside, at the including line, and reads on', () => {
    const outside = dir({ 'secret.txt': `${SECRET_LINE}\n` })
    const repo = dir({ 'requirements.txt': 'keras\n-r shared.txt\nnumpy\n' })
    symlinkSync(path.join(outside, 'secret.txt'), path.join(repo, 'shared.txt'))
    expect(includeProblems(repo)).toEqual([
      { kind: 'include', line: 2, message: expect.stringMatching(/shared\.txt .*resolves outside the repository/) }
    ])
    expect(read(repo).requirements.map(r => r.key)).toEqual(['keras', 'numpy'])
    expect(read(repo, true).requirements.map(r => r.key)).toEqual(['keras', 'outside-secret-package', 'numpy'])
  })

  it('refuses an include through a committed symlink to a folder outside', () => {
    const outside = dir({ 'reqs/base.txt': `${SECRET_LINE}\n` })
    const repo = dir({ 'requirements.txt': '-r shared/reqs/base.txt\n' })
    symlinkSync(outside, path.join(repo, 'shared'))
    expect(includeProblems(repo)).toEqual([
      { kind: 'include', line: 1, message: expect.stringMatching(/resolves outside the repository/) }
    ])
  })

  it('refuses ../ paths out of the repository, and absolute ones', () => {
    const outside = dir({ 'secret.txt': `${SECRET_LINE}\n` })
    const repo = dir({
      'requirements.txt': `-r ${path.relative(os.tmpdir(), outside).replace(/^/, '../')}/secret.txt\n-r ${outside}/secret.txt\n`
    })
    expect(includeProblems(repo).map(p => [p.kind, p.line])).toEqual([
      ['include', 1],
      ['include', 2]
    ])
  })

  it('refuses a top-level file that is a symlink out of the repository, naming the input', () => {
    const outside = dir({ 'secret.txt': `${SECRET_LINE}\n` })
    const repo = dir()
    symlinkSync(path.join(outside, 'secret.txt'), path.join(repo, 'requirements.txt'))
    const load = () => loadRequirements(repo, [], { root: repo })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(
      /^requirements: requirements\.txt \(found in working-directory\) .* resolves outside the repository/
    )
    expect(() => loadRequirements(repo, ['requirements.txt'], { root: repo })).toThrow(
      /requirements: requirements\.txt .*resolves outside.*allow-outside-workspace/
    )
    expect(loadRequirements(repo, [], { root: repo, allowOutside: true }).requirements.map(r => r.key)).toEqual([
      'outside-secret-package'
    ])
  })
})

describe('files that are not regular files', () => {
  it('refuses a named pipe at once, without opening it (an include and an input)', () => {
    const repo = dir({ 'requirements.txt': 'keras\n-r pipe.txt\n' })
    execFileSync('mkfifo', [path.join(repo, 'pipe.txt')])
    const started = Date.now()
    expect(includeProblems(repo)).toEqual([
      { kind: 'include', line: 2, message: expect.stringMatching(/pipe\.txt .*is a named pipe \(FIFO\), not a file/) }
    ])
    expect(() => loadRequirements(repo, ['pipe.txt'], { root: repo })).toThrow(/requirements: pipe\.txt .*named pipe/)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses a device (a symlink to /dev/zero), as outside and, when outside is allowed, as a device', () => {
    const repo = dir({ 'requirements.txt': '-r zero.txt\n' })
    symlinkSync('/dev/zero', path.join(repo, 'zero.txt'))
    expect(includeProblems(repo)[0].message).toMatch(/resolves outside the repository/)
    expect(includeProblems(repo, true)[0].message).toMatch(/zero\.txt .*is a character device, not a file/)
  })

  it('refuses a socket and a folder', async () => {
    const repo = dir({ 'requirements.txt': '-r sock\n-r folder\n', 'folder/x.txt': 'numpy\n' })
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(path.join(repo, 'sock'), resolve))
    try {
      expect(includeProblems(repo).map(p => p.message)).toEqual([
        expect.stringMatching(/sock .*is a socket, not a file/),
        expect.stringMatching(/folder .*is a directory, not a file/)
      ])
    } finally {
      server.close()
    }
  })

  it('names a folder called requirements.txt or pyproject.toml', () => {
    const withTxt = dir({ 'requirements.txt/x': '' })
    expect(() => loadRequirements(withTxt, [], { root: withTxt })).toThrow(
      /requirements: requirements\.txt \(found in working-directory\) .* is a directory, not a file/
    )
    const withToml = dir({ 'pyproject.toml/x': '' })
    expect(() => loadRequirements(withToml, [], { root: withToml })).toThrow(
      /requirements: pyproject\.toml \(found in working-directory\) .* is a directory, not a file/
    )
    expect(() => loadRequirements(withTxt, ['requirements.txt'], { root: withTxt })).toThrow(/is a directory/)
  })

  it('refuses a file over the size cap unread', () => {
    const repo = dir({ 'requirements.txt': '-r big.txt\n' })
    const fd = openSync(path.join(repo, 'big.txt'), 'w')
    ftruncateSync(fd, MAX_FILE_BYTES + 1)
    closeSync(fd)
    expect(includeProblems(repo)[0].message).toMatch(/big\.txt .*is larger than 16 MiB/)
    expect(() => loadRequirements(repo, ['big.txt'], { root: repo })).toThrow(
      /requirements: big\.txt .*larger than 16 MiB/
    )
  })
})

describe('links that go nowhere, and includes without end', () => {
  it('ends a symlink loop, and names a link to nothing', () => {
    const repo = dir({ 'requirements.txt': '-r a.txt\n-r gone.txt\n-r missing.txt\n' })
    symlinkSync(path.join(repo, 'b.txt'), path.join(repo, 'a.txt'))
    symlinkSync(path.join(repo, 'a.txt'), path.join(repo, 'b.txt'))
    symlinkSync(path.join(repo, 'nothing.txt'), path.join(repo, 'gone.txt'))
    expect(includeProblems(repo).map(p => p.message)).toEqual([
      expect.stringMatching(/a\.txt .*is a symbolic link loop/),
      expect.stringMatching(/gone\.txt .*is a symbolic link to nothing/),
      expect.stringMatching(/missing\.txt .*does not exist/)
    ])
  })

  it('follows at most MAX_INCLUDE_READS includes, then says so once, at the line where it stopped', () => {
    const lines = Array.from({ length: MAX_INCLUDE_READS + 200 }, () => '-r other.txt')
    const repo = dir({ 'requirements.txt': lines.join('\n') + '\n', 'other.txt': 'numpy\n' })
    const set = read(repo)
    // pip reads an include as often as it is named: each read counts, cached or not.
    expect(set.requirements).toHaveLength(MAX_INCLUDE_READS)
    expect(set.problems.map(p => [p.kind, p.location.line])).toEqual([['include', MAX_INCLUDE_READS + 1]])
  })

  it('stops nesting at MAX_INCLUDE_DEPTH with a located problem', () => {
    const files: Record<string, string> = { 'requirements.txt': '-r f0.txt\n' }
    for (let i = 0; i < MAX_INCLUDE_DEPTH + 20; i++) files[`f${i}.txt`] = `pkg${i}\n-r f${i + 1}.txt\n`
    const set = read(dir(files))
    expect(set.problems).toHaveLength(1)
    expect(set.problems[0]).toMatchObject({ kind: 'include', location: { line: 2 } })
    expect(set.problems[0].message).toMatch(/nested more than 100 deep/)
  })
})

describe('findings', () => {
  it('turns a refused include into an include-refused error at the including line, and syntax into parse-error', () => {
    const repo = dir({ 'requirements.txt': 'keras\n-r missing.txt\ntensorflow keras\n' })
    const findings = diagnose({
      requirements: read(repo),
      pathBase: repo,
      pipCheck: [],
      probeEnv: {},
      timeoutMinutes: 10
    })
    expect(findings.map(f => [f.id, f.severity, f.locations])).toEqual([
      ['include-refused', 'error', [{ file: 'requirements.txt', line: 2 }]],
      ['parse-error', 'error', [{ file: 'requirements.txt', line: 3 }]]
    ])
  })
})
