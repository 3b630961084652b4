// The smoke command: how a command line is run (words or a shell, and why), and real runs through the real process
// runner: the record it leaves, its environment and working directory, a failure's tail, a time limit.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { invocation, runSmokeCommand, shellSyntax } from '../../src/pipeline/smoke-command.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'

describe('how a smoke command runs', () => {
  it.each([
    ['python -m pytest tests/test_model.py -x -q', 'python', ['-m', 'pytest', 'tests/test_model.py', '-x', '-q']],
    ['python scripts/smoke.py --name "my model"', 'python', ['scripts/smoke.py', '--name', 'my model']],
    ["pytest -k 'not slow and $x'", 'pytest', ['-k', 'not slow and $x']] // single quotes: no expansion, no shell
  ])('plain words run directly: %s', (command, file, args) => {
    expect(invocation(command, 'linux')).toEqual({ file, args, runner: 'run directly (no shell)' })
  })

  it.each([
    ['pytest -x && python smoke.py', '&'],
    ['python smoke.py | tee log', '|'],
    ['python smoke.py > out.txt', '>'],
    ['pytest tests/*.py', '*'],
    ['echo "$HOME"', '$'],
    ['echo ~', '~']
  ])('shell grammar goes to the shell: %s', (command, char) => {
    expect(shellSyntax(command)).toBe(char)
    expect(invocation(command, 'linux')).toMatchObject({ file: 'sh', args: ['-c', command] })
    expect(invocation(command, 'win32')).toMatchObject({ file: 'cmd.exe', args: ['/d', '/s', '/c', command] })
  })

  it('a leading VAR=value or an unclosed quote also needs the shell', () => {
    expect(invocation('KERAS_BACKEND=jax python smoke.py', 'linux').file).toBe('sh')
    expect(invocation('python "smoke.py', 'linux').file).toBe('sh')
  })
})

describe('runSmokeCommand, for real', () => {
  const cwd = () => scratchDir('smoke')
  const python = process.platform === 'win32' ? 'python' : 'python3'

  it('a command that passes is ok, run in the given folder with the given environment only', async () => {
    const dir = cwd()
    writeFileSync(
      path.join(dir, 'smoke.py'),
      'import os\nassert os.getcwd() == os.environ["WANT"], os.getcwd()\nassert "SECRET" not in os.environ\nprint("fine")\n'
    )
    process.env.SECRET = 'x'
    const record = await runSmokeCommand(nodeProcessRunner, {
      command: `${python} smoke.py`,
      cwd: dir,
      env: { PATH: process.env.PATH, WANT: dir },
      timeoutMs: 30_000
    })
    delete process.env.SECRET
    expect(record).toMatchObject({ step: 'smoke-command', status: 'ok', data: { exitCode: 0, tail: 'fine' } })
  })

  it('a failure is an error record whose evidence is the end of the output, stdout and stderr in order', async () => {
    const dir = cwd()
    writeFileSync(
      path.join(dir, 'smoke.py'),
      'import sys\nfor i in range(200): print("line", i, flush=True)\nraise ValueError("A KerasTensor cannot be used as input to a TensorFlow function")\n'
    )
    const record = await runSmokeCommand(nodeProcessRunner, {
      command: `${python} smoke.py`,
      cwd: dir,
      env: { PATH: process.env.PATH },
      timeoutMs: 30_000
    })
    expect(record.status).toBe('error')
    expect(record.error?.message).toBe(`\`${python} smoke.py\` exited with code 1`)
    expect(record.error?.traceback).toMatch(/line 199\nTraceback[\s\S]*ValueError: A KerasTensor cannot be used/)
    expect(record.error?.traceback).not.toContain('line 100\n')
  })

  it('the shell form runs through sh; a command that cannot start, and one that overruns, are errors', async () => {
    const dir = cwd()
    const env = { PATH: process.env.PATH }
    const shell = await runSmokeCommand(nodeProcessRunner, {
      command: 'echo one && exit 3',
      cwd: dir,
      env,
      timeoutMs: 30_000
    })
    expect(shell).toMatchObject({ status: 'error', data: { exitCode: 3, runner: expect.stringMatching(/^sh -c/) } })
    const missing = await runSmokeCommand(nodeProcessRunner, {
      command: 'no-such-command-kc',
      cwd: dir,
      env,
      timeoutMs: 30_000
    })
    expect(missing).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/could not be started/) }
    })
    const slow = await runSmokeCommand(nodeProcessRunner, { command: 'sleep 20', cwd: dir, env, timeoutMs: 500 })
    expect(slow).toMatchObject({ status: 'error', data: { timedOut: true } })
  })
})
