import { spawn } from 'node:child_process'
import { childBaseEnv } from '../environment/child-env.js'

export interface GitResult {
  ok: boolean
  /** Raw bytes: a requirement file may be UTF-16, and is written back exactly as the commit holds it. */
  stdout: Buffer
  stderr: string
}

/** Runs git in the repository. An interface so the baseline can be tested against a real git in a real repository. */
export type Git = (args: string[]) => Promise<GitResult>

const MAX_OUTPUT = 32 * 1024 * 1024

/**
 * git in `cwd`, with the allow-listed environment (never the job's tokens or command files), no prompt, and the
 * folder trusted for this call only: a checkout made by another user (a container job) is otherwise refused.
 */
export function gitIn(cwd: string, baseEnv: NodeJS.ProcessEnv): Git {
  const env = { ...childBaseEnv(baseEnv), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }
  return args =>
    new Promise(resolve => {
      const chunks: Buffer[] = []
      let size = 0
      let stderr = ''
      const child = spawn('git', ['-c', `safe.directory=${cwd}`, ...args], { cwd, env, shell: false })
      child.stdout.on('data', (d: Buffer) => {
        size += d.length
        if (size <= MAX_OUTPUT) chunks.push(d)
      })
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)))
      child.on('error', error => resolve({ ok: false, stdout: Buffer.alloc(0), stderr: error.message }))
      child.on('close', code =>
        resolve({ ok: code === 0 && size <= MAX_OUTPUT, stdout: Buffer.concat(chunks), stderr: stderr.trim() })
      )
    })
}
