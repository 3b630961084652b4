import { spawn } from 'node:child_process'

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

/** The real runner: no shell, arguments as an array, output decoded leniently (invalid UTF-8 is shown, not thrown). */
export const nodeProcessRunner: ProcessRunner = {
  run(command, args, options = {}) {
    return new Promise(resolve => {
      const started = Date.now()
      let stdout = ''
      let stderr = ''
      let channel = ''
      let timedOut = false
      let settled = false
      const child = spawn(command, args, {
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
      if (child.pid) live.add(child.pid)
      if (options.input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined) // a command that exits without reading its input
        child.stdin.end(options.input)
      }
      const results = options.channel ? child.stdio[3] : null
      if (results && 'on' in results) {
        const decoder = new TextDecoder('utf-8', { fatal: false })
        results.on('data', (b: Buffer) => {
          if (channel.length < MAX_CHANNEL) channel += decoder.decode(b, { stream: true })
        })
        results.on('error', () => undefined)
      }
      const timer =
        options.timeoutMs && options.timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true
              if (child.pid) killGroup(child.pid)
            }, options.timeoutMs)
          : undefined
      const decoderOut = new TextDecoder('utf-8', { fatal: false })
      const decoderErr = new TextDecoder('utf-8', { fatal: false })
      child.stdout?.on('data', (b: Buffer) => {
        const s = decoderOut.decode(b, { stream: true })
        stdout = appendBounded(stdout, s)
        options.onOutput?.(s)
      })
      child.stderr?.on('data', (b: Buffer) => {
        const s = decoderErr.decode(b, { stream: true })
        stderr = appendBounded(stderr, s)
        options.onOutput?.(s)
      })
      const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
        if (settled) return
        settled = true
        if (timer) clearTimeout(timer)
        if (child.pid) live.delete(child.pid)
        resolve({ exitCode, signal, stdout, stderr, timedOut, seconds: (Date.now() - started) / 1000, channel })
      }
      child.on('error', err => {
        stderr = appendBounded(stderr, `${err.message}\n`)
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
