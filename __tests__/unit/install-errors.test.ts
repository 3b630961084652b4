// Parsers fed with pip output captured from real runs; the same paths run live in __tests__/integration.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parsePipCheck, pipInstallArgs } from '../../src/install/pip.js'
import { fetchFailureLines, parsePipFailure } from '../../src/install/pip-errors.js'
import { toInstallResult } from '../../src/install/installer.js'
import { nearestVersions, pinnedVersion } from '../../src/versions/nearest.js'

const fixture = (name: string) => readFileSync(new URL(`../../__fixtures__/pip/${name}`, import.meta.url), 'utf8')

describe('pip failures', () => {
  it('reads ResolutionImpossible: every package in the conflict, pip’s words kept', () => {
    const error = parsePipFailure(fixture('conflict-tf215-keras3.txt'))
    expect(error.kind).toBe('conflict')
    expect(error.packages).toEqual(['keras', 'tensorflow-cpu'])
    expect(error.excerpt).toContain('tensorflow-cpu 2.15.1 depends on keras<2.16 and >=2.15.0')
  })

  it('reads a version that does not exist, with the versions the index offered', () => {
    const error = parsePipFailure(fixture('not-found-tensorflow-cpu-2.16.0.txt'))
    expect(error.kind).toBe('not-found')
    expect(error.packages).toEqual(['tensorflow-cpu'])
    expect(error.availableVersions).toContain('2.16.1')
    expect(error.excerpt).toMatch(/No matching distribution found for tensorflow-cpu==2.16.0/)
  })

  it('tells an unreachable index from a missing version', () => {
    const out =
      "WARNING: Retrying (Retry(total=0...)) after connection broken by 'NewConnectionError(... Connection refused)'\n" +
      'ERROR: Could not find a version that satisfies the requirement keras (from versions: none)\n' +
      'ERROR: No matching distribution found for keras\n'
    expect(parsePipFailure(out)).toMatchObject({ kind: 'network', packages: ['keras'] })
  })

  it('reads a failed source build', () => {
    const out =
      '  error: subprocess-exited-with-error\n\n  × Building wheel for h5py (pyproject.toml) did not run successfully.\nERROR: Failed to build h5py\n'
    expect(parsePipFailure(out)).toMatchObject({ kind: 'build', packages: ['h5py'] })
  })

  it('reads pip check lines', () => {
    const out =
      'tensorflow-cpu 2.15.1 has requirement keras<2.16,>=2.15.0, but you have keras 3.15.1.\nfoo 1.0 requires bar, which is not installed.\nNo broken requirements found.\n'
    expect(parsePipCheck(out)).toHaveLength(2)
    expect(parsePipCheck('No broken requirements found.\n')).toEqual([])
  })
})

describe('pip command line', () => {
  it('passes files and extras without bytecode compilation or prompts', () => {
    expect(
      pipInstallArgs({ files: ['/r/requirements.txt'], projectDir: '', projectExtras: [], extraPackages: ['tf-keras'] })
    ).toEqual([
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--no-compile',
      '--progress-bar',
      'off',
      '-r',
      '/r/requirements.txt',
      'tf-keras'
    ])
  })
})

describe('nearest versions', () => {
  const versions = ['2.15.0rc0', '2.15.0', '2.15.1', '2.16.0rc0', '2.16.1', '2.16.2', '2.17.0']
  it('names the real releases around a pin that does not exist', () => {
    expect(nearestVersions('2.16.0', versions)).toEqual(['2.15.1', '2.16.1', '2.16.2'])
    expect(nearestVersions('9.0', versions)).toEqual(['2.16.1', '2.16.2', '2.17.0'])
  })
  it('reads exact pins only', () => {
    expect(pinnedVersion('==2.16.0')).toBe('2.16.0')
    expect(pinnedVersion('==2.16.*')).toBe('')
    expect(pinnedVersion('>=2.16')).toBe('')
  })
})

describe('evidence excerpt', () => {
  it('keeps the conflict explanation and ERROR lines, not the download chatter', () => {
    const { excerpt } = parsePipFailure(fixture('conflict-tf215-keras3.txt'))
    expect(excerpt.split('\n')[0]).toBe('The conflict is caused by:')
    expect(excerpt).not.toMatch(/Downloading|is ignored|Collecting/)
    expect(excerpt).toMatch(/ERROR: ResolutionImpossible/)
  })
})

describe('pip failures that are not about the requirements', () => {
  it('reads a stalled index from pip’s debug log, where its console only says "from versions: none"', () => {
    const console = fixture('stalled-index.txt')
    expect(parsePipFailure(console).kind).toBe('not-found')
    const lines = fetchFailureLines(fixture('stalled-index.log'))
    expect(lines).toMatch(/^\nCould not fetch URL http:\/\/127\.0\.0\.1:\d+\/simple\/six\/: connection error/)
    const error = parsePipFailure(console + lines)
    expect(error).toMatchObject({ kind: 'network', packages: ['six'] })
    expect(error.excerpt).toMatch(/Read timed out/)
  })

  it('reads a full disk before anything else', () => {
    const out = 'ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n'
    expect(parsePipFailure(out).kind).toBe('disk')
  })

  it('says a killed or timed-out installer was stopped from outside, whatever it printed before', () => {
    const base = { stdout: '', stderr: 'Collecting six\n', seconds: 1, exitCode: null, timedOut: false, channel: '' }
    const killed = toInstallResult('pip', ['pip'], { ...base, signal: 'SIGKILL' }, 60_000, parsePipFailure)
    expect(killed.error).toMatchObject({ kind: 'killed', excerpt: expect.stringMatching(/^pip was killed by SIGKILL/) })
    const late = toInstallResult(
      'pip',
      ['pip'],
      { ...base, signal: 'SIGKILL', timedOut: true },
      120_000,
      parsePipFailure
    )
    expect(late.error?.excerpt).toMatch(/^pip did not finish within 2 minutes/)
    const fine = toInstallResult('pip', ['pip'], { ...base, exitCode: 0, signal: null }, 60_000, parsePipFailure)
    expect(fine.ok).toBe(true)
    expect(fine.error).toBeUndefined()
  })
})
