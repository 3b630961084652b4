// The config file (.github/keras-compat.yml): any input, plus `ignore:` entries; every error names the file, the line
// and the key; inputs given to the step (or on the command line) win over the file, and the log says so.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseCli } from '../../src/cli/args.js'
import { readActionSettings } from '../../src/config/action.js'
import { parseConfigText } from '../../src/config/file.js'
import { INPUTS } from '../../src/config/inputs.js'
import { ConfigError } from '../../src/core/errors.js'
import { scratchDir } from '../helpers/scratch.js'

const NAME = '.github/keras-compat.yml'
const parse = (text: string) => parseConfigText(text, NAME)
const error = (text: string) => {
  try {
    parse(text)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e instanceof ConfigError ? e.message : String(e)
  }
  throw new Error('no error')
}

/** A workspace with the config file in it, and the action's inputs as the runner gives them (defaults filled in). */
function workspace(text: string | undefined, given: Record<string, string> = {}) {
  const ws = scratchDir('cfg')
  writeFileSync(path.join(ws, 'requirements.txt'), 'six\n')
  if (text !== undefined) {
    mkdirSync(path.join(ws, '.github'), { recursive: true })
    writeFileSync(path.join(ws, NAME), text)
  }
  const defaults = Object.fromEntries(Object.values(INPUTS).map(row => [row.input, row.default]))
  const inputs: Record<string, string> = { ...defaults, ...given }
  return { ws, settings: () => readActionSettings(name => inputs[name] ?? '', ws) }
}

describe('reading the config file', () => {
  it('takes any input in YAML: text, numbers, booleans, lists, and env as a map', () => {
    const file = parse(
      [
        'fail-on: warning',
        'timeout-minutes: 2.5',
        'legacy-keras: true',
        'requirements:',
        '  - requirements.txt',
        '  - requirements-dev.txt',
        'env:',
        '  TF_USE_LEGACY_KERAS: 1',
        'tensorflow-versions: [2.15, "2.21"]'
      ].join('\n')
    )
    expect(file.values).toEqual({
      failOn: { raw: 'warning', line: 1 },
      timeoutMinutes: { raw: '2.5', line: 2 },
      legacyKeras: { raw: 'true', line: 3 },
      requirements: { raw: 'requirements.txt\nrequirements-dev.txt', line: 4 },
      env: { raw: 'TF_USE_LEGACY_KERAS=1', line: 7 },
      tensorflowVersions: { raw: '2.15\n2.21', line: 9 }
    })
  })

  it('reads ignore entries with their lines, any package spelling, optional file and until', () => {
    const file = parse(
      [
        '# accepted risks',
        'ignore:',
        '  - id: pip-check',
        '    reason: tensorboard declares an old protobuf range; it works',
        '  - id: keras-tf-mismatch',
        '    package: Keras',
        '    file: services/**/requirements*.txt',
        "    reason: 'migrating in #123'",
        '    until: 2030-06-30'
      ].join('\n')
    )
    expect(file.ignore).toEqual([
      expect.objectContaining({
        id: 'pip-check',
        reason: 'tensorboard declares an old protobuf range; it works',
        source: { file: NAME, line: 3 }
      }),
      {
        id: 'keras-tf-mismatch',
        package: 'Keras',
        file: 'services/**/requirements*.txt',
        reason: 'migrating in #123',
        until: '2030-06-30',
        source: { file: NAME, line: 5 }
      }
    ])
  })

  it('requires a reason, naming the file, the line and the entry', () => {
    expect(error('ignore:\n  - id: pip-check\n')).toBe(
      `${NAME}:2: ignore[1].reason: a reason is required: say why this finding may be ignored`
    )
    expect(error('ignore:\n  - id: pip-check\n    reason: "  "\n')).toMatch(
      /^\.github\/keras-compat\.yml:3: ignore\[1\]\.reason/
    )
  })

  it('locates bad YAML by line and column', () => {
    expect(error('fail-on: warning\nenv:\n  A: 1\n B: 2\n')).toMatch(
      /^\.github\/keras-compat\.yml:4:\d+: not valid YAML: /
    )
    expect(error('fail-on: [warning\n')).toMatch(/^\.github\/keras-compat\.yml:\d+:\d+: not valid YAML/)
    expect(error('fail-on: a\nfail-on: b\n')).toMatch(/^\.github\/keras-compat\.yml:2:\d+: not valid YAML: .*unique/i)
  })

  it('names the line and key of every other mistake', () => {
    expect(error('fail-on: a\nfail_on: warning\n')).toMatch(/^\.github\/keras-compat\.yml:2: fail_on: not an input/)
    expect(error('github-token: ghp_x\n')).toMatch(/:1: github-token: a token does not belong/)
    expect(error('\n\nconfig-file: other.yml\n')).toMatch(/:3: config-file: the file cannot name another one/)
    expect(error('ignore:\n  - id: no-such-id\n    reason: r\n')).toMatch(
      /:2: ignore\[1\]\.id: "no-such-id" is not a finding id/
    )
    expect(error('ignore:\n  - id: pip-check\n    reason: r\n    until: 2030-02-30\n')).toMatch(
      /:4: ignore\[1\]\.until: "2030-02-30" is not a date written YYYY-MM-DD/
    )
    expect(error('ignore:\n  - id: pip-check\n    reson: r\n')).toMatch(/:3: ignore\[1\]\.reson: not a field/)
    expect(error('ignore:\n  - id: job-files-tampered\n    reason: r\n')).toMatch(/cannot be ignored/)
    expect(error('extras: {a: 1}\n')).toMatch(/:1: extras: a map is accepted only for env/)
    expect(error('- just\n- a list\n')).toMatch(/:1: \(top level\): the file must be a map/)
  })

  it('an empty file sets nothing', () => {
    expect(parse('# nothing yet\n')).toEqual({ name: NAME, values: {}, ignore: [] })
  })
})

describe('layering the file under the inputs', () => {
  it('uses the file for inputs left at their defaults, and says when a given input wins over it', () => {
    const { settings } = workspace('fail-on: warning\ntimeout-minutes: 3\n', { 'timeout-minutes': '7' })
    const s = settings()
    expect(s.config.failOn).toBe('warning')
    expect(s.config.timeoutMinutes).toBe(7)
    expect(s.notes).toEqual([`timeout-minutes: the value given to the step wins over the one in ${NAME} (line 2).`])
  })

  it('an input the runner leaves empty does not win over the file either', () => {
    const { settings } = workspace('preflight-only: true\n', { 'preflight-only': '' })
    expect(settings().config.preflightOnly).toBe(true)
  })

  it("puts the file's line in a bad value's error", () => {
    const { settings } = workspace('\nfail-on: loudly\n')
    expect(settings).toThrow(`${NAME}:2: fail-on: "loudly" is not one of error, warning, never.`)
  })

  it('needs no file at the default path, but a named one must exist', () => {
    expect(workspace(undefined).settings().file).toBeUndefined()
    const { settings } = workspace(undefined, { 'config-file': 'ci/keras.yml' })
    expect(settings).toThrow(/config-file: ci\/keras\.yml not found/)
  })

  it('the command line layers the same way: flags given win, the rest comes from the file', () => {
    const { ws } = workspace('fail-on: warning\nmax-versions: 2\n')
    const cli = parseCli(['--max-versions', '4'], ws)
    expect(cli.config).toMatchObject({ failOn: 'warning', maxVersions: 4 })
    expect(cli.settings.notes).toHaveLength(1)
    expect(() => parseCli(['--config-file', 'missing.yml'], ws)).toThrow(/missing\.yml not found/)
  })
})
