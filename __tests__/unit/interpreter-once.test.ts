// One reading of an interpreter per process: the check and the tensorflow-matrix plan share it, so a run starts one
// Python (through a pyenv shim, several processes) instead of two at once.
import { describe, expect, it } from '@jest/globals'
import { readInterpreterOnce } from '../../src/environment/interpreter.js'
import { nodeProcessRunner, type ProcessRunner } from '../../src/util/process.js'

/** The real runner, counting what it starts. */
function counting(): { runner: ProcessRunner; started: string[] } {
  const started: string[] = []
  const runner: ProcessRunner = {
    run: (command, args, options) => {
      started.push(command)
      return nodeProcessRunner.run(command, args, options)
    }
  }
  return { runner, started }
}

describe('readInterpreterOnce', () => {
  it('asks a real interpreter once, however many times and at once it is read', async () => {
    const { runner, started } = counting()
    const env = { PATH: process.env.PATH }
    const [a, b] = await Promise.all([
      readInterpreterOnce(runner, 'python3', env),
      readInterpreterOnce(runner, 'python3', env)
    ])
    const c = await readInterpreterOnce(runner, 'python3', env)
    expect(started).toEqual(['python3'])
    expect(a.info?.markers.python_version).toMatch(/^3\.\d+$/)
    expect(b).toBe(a)
    expect(c).toBe(a)
  })

  it('reads each interpreter, and each runner, on its own', async () => {
    const one = counting()
    const two = counting()
    const env = { PATH: process.env.PATH }
    await readInterpreterOnce(one.runner, 'python3', env)
    await readInterpreterOnce(one.runner, 'python', env)
    await readInterpreterOnce(two.runner, 'python3', env)
    expect(one.started).toEqual(['python3', 'python'])
    expect(two.started).toEqual(['python3'])
  })

  it('reads an interpreter that cannot run as no answer, never a rejection', async () => {
    const { runner } = counting()
    const reading = await readInterpreterOnce(runner, '/nonexistent/python3', { PATH: process.env.PATH })
    expect(reading.info).toBeUndefined()
  })
})
