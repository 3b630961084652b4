import { type ChildProcess, spawn } from 'node:child_process'
import { constants, setPriority } from 'node:os'

/** What a finished child process left behind. `signal` is set when it died by a signal (SIGILL, SIGSEGV, SIGKILL). */
export interface ProcessResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  seconds: number
  /** What the command wrote to its results channel (descriptor 3), when it was given one. */
  channel: string
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  /** Called with each chunk as it arrives, so long installs stream to the log instead of arriving at the end. */
  onOutput?: (chunk: string) => void
  /** Written to the command's standard input, which is then closed (by default it reads nothing). */
  input?: string
  /**
   * Gives the command a results channel: a pipe on descriptor 3, read into `channel`. Unlike a file named in its
   * arguments, nothing the command imports can truncate what was already written there.
   */
  channel?: boolean
  /**
   * Runs the command at the lowest CPU priority, for work that runs beside something more urgent: on two cores, a
   * resolution's bursts beside uv's linking of TensorFlow made the linking a third slower, and at the lowest priority
   * the resolution still took as long as before.
   */
  lowPriority?: boolean
}

/** Runs commands: an interface so stages can be driven by a recording runner in unit tests. */
export interface ProcessRunner {
  run(command: string, args: string[], options?: RunOptions): Promise<ProcessResult>
}

// Keep memory bounded when a package prints megabytes: the head says what started, the tail says what failed.
const MAX_CAPTURE = 2 * 1024 * 1024
// The results channel carries records, not logs: past this, it is garbage, and cut (so never trusted).
const MAX_CHANNEL = 16 * 1024 * 1024

function appendBounded(buffer: string, chunk: string): string {
  const next = buffer + chunk
  if (next.length <= MAX_CAPTURE) return next
  const keep = MAX_CAPTURE / 2
  return `${next.slice(0, keep)}\n[... output cut by keras-compat ...]\n${next.slice(next.length - keep)}`
}

const live = new Set<number>()

/** Kills every child still running (their whole process group): used when the job is cancelled. */
export function killAllChildren(): void {
  for (const pid of live) killGroup(pid)
}

function killGroup(pid: number): void {
  try {
    // A negative pid addresses the process group, so pip's build subprocesses die too.
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** Reads a stream as UTF-8 text, leniently (invalid bytes are shown, not thrown), into `take`. */
function readText(stream: NodeJS.ReadableStream | null | undefined, take: (text: string) => void): void {
  const decoder = new TextDecoder('utf-8', { fatal: false })
  stream?.on('data', (b: Buffer) => take(decoder.decode(b, { stream: true })))
  stream?.on('error', () => undefined)
}

function spawnChild(command: string, args: string[], options: RunOptions): ChildProcess {
  return spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    shell: false,
    detached: process.platform !== 'win32',
    stdio: [
      options.input === undefined ? 'ignore' : 'pipe',
      'pipe',
      'pipe',
      ...(options.channel ? ['pipe' as const] : [])
    ],
    windowsHide: true
  })
}

/**
 * The lowest priority for a command just started, before it starts its threads (which inherit it). A command that
 * already exited, or a system that refuses, runs as it is: priority is only about speed.
 */
function lowerPriority(pid: number): void {
  try {
    setPriority(pid, constants.priority.PRIORITY_LOW)
  } catch {
    // Speed only.
  }
}

/** Kills the child's group at the time limit; the returned function says whether that happened, and stops the clock. */
function timeLimit(child: ChildProcess, timeoutMs: number | undefined): { timedOut: () => boolean; stop: () => void } {
  let fired = false
  const timer =
    timeoutMs && timeoutMs > 0
      ? setTimeout(() => {
          fired = true
          if (child.pid) killGroup(child.pid)
        }, timeoutMs)
      : undefined
  return { timedOut: () => fired, stop: () => timer && clearTimeout(timer) }
}

/** The real runner: no shell, arguments as an array, output decoded leniently (invalid UTF-8 is shown, not thrown). */
export const nodeProcessRunner: ProcessRunner = {
  run(command, args, options = {}) {
    return new Promise(resolve => {
      const started = Date.now()
      const out = { stdout: '', stderr: '', channel: '' }
      let settled = false
      const child = spawnChild(command, args, options)
      if (child.pid) live.add(child.pid)
      if (options.lowPriority && child.pid) lowerPriority(child.pid)
      if (options.input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined) // a command that exits without reading its input
        child.stdin.end(options.input)
      }
      if (options.channel)
        readText(child.stdio[3] as NodeJS.ReadableStream | null, t => {
          if (out.channel.length < MAX_CHANNEL) out.channel += t
        })
      const limit = timeLimit(child, options.timeoutMs)
      readText(child.stdout, t => {
        out.stdout = appendBounded(out.stdout, t)
        options.onOutput?.(t)
      })
      readText(child.stderr, t => {
        out.stderr = appendBounded(out.stderr, t)
        options.onOutput?.(t)
      })
      const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
        if (settled) return
        settled = true
        limit.stop()
        if (child.pid) live.delete(child.pid)
        resolve({ exitCode, signal, ...out, timedOut: limit.timedOut(), seconds: (Date.now() - started) / 1000 })
      }
      child.on('error', err => {
        out.stderr = appendBounded(out.stderr, `${err.message}\n`)
        finish(null, null)
      })
      // Whatever the command left running in its group (a build backend whose installer was killed, a daemon a
      // package started) would hold the pipes open and delay 'close' for as long as it lives: it goes now.
      child.on('exit', () => {
        if (child.pid) killGroup(child.pid)
      })
      child.on('close', (code, signal) => finish(code, signal))
    })
  }
}
