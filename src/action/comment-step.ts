import * as core from '@actions/core'
import * as path from 'node:path'
import { type Settings } from '../config/settings.js'
import { type RunEvent } from '../finish/event.js'
import { type LineText } from '../report/lines.js'
import { type MatrixReport, type Report } from '../report/model.js'
import { type CommentTarget, upsertComment } from './comment.js'
import { restClient } from './github-api.js'

export interface CommentEdge {
  settings: Settings
  event: RunEvent
  workspace: string
  lineText: LineText
  /** The runner's variables: GITHUB_API_URL, GITHUB_WORKFLOW, GITHUB_JOB, the run's URL parts. */
  env?: NodeJS.ProcessEnv
}

// The marker lives in an HTML comment: nothing in it may close the comment or make it ambiguous.
const safe = (text: string) => text.replace(/[^A-Za-z0-9._/=:+ ,-]/g, '_').replace(/-{2,}/g, '-')

/**
 * One comment per pull request and job: the workflow, the job, the folder checked and what replaced the pins (a
 * matrix leg) and the Python, so that the legs of a job matrix each keep their own comment.
 */
export function commentMarker(result: Report | MatrixReport, edge: CommentEdge, env: NodeJS.ProcessEnv): string {
  const report = 'kind' in result ? result.entries[0]?.report : result
  const dir = path.relative(edge.workspace, edge.settings.config.workingDirectory).split(path.sep).join('/') || '.'
  const leg = 'kind' in result ? `matrix ${result.entries.map(e => e.requested).join(',')}` : (report?.override ?? '')
  const python = (report?.environment.python ?? '').split('.').slice(0, 2).join('.')
  return safe(
    `workflow=${env.GITHUB_WORKFLOW ?? ''} job=${env.GITHUB_JOB ?? ''} dir=${dir} leg=${leg} python=${python}`
  )
}

function target(result: Report | MatrixReport, edge: CommentEdge, env: NodeJS.ProcessEnv): CommentTarget | string {
  const pr = edge.event.pullRequest
  if (!pr) return `comment: this run is not for a pull request (event ${edge.event.name || 'none'}): nothing posted.`
  if (!edge.event.repository) return 'comment: GITHUB_REPOSITORY is not set: nothing posted.'
  const token = edge.settings.config.githubToken
  if (!token) return 'comment: github-token is empty: nothing posted.'
  const server = env.GITHUB_SERVER_URL
  const runUrl =
    server && env.GITHUB_RUN_ID ? `${server}/${edge.event.repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined
  return {
    api: restClient(env.GITHUB_API_URL || 'https://api.github.com', token),
    repository: edge.event.repository,
    pullRequest: pr,
    marker: commentMarker(result, edge, env),
    runUrl
  }
}

/** The `comment` input at work: posts or updates the pull request's comment; a refusal is a warning, never a failure. */
export async function postComment(result: Report | MatrixReport, edge: CommentEdge): Promise<void> {
  const { config } = edge.settings
  if (config.comment === 'never') return
  const env = edge.env ?? process.env
  const to = target(result, edge, env)
  if (typeof to === 'string') {
    core.info(to)
    return
  }
  const outcome = await upsertComment(result, {
    choice: config.comment,
    failOn: config.failOn,
    target: to,
    lineText: edge.lineText
  })
  if (outcome.warning) core.warning(outcome.warning)
  else
    core.info(
      `comment: ${outcome.action} on pull request #${to.pullRequest.number}${outcome.suggestions > 0 ? `, ${outcome.suggestions} suggestion(s) on the diff` : ''}.`
    )
}
