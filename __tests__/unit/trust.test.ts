// The pieces that keep the check trustworthy, each alone: secrets redacted, the step's command files put back,
// the post step acting only on what it owns, the project copied (never built in place), inputs bounded.
import { ConfigError } from '../../src/core/errors.js'
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { guardJobFiles } from '../../src/action/job-files.js'
import { parseEnv, parseExtraPackages, parseTimeout } from '../../src/config/parse.js'
import { createWorkDir, ownedWorkDir, OWNER_FILE } from '../../src/environment/workspace.js'
import { copyProject, inCopy, isLocalReference, ProjectTooLarge } from '../../src/environment/project-copy.js'
import { parseVersionList, parseVersionRequest } from '../../src/override/spec.js'
import { redactDeep, redactor, secretValues } from '../../src/report/redact.js'
import { escapeCommandData } from '../../src/util/crash-net.js'
import { scratchDir } from '../helpers/scratch.js'

const tmp = (name: string) => scratchDir(`trust-${name}`)

describe('secrets are redacted from everything written', () => {
  const processEnv = {
    ACTIONS_RUNTIME_TOKEN: 'runtime-token-123456',
    GITHUB_TOKEN: 'ghs_abcdefghijklmnop',
    MY_API_KEY: 'key-9876543210',
    PIP_INDEX_URL: 'https://user:p%40ssw0rd-long@pypi.corp/simple',
    GITHUB_SHA: 'a'.repeat(40),
    PATH: '/usr/bin'
  }
  const userEnv = { HF_TOKEN_VALUE: 'hf_abcdefgh12345', KERAS_BACKEND: 'tensorflow', SHORT: 'x1' }

  it('takes env-input values, credential-like variables and URL passwords; leaves switches and short values', () => {
    const secrets = secretValues(userEnv, processEnv)
    expect(secrets).toEqual(
      expect.arrayContaining([
        'runtime-token-123456',
        'ghs_abcdefghijklmnop',
        'key-9876543210',
        'p%40ssw0rd-long',
        'p@ssw0rd-long',
        'hf_abcdefgh12345'
      ])
    )
    expect(secrets).not.toContain('tensorflow')
    expect(secrets).not.toContain('x1')
    expect(secrets).not.toContain('a'.repeat(40))
  })

  it('replaces them in every string of a report, keys included, and leaves the rest', () => {
    const redact = redactor(secretValues(userEnv, processEnv))
    const report = {
      log: 'Looking in indexes: https://pypi.corp/hf_abcdefgh12345/simple',
      nested: [{ evidence: 'token runtime-token-123456 and p@ssw0rd-long' }],
      hf_abcdefgh12345: 1,
      keras: 'tensorflow 2.21.0'
    }
    const out = JSON.stringify(redactDeep(report, redact))
    for (const s of ['hf_abcdefgh12345', 'runtime-token-123456', 'p@ssw0rd-long']) expect(out).not.toContain(s)
    expect(out).toContain('tensorflow 2.21.0')
    expect(out).toContain('Looking in indexes: https://pypi.corp/***/simple')
  })
})

describe("the step's workflow command files", () => {
  function files() {
    const dir = tmp('job')
    const env: NodeJS.ProcessEnv = {}
    for (const v of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
      env[v] = path.join(dir, v.toLowerCase())
      writeFileSync(env[v], '')
    }
    return env
  }

  it('are put back when the code under test appends to them or rewrites them, and say what was written', () => {
    const env = files()
    writeFileSync(env.GITHUB_STATE!, 'work-dir<<EOF\n/x\nEOF\n')
    const guard = guardJobFiles(env)
    writeFileSync(env.GITHUB_OUTPUT!, 'status=pass\n', { flag: 'a' })
    writeFileSync(env.GITHUB_ENV!, 'NODE_OPTIONS=--require /tmp/evil.js\n', { flag: 'a' })
    writeFileSync(env.GITHUB_STATE!, 'rewritten')
    const changes = guard.restore()
    expect(changes.map(c => c.variable).sort()).toEqual(['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE'])
    expect(changes.find(c => c.variable === 'GITHUB_ENV')?.added).toContain('NODE_OPTIONS')
    expect(readFileSync(env.GITHUB_OUTPUT!, 'utf8')).toBe('')
    expect(readFileSync(env.GITHUB_ENV!, 'utf8')).toBe('')
    expect(readFileSync(env.GITHUB_STATE!, 'utf8')).toBe('work-dir<<EOF\n/x\nEOF\n')
  })

  it("keep keras-compat's own writes once refreshed, and report nothing when nothing changed", () => {
    const env = files()
    const guard = guardJobFiles(env)
    writeFileSync(env.GITHUB_STATE!, 'work-dir<<EOF\n/ours\nEOF\n', { flag: 'a' })
    guard.refresh('GITHUB_STATE')
    expect(guard.restore()).toEqual([])
    expect(readFileSync(env.GITHUB_STATE!, 'utf8')).toContain('/ours')
  })
})

