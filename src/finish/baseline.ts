import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Config } from '../config/types.js'
import { errorMessage } from '../core/errors.js'
import { type Finding } from '../core/finding.js'
import { silentLog } from '../core/log.js'
import { check, type CheckDeps } from '../pipeline/check.js'
import { readDeclared } from '../pipeline/declared.js'
import { type LineText } from '../report/lines.js'
import { type BaselineInfo } from '../report/model.js'
import { type RunEvent } from './event.js'
import { type Git } from './git.js'
import { fileLines } from './line-text.js'

/** The base's requirement files, written out of git into a folder of their own; or why there is no base. */
export type PreparedBase =
  | { kind: 'ready'; root: string; ref: string; commit: string; files: string[] }
  | { kind: 'skipped'; info: BaselineInfo }

interface Candidate {
  label: string
  rev: string
}

const BRANCH = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/
const MAX_FILES = 200
const INCLUDE = /^\s*(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s*)(\S+)/

/** Where the base is, by the `baseline` input and the event: none, a named revision, or the pull request's base. */
function candidates(config: Config, event: RunEvent): Candidate[] | string {
  const choice = config.baseline
  if (choice.kind === 'ref') return [{ label: choice.ref, rev: choice.ref }]
  const pr = event.pullRequest
  if (pr) {
    const byRef = BRANCH.test(pr.baseRef) ? [{ label: `origin/${pr.baseRef}`, rev: `origin/${pr.baseRef}` }] : []
    const bySha = pr.baseSha ? [{ label: `the base of pull request #${pr.number}`, rev: pr.baseSha }] : []
    return [...bySha, ...byRef]
  }
  if (event.mergeGroupBase) return [{ label: 'the merge group base', rev: event.mergeGroupBase }]
  return `baseline: auto compares on pull_request and merge_group events; this run (${event.name || 'not a workflow event'}) has no base, so every finding counts.`
}

const skipped = (ref: string, detail: string): PreparedBase => ({
  kind: 'skipped',
  info: { ref, commit: '', status: 'skipped', detail, preExisting: 0 }
})

const FETCH_HINT =
  'Check out with history (actions/checkout with fetch-depth: 0), or fetch the base first: git fetch --no-tags --depth=1 origin <base>.'

/** Relative (with `/`) when inside `root`, else undefined. */
function inside(root: string, file: string): string | undefined {
  const rel = path.relative(root, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined
}

/** The requirement files the head reads, and the ones the inputs name or auto-detection would find. */
function headFiles(config: Config, deps: CheckDeps): string[] {
  const named = config.requirements.length > 0 ? config.requirements : ['requirements.txt', 'pyproject.toml']
  const wanted = named.map(f => path.resolve(config.workingDirectory, f))
  try {
    wanted.push(...readDeclared(config, deps.pathBase, deps.baseEnv).sources)
  } catch {
    // The head's own reading failed: the check already said why; the named files are enough to look for.
  }
  return [...new Set(wanted.map(f => inside(deps.pathBase, f)).filter((f): f is string => Boolean(f)))]
}

/** Writes `rel` from the commit into `root`, when the commit has it as a file; returns its text. */
async function materialise(git: Git, commit: string, rel: string, root: string): Promise<string | undefined> {
  const type = await git(['cat-file', '-t', `${commit}:./${rel}`])
  if (!type.ok || type.stdout.toString().trim() !== 'blob') return undefined
  const shown = await git(['show', '--no-textconv', `${commit}:./${rel}`])
  if (!shown.ok) return undefined
  const target = path.join(root, ...rel.split('/'))
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, shown.stdout)
  return shown.stdout.toString('utf8')
}

/** The base's files: the head's, and every `-r`/`-c` include the base's own files name, followed. */
async function copyBase(git: Git, commit: string, start: string[], root: string): Promise<string[]> {
  const queue = [...start]
  const seen = new Set(queue)
  const copied: string[] = []
  while (queue.length > 0 && seen.size <= MAX_FILES) {
    const rel = queue.shift()!
    const text = await materialise(git, commit, rel, root)
    if (text === undefined) continue
    copied.push(rel)
    for (const line of text.split(/\r\n|\r|\n/)) {
      const include = INCLUDE.exec(line)?.[1]
      if (!include || include.includes('$') || /^[a-z]+:/i.test(include)) continue
      const next = path.posix.normalize(path.posix.join(path.posix.dirname(rel), include))
      if (!next.startsWith('..') && !seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  return copied
}

/**
 * Finds the base commit and writes its requirement files (read with `git show`, no second checkout) into a folder
 * under the temp root. Undefined when no baseline was asked for; `skipped`, saying why, when there is none to read.
 */
export async function prepareBase(
  config: Config,
  deps: CheckDeps,
  event: RunEvent,
  git: Git
): Promise<PreparedBase | undefined> {
  if (config.baseline.kind === 'none') return undefined
  const found = candidates(config, event)
  if (typeof found === 'string') return skipped('', found)
  let resolved: { candidate: Candidate; commit: string } | undefined
  for (const candidate of found) {
    const r = await git(['rev-parse', '--verify', '--quiet', `${candidate.rev}^{commit}`])
    if (r.ok) {
      resolved = { candidate, commit: r.stdout.toString().trim() }
      break
    }
  }
  const label = found.map(c => c.label).join(' or ')
  if (!resolved)
    return skipped(
      found[0]?.rev ?? '',
      `baseline: ${label} is not in this clone, so nothing was compared and every finding counts. ${FETCH_HINT}`
    )
  const root = path.join(deps.tempRoot, `keras-compat-base-${randomBytes(6).toString('hex')}`)
  mkdirSync(root, { recursive: true })
  try {
    const files = await copyBase(git, resolved.commit, headFiles(config, deps), root)
    return { kind: 'ready', root, ref: resolved.candidate.label, commit: resolved.commit, files }
  } catch (error) {
    removeBase({ kind: 'ready', root, ref: '', commit: '', files: [] })
    return skipped(resolved.candidate.label, `baseline: the base could not be read: ${errorMessage(error)}`)
  }
}

/** What the base's requirements give statically, for one run's settings (its override kept). */
export async function baseFindings(
  base: Extract<PreparedBase, { kind: 'ready' }>,
  config: Config,
  deps: CheckDeps
): Promise<{ findings: Finding[]; lineText: LineText; detail: string }> {
  const lineText = fileLines(base.root)
  const where =
    inside(deps.pathBase, config.workingDirectory) ?? (config.workingDirectory === deps.pathBase ? '' : undefined)
  const short = base.commit.slice(0, 12)
  if (where === undefined)
    return {
      findings: [],
      lineText,
      detail: `the working directory is outside ${deps.pathBase}, so the base (${short}) could not be placed`
    }
  const baseConfig: Config = {
    ...config,
    workingDirectory: path.join(base.root, ...where.split('/').filter(Boolean)),
    preflightOnly: true,
    tensorflowVersions: [],
    baseline: { kind: 'none' }
  }
  try {
    const report = await check(baseConfig, {
      ...deps,
      pathBase: base.root,
      log: silentLog,
      onWorkDir: undefined,
      cache: undefined
    })
    return {
      findings: report.findings,
      lineText,
      detail: `${base.files.length} requirement file(s) of ${short} read with git show and judged statically`
    }
  } catch (error) {
    return {
      findings: [],
      lineText,
      detail: `the base (${short}) has no requirements to judge (${errorMessage(error)}): every finding is new`
    }
  }
}

export function removeBase(base: PreparedBase | undefined): void {
  if (base?.kind === 'ready') rmSync(base.root, { recursive: true, force: true })
}
