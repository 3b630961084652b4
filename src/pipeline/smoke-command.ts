import { type StepRecord } from '../probe/contract.js'
import { SMOKE_COMMAND_STEP, type SmokeCommandPayload } from '../probe/steps.js'
import { shlexSplit } from '../requirements/shlex.js'
import { type ProcessRunner } from '../util/process.js'

export interface SmokeCommandPlan {
  command: string
  /** The repository copy's working directory: the command runs there, never in the checkout. */
  cwd: string
  /** The probe's own environment: allow-listed variables, the venv's bin first on PATH, the user's `env`. */
  env: NodeJS.ProcessEnv
  timeoutMs: number
  onOutput?: (chunk: string) => void
  platform?: NodeJS.Platform
}

/** How a command line runs: its program and arguments, and the words the report uses for that. */
export interface Invocation {
  file: string
  args: string[]
  runner: string
}

// Characters that mean something to a shell outside quotes (inside double quotes, $ and ` still do).
const SHELL_CHARS = new Set([...'|&;<>()$`*?[]{}~!#\\'])
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/

/** The first character of `command` that only a shell would understand, or '' when plain words suffice. */
export function shellSyntax(command: string): string {
  let quote = ''
  for (const ch of command) {
    if (quote === "'") quote = ch === "'" ? '' : quote
    else if (quote === '"') {
      if (ch === '"') quote = ''
      else if (ch === '$' || ch === '`' || ch === '\\') return ch
    } else if (ch === "'" || ch === '"') quote = ch
    else if (SHELL_CHARS.has(ch) || ch === '\n') return ch
  }
  return ''
}

/**
 * Plain words (`python -m pytest tests -x -q`) run directly, split as a POSIX shell splits them, with no shell in
 * between: nothing in the command is interpreted twice. A command that needs a shell's grammar (a pipe, &&, a
 * redirection, a variable, a glob, a leading VAR=value) runs through `sh -c` (`cmd.exe /d /s /c` on Windows),
 * because splitting it ourselves would change its meaning; the report says which way it ran and why.
 */
export function invocation(command: string, platform: NodeJS.Platform = process.platform): Invocation {
  const special = shellSyntax(command)
  const words = shlexSplit(command)
  const assignment = words.ok && words.words.length > 0 && ASSIGNMENT.test(words.words[0])
  if (!special && words.ok && words.words.length > 0 && !assignment)
    return { file: words.words[0], args: words.words.slice(1), runner: 'run directly (no shell)' }
  const why = special ? `it uses the shell's ${JSON.stringify(special)}` : 'it needs the shell to read it'
  return platform === 'win32'
    ? { file: 'cmd.exe', args: ['/d', '/s', '/c', command], runner: `cmd.exe /d /s /c (${why})` }
    : { file: 'sh', args: ['-c', command], runner: `sh -c (${why})` }
}

// What the report keeps of the output: enough lines to read a traceback, never megabytes.
const TAIL_LINES = 80
const EVIDENCE_BYTES = 16 * 1024
const KEEP_BYTES = 256 * 1024

function tailOf(text: string, lines: number, bytes: number): string {
  const cut = text.length > bytes ? text.slice(text.length - bytes) : text
  return cut.split('\n').slice(-lines).join('\n').trim()
}

/**
 * Runs the repository's smoke command after the probe, in the venv (its bin first on PATH), in the repository copy,
 * with the probe's sanitised environment and time limit. Its record stands beside the probe's steps: exit code 0 is
 * `ok`; anything else is `error`, with the end of its output as the evidence the failure signatures read.
 */
export async function runSmokeCommand(runner: ProcessRunner, plan: SmokeCommandPlan): Promise<StepRecord> {
  const how = invocation(plan.command, plan.platform)
  let output = ''
  const result = await runner.run(how.file, how.args, {
    cwd: plan.cwd,
    env: plan.env,
    timeoutMs: plan.timeoutMs,
    onOutput: chunk => {
      output = (output + chunk).slice(-KEEP_BYTES)
      plan.onOutput?.(chunk)
    }
  })
  // A command that could not start at all says so on stderr only (the runner puts the spawn error there).
  const text = output || result.stderr
  const data: SmokeCommandPayload = {
    command: plan.command,
    runner: how.runner,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    tail: tailOf(text, 40, EVIDENCE_BYTES)
  }
  const record = { step: SMOKE_COMMAND_STEP, seconds: result.seconds, data: { ...data } }
  if (result.exitCode === 0 && !result.timedOut) return { ...record, status: 'ok' }
  const limit =
    plan.timeoutMs >= 60_000 ? `${+(plan.timeoutMs / 60_000).toFixed(1)} minutes` : `${plan.timeoutMs / 1000} s`
  const ended = result.timedOut
    ? `did not finish within ${limit}`
    : result.signal
      ? `was killed by ${result.signal}`
      : result.exitCode === null
        ? 'could not be started'
        : `exited with code ${result.exitCode}`
  const evidence = tailOf(text, TAIL_LINES, EVIDENCE_BYTES)
  return {
    ...record,
    status: 'error',
    error: {
      type: 'SmokeCommandFailed',
      module: 'keras-compat',
      message: `\`${plan.command}\` ${ended}`,
      traceback: evidence
    }
  }
}
