// The post step's stop of processes a killed main step left: real processes, one inside the folder, one beside it.
import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import * as path from 'node:path'
import { killProcessesUsing } from '../../src/util/leftovers.js'
import { scratchDir } from '../helpers/scratch.js'

function sleeper(arg: string) {
  const child = spawn('python3', ['-c', 'import time, sys; time.sleep(60)', arg], { stdio: 'ignore' })
  const exited = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)))
  return { child, exited }
}

describe('killProcessesUsing', () => {
  it('kills what names a path inside the folder, and spares a sibling whose name only starts the same', async () => {
    const dir = path.join(scratchDir('left'), 'keras-compat-abc')
    const inside = sleeper(path.join(dir, 'venv', 'bin', 'python'))
    const sibling = sleeper(`${dir}def/venv/bin/python`)
    await new Promise(resolve => setTimeout(resolve, 300))
    const killed = killProcessesUsing(dir)
    expect(killed).toEqual([inside.child.pid])
    expect(await inside.exited).toBe('SIGKILL')
    expect(sibling.child.exitCode).toBeNull()
    sibling.child.kill('SIGKILL')
    await sibling.exited
  })

  it('does nothing for an empty folder name', () => {
    expect(killProcessesUsing('')).toEqual([])
  })
})
