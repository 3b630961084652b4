// The lowest CPU priority for a command that runs beside something more urgent (the resolution beside the early
// install): real processes, their own threads included, asked for their nice value.
import { describe, expect, it } from '@jest/globals'
import { getPriority } from 'node:os'
import { nodeProcessRunner } from '../../src/util/process.js'

// The nice value of the process and of a thread it starts after it began (threads inherit their creator's).
const NICE = `
import os, threading
seen = []
t = threading.Thread(target=lambda: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
t.start(); t.join()
print(os.nice(0), seen[0])
`

describe('RunOptions.lowPriority', () => {
  it('runs the command, and the threads it starts, at the lowest priority', async () => {
    const low = await nodeProcessRunner.run('python3', ['-c', NICE], { lowPriority: true })
    expect(low.exitCode).toBe(0)
    expect(low.stdout.trim()).toBe('19 19')
  })

  it('leaves a command without it at the priority of the process that started it', async () => {
    const normal = await nodeProcessRunner.run('python3', ['-c', NICE])
    expect(normal.exitCode).toBe(0)
    const own = getPriority()
    expect(normal.stdout.trim()).toBe(`${own} ${own}`)
  })

  it('is no error for a command that cannot start', async () => {
    const missing = await nodeProcessRunner.run('/nonexistent/keras-compat-no-such-command', [], { lowPriority: true })
    expect(missing.exitCode).toBeNull()
  })
})
