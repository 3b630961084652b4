// The interface is a contract: action.yml, constants.ts and package.json must agree.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { USAGE } from '../../src/cli/args.js'
import { CONFIG_KEYS, INPUTS } from '../../src/config/inputs.js'
import { Outputs } from '../../src/core/constants.js'
import { VERSION } from '../../src/core/version.js'

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8')
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: Record<string, string>
}

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and sets, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(CONFIG_KEYS.map(k => INPUTS[k].input).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)])
      expect(entry.description.length).toBeGreaterThan(10)
  })
  it('gives the same defaults as the code', () => {
    expect(action.inputs['fail-on'].default).toBe('error')
    expect(action.inputs['timeout-minutes'].default).toBe('10')
    expect(action.inputs['working-directory'].default).toBe('.')
    for (const key of CONFIG_KEYS)
      expect({ input: INPUTS[key].input, default: action.inputs[INPUTS[key].input]?.default ?? '' }).toEqual({
        input: INPUTS[key].input,
        default: INPUTS[key].default
      })
  })
  it('runs the bundle on node24 with an always-run post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js', 'post-if': 'always()' })
  })
  it('has the version of package.json', () => {
    expect(VERSION).toBe(JSON.parse(read('package.json')).version)
  })
})

describe('the command line', () => {
  const forms = CONFIG_KEYS.map(key => ({ input: INPUTS[key].input, cli: INPUTS[key].cli }))
  const flags = forms.flatMap(f => ('flag' in f.cli ? [{ input: f.input, flag: f.cli.flag }] : []))

  it('takes every input as a flag, as DIR, or says why not, and its help lists every flag', () => {
    const missing = forms.filter(({ cli }) =>
      'flag' in cli
        ? !USAGE.includes(`--${cli.flag}`)
        : 'positional' in cli
          ? !USAGE.includes(`[${cli.positional}]`)
          : cli.why.length <= 10
    )
    expect(missing).toEqual([])
    expect(flags.length).toBeGreaterThan(15)
  })
  it('spells each flag as its input, or as the singular of a list input (--extra-package for extra-packages)', () => {
    expect(flags.filter(f => f.input !== f.flag && f.input !== `${f.flag}s`)).toEqual([])
  })
  it('documents every flag in the README', () => {
    const readme = read('README.md')
    expect(flags.filter(f => !readme.includes(`--${f.flag}`))).toEqual([])
  })
})

describe('README', () => {
  const readme = read('README.md')
  const tableNames = (heading: string) => {
    const section = readme.split(`### ${heading}`)[1]?.split(/\n#{2,3} /)[0] ?? ''
    return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map(m => m[1]).sort()
  }
  it('documents exactly the inputs and outputs of action.yml', () => {
    expect(tableNames('Inputs')).toEqual(Object.keys(action.inputs).sort())
    expect(tableNames('Outputs')).toEqual(Object.keys(action.outputs).sort())
  })
  it('shows the job-summary picture that npm run screenshot makes, and it is a PNG', () => {
    const image = /!\[[^\]]+\]\((docs\/images\/[^)]+\.png)\)/.exec(readme)?.[1]
    expect(image).toBe('docs/images/summary.png')
    expect(
      readFileSync(new URL(`../../${image}`, import.meta.url))
        .subarray(1, 4)
        .toString()
    ).toBe('PNG')
    expect(JSON.parse(read('package.json')).scripts.screenshot).toBe('node scripts/screenshot/summary.mjs')
  })
  it('has a section for every usage scenario', () => {
    for (const scenario of [
      'Basic',
      'Pull-request annotations',
      'TensorFlow matrix (one job per version)',
      'All versions in one job',
      'Legacy Keras',
      'Preflight only',
      'Reading the outputs',
      'On your machine',
      'Fan out over a workflow matrix (one runner per version)',
      'Code scanning (SARIF)',
      'Pull-request comment',
      'Config file and suppressions',
      'Only what the pull request introduced',
      'Bot upgrades and a required check',
      'pre-commit'
    ])
      expect(readme).toContain(`\n### ${scenario}\n`)
  })
  it('opens with the two commands: the check on an example, and the test suite', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    expect(firstBlock).toContain('node dist/cli.js examples/')
    expect(firstBlock).toContain('npm test')
  })
})
