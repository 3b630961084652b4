import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { Edit, Finding, Verification } from '../diagnose/finding.js'
import { Installer, InstallPlan } from '../install/installer.js'
import { RequirementSet } from '../requirements/types.js'

export interface VerifyPlan {
  requirements: RequirementSet
  /** Report paths (edits) are relative to this. */
  pathBase: string
  /** A scratch folder inside the run's work folder: copies go here, the user's files are never touched. */
  scratch: string
  installer: Installer
  /** The venv's interpreter, which the dry run resolves for. */
  python: string
  base: Omit<InstallPlan, 'python' | 'files' | 'projectDir' | 'projectExtras'>
}

// Each dry run costs a resolution (about a second with uv, several with pip): check the most useful few.
const MAX_CHECKS = 4

/** Applies line edits to text: a changed line replaces the requirement (and its `\` continuations); an added line is appended. */
export function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split(/\r?\n/)
  for (const edit of edits.filter(e => e.line !== undefined)) {
    const i = edit.line! - 1
    let end = i
    while (end < lines.length - 1 && lines[end].trimEnd().endsWith('\\')) end++
    lines.splice(i, end - i + 1, edit.after, ...Array(end - i).fill(''))
  }
  const added = edits.filter(e => e.line === undefined).map(e => e.after)
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return [...lines, ...added, ''].join('\n')
}

/** Copies every requirement file (keeping their relative layout, so -r/-c includes still resolve) with edits applied. */
function editedFiles(plan: VerifyPlan, edits: Edit[], dir: string): string[] {
  const files = [...new Set([...plan.requirements.files, ...plan.requirements.requirements.map(r => r.location.file)])]
  const root = commonDir([...files, plan.pathBase])
  for (const file of files) {
    const target = path.join(dir, path.relative(root, file))
    mkdirSync(path.dirname(target), { recursive: true })
    const mine = edits.filter(e => path.resolve(plan.pathBase, e.file) === file)
    if (mine.length === 0) copyFileSync(file, target)
    else writeFileSync(target, applyEdits(readFileSync(file, 'utf8'), mine))
  }
  return plan.requirements.files.map(f => path.join(dir, path.relative(root, f)))
}

/** A pyproject project's dependencies, flattened into one requirements file with the edits applied. */
function flattenedProject(plan: VerifyPlan, edits: Edit[], dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const lines = plan.requirements.requirements.map(r => {
    const edit = edits.find(e => e.line === r.location.line && path.resolve(plan.pathBase, e.file) === r.location.file)
    if (edit) return edit.after
    const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : ''
    return r.url
      ? `${r.name}${extras} @ ${r.url}`
      : `${r.name}${extras}${r.specifier.startsWith('(') ? '' : r.specifier}${r.marker ? `; ${r.marker}` : ''}`
  })
  const file = path.join(dir, 'requirements.txt')
  writeFileSync(file, [...lines, ...edits.filter(e => e.line === undefined).map(e => e.after), ''].join('\n'))
  return [file]
}

function commonDir(paths: string[]): string {
  const split = paths.map(p => path.resolve(p).split(path.sep))
  const first = split[0]
  let n = 0
  while (n < first.length && split.every(s => s[n] === first[n])) n++
  return first.slice(0, n).join(path.sep) || path.sep
}

/** Resolves the changed set for real (dry run, nothing installed) for each error finding that proposes line edits. */
export async function verifyFixes(findings: Finding[], plan: VerifyPlan): Promise<Map<Finding, Verification>> {
  const results = new Map<Finding, Verification>()
  const seen = new Map<string, Verification>()
  const candidates = findings.filter(f => f.severity === 'error' && f.edits && f.edits.length > 0)
  for (const finding of candidates) {
    const key = JSON.stringify(finding.edits)
    const known = seen.get(key)
    if (known) {
      results.set(finding, known)
      continue
    }
    if (seen.size >= MAX_CHECKS) {
      results.set(finding, {
        status: 'not-verified',
        detail: `only the first ${MAX_CHECKS} fixes are checked in one run`
      })
      continue
    }
    const dir = path.join(plan.scratch, `fix-${seen.size + 1}`)
    const files = plan.requirements.projectDir
      ? flattenedProject(plan, finding.edits!, dir)
      : editedFiles(plan, finding.edits!, dir)
    const result = await plan.installer.resolve({
      ...plan.base,
      python: plan.python,
      files,
      projectDir: '',
      projectExtras: []
    })
    const how = `${plan.installer.name} ${plan.installer.version} dry run`
    const verdict: Verification = result.ok
      ? { status: 'verified', detail: `resolves (${how})` }
      : { status: 'failed', detail: `still does not resolve (${how})`, evidence: result.error?.excerpt }
    seen.set(key, verdict)
    results.set(finding, verdict)
  }
  return results
}
