import { readFileSync, writeFileSync } from 'node:fs'

/**
 * The step's workflow command files. The code under test never gets their names (the environment is an
 * allow-list), but it runs as the same user and could still find them (in the parent's /proc entry, or by listing
 * the runner's folder). So the action keeps their content from before any of that code ran, checks them after,
 * and puts back what it finds changed: an output, a variable or a PATH entry planted by a package never reaches
 * the job.
 */
export const JOB_FILE_VARIABLES = [
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY'
] as const

export interface Tampering {
  variable: string
  /** What was found added (or that the file was rewritten), cut to a readable length. */
  added: string
}

export interface JobFilesGuard {
  /** Records a file's content again after keras-compat itself wrote to it (its own state). */
  refresh(variable: string): void
  /** Puts every changed file back as it was recorded, and says what had changed. */
  restore(): Tampering[]
}

const MAX_KEPT = 16 * 1024 * 1024

function read(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

export function guardJobFiles(env: NodeJS.ProcessEnv = process.env): JobFilesGuard {
  const kept = new Map<string, { file: string; content: Buffer | undefined }>()
  const keep = (variable: string) => {
    const file = env[variable]
    if (!file) return
    // The runner creates each file empty before the step; a missing one is kept as empty, so a new one is undone too.
    const content = read(file) ?? Buffer.alloc(0)
    kept.set(variable, { file, content: content.length <= MAX_KEPT ? content : undefined })
  }
  for (const variable of JOB_FILE_VARIABLES) keep(variable)
  return {
    refresh: keep,
    restore() {
      const found: Tampering[] = []
      for (const [variable, { file, content }] of kept) {
        const now = read(file) ?? Buffer.alloc(0)
        if (!content || now.equals(content)) continue
        const grew = now.length > content.length && now.subarray(0, content.length).equals(content)
        const added = grew ? now.subarray(content.length).toString('utf8') : '(the file was rewritten)'
        writeFileSync(file, content)
        found.push({ variable, added: added.slice(0, 2000) })
      }
      return found
    }
  }
}
