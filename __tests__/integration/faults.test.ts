// Faults injected for real, run through the bundle as the runner runs it: each ends in the right finding, keeps
// the steps done so far, never reads as a pass, and leaves nothing behind but the JSON report.
import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { repoWith, runAction } from './helpers/runner.js'

jest.setTimeout(10 * 60_000)

function repoWithModule(name: string, code: string, requirements = 'six\n'): string {
  const repo = repoWith(requirements)
  writeFileSync(path.join(repo, `${name}.py`), code)
  return repo
}

async function fault(name: string, code: string, inputs: Record<string, string> = {}) {
  const run = await runAction({ workspace: repoWithModule(name, code), inputs: { 'smoke-imports': name, ...inputs } })
  const findings = JSON.parse(run.outputs.findings) as { id: string; title: string; explanation: string }[]
  const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as { steps: { step: string; status: string }[] }
  expect(run.outputs.status).toBe('fail')
  expect(run.leftInTemp).toHaveLength(1)
  return { run, findings, steps: report.steps }
}

describe('faults', () => {
  it('a module that hangs: timeout, naming the step, with the earlier steps kept', async () => {
    const { findings, steps } = await fault('hang', 'import time\ntime.sleep(600)\n', { 'timeout-minutes': '0.1' })
    expect(findings.find(f => f.id === 'timeout')).toMatchObject({ title: expect.stringContaining('"import:hang"') })
    expect(steps.find(s => s.step === 'python')?.status).toBe('ok')
  })

  it.each([
    ['SIGSEGV', /native extension crashed/],
    ['SIGILL', /AVX/]
  ])('a module that dies by %s: crash, naming the step and what the signal means', async (signal, meaning) => {
    const { findings } = await fault('boom', `import os, signal\nos.kill(os.getpid(), signal.${signal})\n`)
    expect(findings[0]).toMatchObject({
      id: 'crash',
      title: `Python was killed by ${signal} while running "import:boom"`
    })
    expect(findings[0].explanation).toMatch(meaning)
  })

  it('a probe cut off without its closing record (exit 0 mid-run) can never read as a pass', async () => {
    const { findings } = await fault('quit', 'import os\nos._exit(0)\n')
    expect(findings.map(f => f.id)).toContain('probe-incomplete')
  })

  it('an unreachable index: install-infrastructure, said to be the network, not a conflict', async () => {
    const run = await runAction({
      workspace: repoWith('tf-keras==2.21.0\n'),
      env: {
        PIP_CONFIG_FILE: '/dev/null',
        PIP_INDEX_URL: 'http://127.0.0.1:9/simple',
        PIP_EXTRA_INDEX_URL: '',
        PIP_FIND_LINKS: ''
      }
    })
    const findings = JSON.parse(run.outputs.findings) as { id: string; explanation: string }[]
    expect(run.outputs.status).toBe('fail')
    expect(findings.map(f => f.id)).toContain('install-infrastructure')
    expect(findings.find(f => f.id === 'install-infrastructure')!.explanation).toMatch(/not a conflict/)
    expect(run.leftInTemp).toHaveLength(1)
  })
})