describe('the post step acts only on a work folder this step made', () => {
  it('accepts the folder with its token, and refuses every look-alike', () => {
    const root = tmp('post')
    const work = createWorkDir(root, 'abc')
    expect(ownedWorkDir(work.root, work.token, root)).toBe(true)
    expect(ownedWorkDir(work.root, 'f'.repeat(32), root)).toBe(false) // another token
    expect(ownedWorkDir(path.relative(process.cwd(), work.root), work.token, root)).toBe(false) // relative
    expect(ownedWorkDir(`${work.root}/../${path.basename(work.root)}`, work.token, root)).toBe(false) // not normal
    expect(ownedWorkDir(work.root, work.token, tmp('other-root'))).toBe(false) // not under RUNNER_TEMP
    const foreign = path.join(root, 'keras-compat-foreign')
    mkdirSync(foreign)
    expect(ownedWorkDir(foreign, work.token, root)).toBe(false) // no owner file
    writeFileSync(path.join(foreign, OWNER_FILE), work.token)
    const link = path.join(root, 'keras-compat-link')
    symlinkSync(foreign, link)
    expect(ownedWorkDir(link, work.token, root)).toBe(false) // a link, not a folder
    expect(ownedWorkDir(path.join(root, 'sub', 'keras-compat-x'), work.token, root)).toBe(false) // not directly under
  })
})

describe('the project copy', () => {
  it('leaves out version control, venvs, caches and oversized files; keeps links as links', () => {
    const repo = tmp('repo')
    mkdirSync(path.join(repo, '.git', 'objects'), { recursive: true })
    mkdirSync(path.join(repo, '.venv'))
    writeFileSync(path.join(repo, '.venv', 'pyvenv.cfg'), 'home = /usr\n')
    mkdirSync(path.join(repo, 'pkg', '__pycache__'), { recursive: true })
    writeFileSync(path.join(repo, 'pkg', '__init__.py'), '')
    writeFileSync(path.join(repo, 'model.h5'), Buffer.alloc(2048))
    symlinkSync('pkg/__init__.py', path.join(repo, 'alias.py'))
    const dest = path.join(tmp('dest'), 'project')
    const copy = copyProject(repo, dest, { maxFileBytes: 1024, maxTotalBytes: 1024 * 1024 })
    expect(existsSync(path.join(dest, 'pkg', '__init__.py'))).toBe(true)
    for (const gone of ['.git', '.venv', 'pkg/__pycache__', 'model.h5'])
      expect(existsSync(path.join(dest, gone))).toBe(false)
    expect(readlinkSync(path.join(dest, 'alias.py'))).toBe('pkg/__init__.py')
    expect(copy.skipped).toEqual(expect.arrayContaining(['.git/', '.venv/', 'model.h5 (0 MB)']))
    expect(copy.gitDir).toBe(path.join(repo, '.git'))
    expect(inCopy(copy, path.join(repo, 'pkg'))).toBe(path.join(dest, 'pkg'))
    expect(inCopy(copy, '/elsewhere/x')).toBe('/elsewhere/x')
  })

  it('refuses a repository over the size limit, saying what to do', () => {
    const repo = tmp('big')
    writeFileSync(path.join(repo, 'a.bin'), Buffer.alloc(600))
    writeFileSync(path.join(repo, 'b.bin'), Buffer.alloc(600))
    expect(() => copyProject(repo, path.join(tmp('d'), 'p'), { maxFileBytes: 1000, maxTotalBytes: 1000 })).toThrow(
      ProjectTooLarge
    )
  })

  it('tells local paths from remote references', () => {
    for (const local of ['.', './pkg', '../lib', '/abs/pkg', 'file:///abs/pkg', 'dist/x-1.0-py3-none-any.whl'])
      expect(isLocalReference(local)).toBe(true)
    for (const remote of ['', 'https://host/x.whl', 'git+https://github.com/a/b', 'git+ssh://git@host/a'])
      expect(isLocalReference(remote)).toBe(false)
  })
})

describe('inputs are bounded and parsed like requirement lines', () => {
  it('refuses a timeout beyond six hours, and matrices longer than 20', () => {
    expect(parseTimeout('360', 'timeout-minutes', 10)).toBe(360)
    expect(() => parseTimeout('40000', 'timeout-minutes', 10)).toThrow(
      /timeout-minutes: 40000 minutes is more than 360/
    )
    const many = Array.from({ length: 21 }, (_, i) => `2.${i}`).join(',')
    expect(() => parseVersionList(many, 'tensorflow-versions')).toThrow(/tensorflow-versions: 21 versions/)
  })

  it('refuses options and unreadable markers in extra-packages, and anything but a version in tensorflow-version', () => {
    expect(
      parseExtraPackages(['six>=1; python_version >= "3.8"', 'https://host/x-1.0-py3-none-any.whl'], 'extra-packages')
    ).toHaveLength(2)
    for (const bad of ['-i https://evil/simple', '--index-url=https://evil', 'six; python_version >>> "3"'])
      expect(() => parseExtraPackages([bad], 'extra-packages')).toThrow(ConfigError)
    for (const bad of ['2.16; os_name == "nt"', '==2.16 @ https://evil', '2.16 --index-url x', '>=2.16,'])
      expect(() => parseVersionRequest(bad, 'tensorflow-version')).toThrow(/tensorflow-version: .* is not a version/)
    expect(parseVersionRequest('~=2.17.0', 'tensorflow-version')?.specifier).toBe('~=2.17.0')
  })

  it('refuses env entries that would hand the code under test the command files or credentials', () => {
    expect(() => parseEnv(['GITHUB_OUTPUT=/tmp/x'], 'env')).toThrow(/env: GITHUB_OUTPUT is the runner's own/)
    expect(() => parseEnv(['ACTIONS_RUNTIME_TOKEN=x'], 'env')).toThrow(ConfigError)
    expect(parseEnv(['GITHUB_SHA=abc'], 'env')).toEqual({ GITHUB_SHA: 'abc' })
  })

  it("escapes the crash net's message so that it cannot end or forge the workflow command", () => {
    expect(escapeCommandData('50%\r\n::set-output name=status::pass')).toBe('50%25%0D%0A::set-output name=status::pass')
  })
})
