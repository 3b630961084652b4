import { ConfigError } from '../../src/core/errors.js'
import { describe, expect, it } from '@jest/globals'
import { parsePlatforms, splitLines } from '../../src/config/parse.js'
import { readConfig } from '../../src/config/action.js'
import { type ConfigKey, INPUTS } from '../../src/config/inputs.js'
import { type Config } from '../../src/config/types.js'

/** One input read through the table, as the action reads it (errors name the input). */
const read = <K extends ConfigKey>(key: K, raw: string): Config[K] =>
  (INPUTS[key].read as (raw: string, source: string, base: string) => Config[K])(raw, INPUTS[key].input, '/ws')
const parseEnv = (lines: string[]) => read('env', lines.join('\n'))
const parseFailOn = (raw: string) => read('failOn', raw)
const parseTimeout = (raw: string) => read('timeoutMinutes', raw)
const parseSmokeImports = (lines: string[]) => read('smokeImports', lines.join('\n'))
const parseExtraPackages = (lines: string[]) => read('extraPackages', lines.join('\n'))

describe('multi-line inputs', () => {
  it('drops blank and comment lines and trims', () => {
    expect(splitLines('  a \n\n# note\r\nb\n')).toEqual(['a', 'b'])
  })
})

describe('env', () => {
  it('reads KEY=VALUE, keeping = inside the value', () => {
    expect(parseEnv(['TF_USE_LEGACY_KERAS=1', 'X=a=b', 'EMPTY='])).toEqual({
      TF_USE_LEGACY_KERAS: '1',
      X: 'a=b',
      EMPTY: ''
    })
  })
  it.each([
    ['NOEQUALS', /env: entry 1 is not KEY=VALUE/],
    ['=1', /not KEY=VALUE/],
    ['1BAD=x', /"1BAD" is not a valid variable name/],
    ['A-B=x', /"A-B" is not a valid variable name/]
  ])('rejects %s with a message naming the input', (line, message) => {
    expect(() => parseEnv([line])).toThrow(ConfigError)
    expect(() => parseEnv([line])).toThrow(message)
  })
})

describe('fail-on and timeout-minutes', () => {
  it('accepts the three levels, any case, default error', () => {
    expect(parseFailOn('')).toBe('error')
    expect(parseFailOn('Warning')).toBe('warning')
    expect(parseFailOn('never')).toBe('never')
  })
  it('names the input and the accepted values on a bad level', () => {
    expect(() => parseFailOn('always')).toThrow('fail-on: "always" is not one of error, warning, never.')
  })
  it('reads positive minutes and rejects the rest', () => {
    expect(parseTimeout('')).toBe(10)
    expect(parseTimeout('2.5')).toBe(2.5)
    for (const bad of ['0', '-1', 'ten', 'Infinity'])
      expect(() => parseTimeout(bad)).toThrow(/timeout-minutes: .* positive number/)
  })
  it('rejects smoke imports that are not module names', () => {
    expect(parseSmokeImports(['tensorflow_probability', 'pkg.sub'])).toEqual(['tensorflow_probability', 'pkg.sub'])
    expect(() => parseSmokeImports(['import os'])).toThrow(/smoke-imports: "import os"/)
  })
})

describe('readConfig', () => {
  it('reads every input once, resolving the working directory against the workspace', () => {
    const inputs: Record<string, string> = {
      'working-directory': 'sub',
      requirements: 'requirements.txt\nrequirements-dev.txt',
      env: 'TF_USE_LEGACY_KERAS=1',
      'extra-packages': 'tf-keras~=2.21.0',
      'smoke-imports': 'mypkg',
      'fail-on': 'warning',
      'timeout-minutes': '3',
      platforms: 'macos, windows',
      models: 'models/*.keras\nexport/classifier',
      'smoke-command': '  python -m pytest tests -x -q\n'
    }
    const config = readConfig(name => inputs[name] ?? '', '/ws')
    expect(config).toEqual({
      workingDirectory: '/ws/sub',
      requirements: ['requirements.txt', 'requirements-dev.txt'],
      python: process.platform === 'win32' ? 'python' : 'python3',
      env: { TF_USE_LEGACY_KERAS: '1' },
      extraPackages: ['tf-keras~=2.21.0'],
      smokeImports: ['mypkg'],
      failOn: 'warning',
      timeoutMinutes: 3,
      extras: [],
      groups: [],
      preflightOnly: false,
      installer: 'auto',
      cache: 'auto',
      tensorflowVersion: undefined,
      kerasVersion: undefined,
      legacyKeras: false,
      tensorflowVersions: [],
      matrixPass: 'all',
      allowOutsideWorkspace: false,
      platforms: ['macos-arm64', 'windows-x86_64'],
      verifyFix: 'install',
      comment: 'never',
      githubToken: '',
      configFile: { path: '/ws/.github/keras-compat.yml', named: false },
      baseline: { kind: 'none' },
      maxVersions: 5,
      models: { mode: 'list', patterns: ['models/*.keras', 'export/classifier'] },
      smokeCommand: 'python -m pytest tests -x -q'
    })
  })
})

