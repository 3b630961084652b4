// A real git repository with a history, for the baseline: each commit writes the given files (null deletes one).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { scratchDir } from './scratch.js'

export interface Repo {
  dir: string
  /** Commits the files (relative paths) and returns the new commit's sha. */
  commit(files: Record<string, string | null>, message?: string): string
  git(...args: string[]): string
}

export function gitRepo(): Repo {
  const dir = scratchDir('git')
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' }
    }).trim()
  git('init', '-q', '-b', 'main')
  return {
    dir,
    git,
    commit(files, message = 'change') {
      for (const [name, text] of Object.entries(files)) {
        const file = path.join(dir, name)
        if (text === null) rmSync(file, { force: true })
        else {
          mkdirSync(path.dirname(file), { recursive: true })
          writeFileSync(file, text)
        }
      }
      git('add', '-A')
      git('commit', '-q', '--allow-empty', '-m', message)
      return git('rev-parse', 'HEAD')
    }
  }
}

/** A pull_request event payload file, as the runner writes it, for a base commit. */
export function pullRequestEvent(base: { sha: string; ref: string }, head = 'f'.repeat(40)): string {
  const file = path.join(scratchDir('event'), 'event.json')
  writeFileSync(
    file,
    JSON.stringify({
      pull_request: {
        number: 12,
        base: { sha: base.sha, ref: base.ref, repo: { full_name: 'octo/repo' } },
        head: { sha: head, ref: 'feature', repo: { full_name: 'octo/repo' } }
      }
    })
  )
  return file
}
