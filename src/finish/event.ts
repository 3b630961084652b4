import { readFileSync, statSync } from 'node:fs'

/** What the workflow run is about, as the runner describes it (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, …). */
export interface RunEvent {
  name: string
  /** owner/name, from GITHUB_REPOSITORY. */
  repository: string
  /** The pull request, on pull_request events (and pull_request_target, which SECURITY.md warns against). */
  pullRequest?: { number: number; baseSha: string; baseRef: string; headSha: string; fork: boolean }
  /** The merge group's base commit, on merge_group events. */
  mergeGroupBase?: string
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/
// The event file is the runner's; still, only values of the expected shape are taken from it.
const MAX_EVENT_BYTES = 32 * 1024 * 1024

function payloadOf(file: string | undefined): Record<string, unknown> {
  if (!file) return {}
  try {
    if (statSync(file).size > MAX_EVENT_BYTES) return {}
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

const field = (o: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** Reads the event from the runner's variables. Missing or malformed parts are left out, never guessed. */
export function readEvent(env: NodeJS.ProcessEnv): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const payload = payloadOf(env.GITHUB_EVENT_PATH)
  const event: RunEvent = { name, repository: env.GITHUB_REPOSITORY ?? '' }
  const pr = field(payload, 'pull_request')
  const number = field(pr, 'number')
  if (typeof number === 'number' && Number.isInteger(number) && number > 0) {
    const baseSha = text(field(pr, 'base', 'sha'))
    const headSha = text(field(pr, 'head', 'sha'))
    const headRepo = text(field(pr, 'head', 'repo', 'full_name'))
    event.pullRequest = {
      number,
      baseSha: SHA.test(baseSha) ? baseSha : '',
      baseRef: text(field(pr, 'base', 'ref')) || (env.GITHUB_BASE_REF ?? ''),
      headSha: SHA.test(headSha) ? headSha : '',
      fork: headRepo !== '' && event.repository !== '' && headRepo !== event.repository
    }
  }
  const groupBase = text(field(payload, 'merge_group', 'base_sha'))
  if (SHA.test(groupBase)) event.mergeGroupBase = groupBase
  return event
}
