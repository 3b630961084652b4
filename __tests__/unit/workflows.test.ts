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
  with?: Record<string, unknown>
}
interface Job {
  needs?: string[]
  if?: string
  steps: Step[]
  strategy?: { matrix?: Record<string, unknown> }
}
interface Workflow {
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
})
