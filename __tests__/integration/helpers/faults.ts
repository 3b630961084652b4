// Fault sources for the fault-injection suite: a package index that accepts connections and never answers, a
// small tmpfs that fills up, and the processes of a running step (to kill its installer).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { processesWhere } from '../../../src/util/leftovers.js'

/** A TCP server that reads requests and never replies: an index or proxy that stalls. */
export async function stallingServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer(socket => {
    sockets.add(socket)
    socket.on('data', () => undefined)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}/simple`,
    close: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

/** A size-limited tmpfs mount (needs root, as on this project's machines and GitHub's Linux runners), or undefined. */
export function smallDisk(megabytes: number): { dir: string; release: () => void } | undefined {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kc-small-disk-'))
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]).status === 0
  const release = (): void => {
    if (mounted) spawnSync('umount', ['-l', dir])
    rmSync(dir, { recursive: true, force: true })
  }
  if (mounted) return { dir, release }
  release()
  return undefined
}

/** Pids of the processes whose command line contains every one of `parts` (Linux /proc). */
export function processesWith(...parts: string[]): number[] {
  return processesWhere(args => parts.every(p => args.join(' ').includes(p)))
}

/** Whether a process runs (a zombie waiting to be reaped does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    return false
  }
}
