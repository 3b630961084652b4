// The workflows' promises, read from the YAML: every example self-tested with its outputs asserted, one gate over
// every leg, third-party actions pinned by commit, read-only tokens that are not left in the checkout.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '../..')
const WORKFLOWS = path.join(ROOT, '.github/workflows')

interface Step {
  uses?: string
  run?: string
  id?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  needs?: string[] | string
  if?: string
  steps: Step[]
  strategy?: { matrix?: Record<string, unknown> }
  permissions?: Record<string, string>
  outputs?: Record<string, string>
}
interface Workflow {
  on: Record<string, Record<string, unknown> | null>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const workflow = (file: string) => parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow
const files = readdirSync(WORKFLOWS).filter(f => /\.ya?ml$/.test(f))

describe('workflows', () => {
  it.each(files)('%s: read-only token, actions pinned by commit, credentials not persisted', file => {
    const wf = workflow(file)
    expect(wf.permissions).toEqual({ contents: 'read' })
    const steps = Object.values(wf.jobs).flatMap(job => job.steps.filter(s => s.uses && s.uses !== './'))
    expect(steps.filter(s => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(s.uses!)).map(s => s.uses)).toEqual([])
    const checkouts = steps.filter(s => s.uses!.startsWith('actions/checkout@'))
    expect(checkouts.map(s => s.with?.['persist-credentials'])).toEqual(checkouts.map(() => false))
  })

  it('self-test: every example runs through `uses: ./` and its outputs are asserted in a later step', () => {
    const wf = workflow('self-test.yml')
    const examples = readdirSync(path.join(ROOT, 'examples'))
    const covered = new Set<string>()
    for (const [name, job] of Object.entries(wf.jobs)) {
      const check = job.steps.findIndex(s => s.uses === './')
      if (check < 0) continue
      const later = job.steps.slice(check + 1)
      expect({ job: name, asserted: later.some(s => s.run?.includes('assert-outputs.mjs')) }).toEqual({
        job: name,
        asserted: true
      })
      const dir = String(job.steps[check].with?.['working-directory'] ?? '')
      const matrixExamples = (job.strategy?.matrix?.example as string[] | undefined) ?? []
      if (dir.includes('${{ matrix.example }}')) matrixExamples.forEach(e => covered.add(e))
      else covered.add(path.basename(dir))
    }
    expect([...covered].sort()).toEqual(examples.sort())
  })

  it('self-test: the OS × TensorFlow matrix covers Linux, macOS and Windows', () => {
    const matrix = workflow('self-test.yml').jobs.tensorflow.strategy!.matrix!
    expect(matrix.os).toEqual(expect.arrayContaining(['ubuntu-latest', 'macos-latest', 'windows-latest']))
    expect((matrix.tensorflow as string[]).length).toBeGreaterThanOrEqual(2)
  })

  it('self-test: the gate job runs always and waits for every other job', () => {
    const wf = workflow('self-test.yml')
    const others = Object.keys(wf.jobs).filter(j => j !== 'gate')
    expect(wf.jobs.gate.if).toBe('always()')
    expect([...(wf.jobs.gate.needs ?? [])].sort()).toEqual(others.sort())
  })

  it.each(['ci.yml', 'self-test.yml'])(
    '%s can be a required check: no paths filter, and it runs in the merge queue',
    file => {
      const on = workflow(file).on
      expect(Object.keys(on)).toEqual(expect.arrayContaining(['pull_request', 'merge_group']))
      for (const trigger of Object.values(on)) {
        expect(Object.keys(trigger ?? {})).not.toContain('paths')
        expect(Object.keys(trigger ?? {})).not.toContain('paths-ignore')
      }
    }
  )

  it('ci: a fast job (lint, unit tests, dist check) apart from the integration job (cache, test constraints)', () => {
    const { fast, integration } = workflow('ci.yml').jobs
    const runs = (job: Job) => job.steps.map(s => s.run ?? '').join('\n')
    expect(runs(fast)).toContain('npm run lint')
    expect(runs(fast)).toContain('npm run test:unit')
    expect(runs(fast)).toMatch(/npm run bundle[\s\S]*git status --porcelain -- dist/)
    expect(runs(fast)).not.toContain('--selectProjects integration')
    expect(integration.needs).toBe('fast')
    expect(runs(integration)).toContain('scripts/test-constraints.mjs')
    expect(runs(integration)).toContain('--selectProjects integration')
    expect(runs(integration)).toContain('scripts/no-skips.mjs')
    const cache = integration.steps.find(s => s.uses?.startsWith('actions/cache@'))
    expect(cache?.with?.path).toBe('~/.cache/keras-compat')
    expect(String(cache?.with?.key)).toContain("hashFiles('__tests__/integration/constraints.txt'")
    expect(runs(integration)).toContain('KERAS_COMPAT_CACHE_DIR=$HOME/.cache/keras-compat')
  })

  it('canary: daily, latest and nightly through `uses: ./`, and only its job may write issues', () => {
    const wf = workflow('canary.yml')
    expect(Object.keys(wf.on)).toContain('schedule')
    const job = wf.jobs.canary
    expect((job.strategy!.matrix as Record<string, string[]>).tensorflow).toEqual(['latest', 'nightly'])
    expect(job.permissions).toEqual({ contents: 'read', issues: 'write' })
    const check = job.steps.find(s => s.uses === './')!
    expect(check.with?.['tensorflow-version']).toBe('${{ matrix.tensorflow }}')
    const compare = job.steps.find(s => s.run?.includes('.github/canary/verdict.mjs'))!
    expect(compare.env?.REPORT).toBe('${{ steps.check.outputs.report }}')
    expect(job.steps.find(s => s.run?.includes('gh issue create'))?.if).toBe("steps.compare.outputs.changed == 'true'")
  })

  it('dependabot keeps npm and the pinned actions up to date', () => {
    const config = parse(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number
      updates: { 'package-ecosystem': string }[]
    }
    expect(config.version).toBe(2)
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
  })

  it("self-test: the fan-out's matrix comes from the plan job's tensorflow-matrix output", () => {
    const { plan, 'fan-out': fanOut } = workflow('self-test.yml').jobs
    expect(plan.outputs?.['tensorflow-matrix']).toBe('${{ steps.check.outputs.tensorflow-matrix }}')
    expect(fanOut.needs).toBe('plan')
    expect(fanOut.strategy?.matrix).toEqual({ tensorflow: '${{ fromJSON(needs.plan.outputs.tensorflow-matrix) }}' })
    expect(fanOut.steps.find(s => s.uses === './')?.with?.['tensorflow-version']).toBe('${{ matrix.tensorflow }}')
  })
})
