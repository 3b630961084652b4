// The CLI over the same engine, on the repository's own examples, with real installs.
import { describe, expect, it, jest } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { repoWith, runCli } from './helpers/runner.js'
import { eventually } from '../helpers/eventually.js'
import { schemaErrors } from '../helpers/report-schema.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(15 * 60_000)

describe('node dist/cli.js', () => {
  it('passes the Keras 2 example with pip: TensorFlow 2.15 serves Keras 2 as tf.keras', async () => {
    const { exitCode, stdout } = await runCli(['examples/keras2-green', '--json', '--installer', 'pip'])
    const report = JSON.parse(stdout)
    expect(schemaErrors('report', report)).toEqual([])
    expect(report.environment).toMatchObject({
      tfKeras: 'keras2',
      tensorflow: expect.stringMatching(/^2\.15\./),
      keras: '2.15.0'
    })
    expect(report.status).toBe('pass')
    expect(report.installer).toMatchObject({ name: 'pip', ok: true })
    expect(exitCode).toBe(0)
  })

  it.each([
    ['pip', 'tensorflow-cpu 2.15.1 depends on keras<2.16 and >=2.15.0'],
    ['uv', 'tensorflow-cpu==2.15.1 depends on keras>=2.15.0,<2.16']
  ])(
    'fails the broken example (%s) at both conflicting lines with exit code 1 and a readable report',
    async (installer, words) => {
      const { exitCode, stdout } = await runCli(['examples/broken-keras3-on-tf215', '--installer', installer])
      expect(exitCode).toBe(1)
      expect(stdout).toMatch(/^keras-compat FAIL/m)
      // One problem, one finding (issue #13, class 8): the installer's conflict is keras-tf-mismatch's evidence.
      expect(stdout).not.toContain('resolution-conflict')
      expect(stdout).toContain(
        'at examples/broken-keras3-on-tf215/requirements.txt:2, examples/broken-keras3-on-tf215/requirements.txt:3'
      )
      expect(stdout).toContain(words)
      expect(stdout).toContain('keras-tf-mismatch')
      // The one fix: the plan, proven by a real install and smoke test, as a diff of the repository's file.
      expect(stdout).toMatch(
        new RegExp(`Fix plan ✓ installs and passes the smoke test on Python 3\\.\\d+ \\(${installer}, `)
      )
      expect(stdout).toMatch(/^\s*\+tensorflow-cpu==2\.1[6-9]\.\d+$/m)
    }
  )

  it('prints a compatibility matrix for --tensorflow-versions, as a table and as JSON', async () => {
    const { exitCode, stdout } = await runCli([
      'examples/keras2-green',
      '--tensorflow-versions',
      '2.15, 2.16',
      '--json'
    ])
    const matrix = JSON.parse(stdout)
    expect(schemaErrors('report', matrix)).toEqual([])
    expect(matrix.kind).toBe('matrix')
    expect(
      matrix.entries.map((e: { requested: string; report: { status: string } }) => [e.requested, e.report.status])
    ).toEqual([
      ['2.15', 'pass'],
      ['2.16', 'fail']
    ])
    expect(exitCode).toBe(1)
    const table = await runCli(['examples/keras2-green', '--tensorflow-versions', '2.15, 2.16'])
    expect(table.stdout).toMatch(
      /^keras-compat matrix FAIL {2}Newest TensorFlow that works with the pins as they are: 2\.15\.1/m
    )
    expect(table.stdout).toMatch(/^2\.16 +— +❌ fail/m)
  })

  it('answers before its venv is unlinked: the folder name is free at exit, and the venv is gone soon after', async () => {
    const temp = scratchDir('cli-temp')
    const { stdout } = await runCli([repoWith('six==1.17.0\n'), '--json'], { TMPDIR: temp, RUNNER_TEMP: '' })
    expect(JSON.parse(stdout).stages.map((s: { name: string }) => s.name)).toContain('probe')
    // At exit only the trash the detached remover is emptying may be there, never the work folder under its name.
    expect(readdirSync(temp).filter(name => !name.startsWith('keras-compat-trash-'))).toEqual([])
    await eventually(() => readdirSync(temp).length === 0, 'the removal of the CLI venv')
  })

  it('exits 2 on a usage error', async () => {
    const { exitCode, stderr } = await runCli(['--fail-on', 'loud'])
    expect(exitCode).toBe(2)
    expect(stderr).toContain('--fail-on: "loud"')
  })
})
