import { describe, expect, it } from '@jest/globals'
import { parseCli } from '../../src/cli/args.js'
import { runCli } from '../../src/cli/main.js'

describe('CLI flags', () => {
  it('reads repeatable flags into the same config as the action inputs', () => {
    const { config, json } = parseCli(
      [
        'repo',
        '--requirements',
        'a.txt',
        '--requirements',
        'b.txt',
        '--env',
        'TF_USE_LEGACY_KERAS=1',
        '--extra-package',
        'tf-keras',
        '--smoke-import',
        'mypkg',
        '--fail-on',
        'warning',
        '--json'
      ],
      '/home/u'
    )
    expect(json).toBe(true)
    expect(config).toMatchObject({
      workingDirectory: '/home/u/repo',
      requirements: ['a.txt', 'b.txt'],
      env: { TF_USE_LEGACY_KERAS: '1' },
      extraPackages: ['tf-keras'],
      smokeImports: ['mypkg'],
      failOn: 'warning',
      timeoutMinutes: 10
    })
  })

  it('reads --platform as often as given, into the platforms input', () => {
    const { config } = parseCli(
      ['repo', '--platform', 'macos', '--platform', 'windows-x86_64', '--platform', 'macos'],
      '/u'
    )
    expect(config.platforms).toEqual(['macos-arm64', 'windows-x86_64'])
    expect(() => parseCli(['repo', '--platform', 'beos'], '/u')).toThrow(/--platform: "beos" is not a platform/)
  })

  it('takes the model globs and the smoke command, and names the flag when a model path leaves the repository', async () => {
    const { config } = parseCli(
      ['repo', '--model', 'models/*.keras', '--model', 'export/sm', '--smoke-command', 'python -m pytest -x -q'],
      '/home/u'
    )
    expect(config).toMatchObject({
      models: { mode: 'list', patterns: ['models/*.keras', 'export/sm'] },
      smokeCommand: 'python -m pytest -x -q'
    })
    expect(parseCli(['repo', '--model', 'none'], '/home/u').config.models).toEqual({ mode: 'off' })
    const err: string[] = []
    const io = { stdout: () => undefined, stderr: (s: string) => void err.push(s), isTty: false, cwd: '/', env: {} }
    expect(await runCli(['--model', '../elsewhere.h5'], io)).toBe(2)
    expect(err.join('')).toContain('--model: "../elsewhere.h5" is outside the working directory')
  })

  it('exits 2 with a message naming the flag for bad usage', async () => {
    const err: string[] = []
    const io = { stdout: () => undefined, stderr: (s: string) => void err.push(s), isTty: false, cwd: '/', env: {} }
    expect(await runCli(['--fail-on', 'loud'], io)).toBe(2)
    expect(err.join('')).toContain('--fail-on: "loud" is not one of error, warning, never.')
    expect(await runCli(['--no-such-flag'], io)).toBe(2)
    expect(err.join('')).toContain("Unknown option '--no-such-flag'")
    expect(await runCli(['/definitely/not/here'], io)).toBe(2)
    expect(err.join('')).toContain('working-directory: /definitely/not/here does not exist')
  })

  it('exits 3, not 2, when keras-compat itself breaks, and shows where', async () => {
    const err: string[] = []
    const broken = {
      stdout: () => {
        throw new Error('stdout is gone')
      },
      stderr: (s: string) => void err.push(s),
      isTty: false,
      cwd: '/',
      env: {}
    }
    expect(await runCli(['--help'], broken)).toBe(3)
    expect(err.join('')).toMatch(/internal error: Error: stdout is gone\n\s+at /)
  })
})
