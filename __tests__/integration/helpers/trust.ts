// What every trust scenario checks besides its own finding: no secret anywhere the action wrote, nothing left in
// RUNNER_TEMP but the JSON report (and the fix plan's patch), and a workspace that is byte for byte what it was.
import { expect } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import * as path from 'node:path'
import { type ActionRun, type RunOptions, runAction } from './runner.js'

/** Secrets a runner really has: the runtime and OIDC tokens, a GITHUB_TOKEN, and a secret passed to the step. */
export function runnerSecrets(): Record<string, string> {
  const s = () => `kc-secret-${randomBytes(8).toString('hex')}`
  return {
    ACTIONS_RUNTIME_TOKEN: s(),
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: s(),
    ACTIONS_ID_TOKEN_REQUEST_URL: `https://token.example/${s()}`,
    // A closed local port: the cache service is tried (and fails fast) with its address in every error it raises.
    ACTIONS_CACHE_URL: `http://127.0.0.1:9/${s()}/`,
    ACTIONS_RESULTS_URL: `http://127.0.0.1:9/${s()}/`,
    GITHUB_TOKEN: `ghs_${s()}`,
    STEP_SECRET: s()
  }
}

/** Every entry of a folder, recursively: path → content hash, link target or `dir`, with the mode. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name)
      const st = lstatSync(p)
      const rel = path.relative(dir, p)
      if (st.isSymbolicLink()) out.set(rel, `link ${readlinkSync(p)}`)
      else if (st.isDirectory()) {
        out.set(rel, `dir ${st.mode}`)
        walk(p)
      } else if (st.isFile())
        out.set(rel, `file ${st.mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`)
      else out.set(rel, `special ${st.mode}`)
    }
  }
  walk(dir)
  return out
}

/** Everything the step wrote that anyone can read later: log, command files, report, SARIF, anything in RUNNER_TEMP. */
export function everythingWritten(run: ActionRun): string {
  const inTemp = [
    ...run.leftInTemp.map(f => path.join(run.runnerTemp, f)),
    ...(run.outputs.sarif ? [run.outputs.sarif] : [])
  ]
    .filter(f => existsSync(f) && lstatSync(f).isFile())
    .map(f => readFileSync(f, 'utf8'))
  return [run.log, ...Object.values(run.files), ...inTemp].join('\n')
}

export interface TrustedRun extends ActionRun {
  secrets: Record<string, string>
}

/**
 * Runs the action with a runner's secrets in its environment (and `inputSecrets` handed over through the env
 * input), then checks the three promises every scenario keeps.
 */
export async function trustedRun(
  options: RunOptions & { workspace: string; inputSecrets?: Record<string, string>; allowInTemp?: string[] }
): Promise<TrustedRun> {
  const secrets = runnerSecrets()
  const before = snapshot(options.workspace)
  const input = Object.entries(options.inputSecrets ?? {}).map(([k, v]) => `${k}=${v}`)
  const userEnv = [options.inputs?.env ?? '', ...input].filter(Boolean).join('\n')
  const run = await runAction({
    ...options,
    // The cache service's addresses are set (as on a runner) but not called: a closed port only costs retries.
    inputs: { cache: 'false', ...options.inputs, ...(userEnv ? { env: userEnv } : {}) },
    env: { ...secrets, ...options.env }
  })
  const written = everythingWritten(run)
  for (const [name, value] of Object.entries({ ...secrets, ...options.inputSecrets }))
    expect({ secret: name, leaked: written.includes(value) }).toEqual({ secret: name, leaked: false })
  const allowed = (f: string) =>
    /^keras-compat-(report.*\.json|fix-.*\.patch)$/.test(f) || (options.allowInTemp ?? []).includes(f)
  expect(run.leftInTemp.filter(f => !allowed(f))).toEqual([])
  expect(Object.fromEntries(snapshot(options.workspace))).toEqual(Object.fromEntries(before))
  return { ...run, secrets }
}