describe('platforms', () => {
  it.each([
    ['linux', ['linux-x86_64']],
    ['macos', ['macos-arm64']],
    ['windows', ['windows-x86_64']],
    ['Linux-ARM64, macos-x86_64', ['linux-aarch64', 'macos-x86_64']],
    ['linux\nlinux-x86_64\nlinux-aarch64', ['linux-x86_64', 'linux-aarch64']],
    ['', []]
  ])('%j → %j', (raw, expected) => {
    expect(parsePlatforms(raw, 'platforms')).toEqual(expected)
  })
  it('names the input and the accepted forms on anything else', () => {
    expect(() => parsePlatforms('linux, solaris', 'platforms')).toThrow(
      /platforms: "solaris" is not a platform.*linux, macos or windows/
    )
    expect(() => parsePlatforms('windows-arm64', '--platform')).toThrow(/--platform: .*no Windows arm64 wheels/)
  })
})

describe('comment, baseline, max-versions', () => {
  it('reads the choices and refuses what git or the API could misread', () => {
    expect(read('comment', 'On-Failure')).toBe('on-failure')
    expect(() => read('comment', 'sometimes')).toThrow('comment: "sometimes" is not one of never, on-failure, always.')
    expect(read('baseline', '')).toEqual({ kind: 'none' })
    expect(read('baseline', 'AUTO')).toEqual({ kind: 'auto' })
    expect(read('baseline', 'origin/main')).toEqual({ kind: 'ref', ref: 'origin/main' })
    expect(read('baseline', 'v1.2~3')).toEqual({ kind: 'ref', ref: 'v1.2~3' })
    for (const bad of ['--output=x', 'main..feature', 'HEAD@{1}', 'a b', 'main:file'])
      expect(() => read('baseline', bad)).toThrow(/baseline: .* is not none, auto or a git revision/)
    expect(read('maxVersions', '')).toBe(5)
    expect(read('maxVersions', '12')).toBe(12)
    for (const bad of ['0', '2.5', '51', 'all'])
      expect(() => read('maxVersions', bad)).toThrow(/max-versions: .* whole number/)
    expect(read('configFile', 'ci/k.yml')).toEqual({ path: '/ws/ci/k.yml', named: true })
    expect(read('configFile', '')).toEqual({ path: '/ws/.github/keras-compat.yml', named: false })
  })
})

describe('models and smoke-command', () => {
  const read = (inputs: Record<string, string>) => readConfig(name => inputs[name] ?? '', '/ws')
  it('models: empty is auto, none is off, paths and globs are kept with / separators', () => {
    expect(read({}).models).toEqual({ mode: 'auto' })
    expect(read({ models: 'None' }).models).toEqual({ mode: 'off' })
    expect(read({ models: 'a\\b.h5\n# a comment\n**/*.keras' }).models).toEqual({
      mode: 'list',
      patterns: ['a/b.h5', '**/*.keras']
    })
  })
  it('models: refuses paths outside the working directory, and none beside paths, naming the input', () => {
    for (const bad of ['/etc/passwd', '../other/m.keras', 'a/../../b.h5', 'C:\\m.h5'])
      expect(() => read({ models: bad })).toThrow(/models: ".*" is outside the working directory/)
    expect(() => read({ models: 'none\nm.keras' })).toThrow(/models: "none" turns model loading off/)
  })
  it('smoke-command: one line, trimmed; several lines are refused', () => {
    expect(read({ 'smoke-command': '' }).smokeCommand).toBe('')
    expect(() => read({ 'smoke-command': 'pytest\npython x.py' })).toThrow(/smoke-command: give one command line/)
  })
})

describe('extra-packages', () => {
  it('accepts requirements and names the input on anything else', () => {
    expect(parseExtraPackages(['tf-keras~=2.21.0', 'numpy<2; python_version < "3.12"'])).toHaveLength(2)
    expect(() => parseExtraPackages(['tf-keras numpy'])).toThrow(
      /extra-packages: "tf-keras numpy" is not a requirement/
    )
  })
})
