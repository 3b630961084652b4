import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { applyEdits } from '../requirements/copy.js'
import { readSource, type SourceFile } from '../requirements/source.js'
import { type RequirementSet } from '../requirements/types.js'
import { unifiedDiff } from './diff.js'

export interface Patch {
  /** The unified diff of every file the edits change, in the order of the edits ('' when none); UTF-8 text. */
  text: string
  /** What the patch leaves out, and why. */
  notes: string[]
}

type Edited = { ok: true; bytes: Uint8Array } | { ok: false; why: string }

/**
 * pyproject.toml: the requirement is a string inside a TOML array, so only that string changes, in its line. An
 * added requirement, a Poetry table entry, or text TOML would have to escape has no safe place in the patch.
 */
function inTomlLine(source: SourceFile, edits: Edit[]): Edited {
  if (!source.decoded.ok) return { ok: false, why: 'it cannot be decoded' }
  const lines = source.physical.map(p => p.text)
  for (const edit of edits) {
    const at = edit.line !== undefined && edit.before ? edit.line - 1 : -1
    const text = lines[at]
    if (text === undefined || !text.includes(edit.before) || /["\\]/.test(edit.after) || /["\\]/.test(edit.before))
      return { ok: false, why: `\`${edit.after}\` has no place in its TOML that a patch can change safely` }
    lines[at] = text.replace(edit.before, edit.after)
  }
  const text = source.physical.map((p, i) => lines[i] + p.ending).join('')
  return {
    ok: true,
    bytes: Buffer.concat([source.bytes.subarray(0, source.decoded.prefix), source.decoded.encode(text)])
  }
}

/** A file's bytes with the edits applied (each other byte kept), or why that cannot be done. */
export function editedFile(file: string, edits: Edit[]): Edited & { before?: Uint8Array } {
  const read = readSource(file, {})
  if (!read.ok) return { ok: false, why: read.reason }
  const { source } = read
  if (source.decoded.ok && /^utf_(16|32)/.test(source.decoded.codec))
    return {
      ok: false,
      why: `it is ${source.decoded.codec.replace(/_/g, '-').toUpperCase()}, which git treats as binary`
    }
  try {
    const after =
      path.basename(file) === 'pyproject.toml'
        ? inTomlLine(source, edits)
        : { ok: true as const, bytes: applyEdits(source, edits) }
    return { ...after, before: source.bytes }
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) }
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The diff's bytes (one latin1 character each) as text, when they are UTF-8: the report and the patch file hold text. */
function asText(latin1: string): string | undefined {
  try {
    return UTF8.decode(Buffer.from(latin1, 'latin1'))
  } catch {
    return undefined
  }
}

/**
 * The plan's edits as one patch over the repository's files: each file's new bytes built as the edited copies are
 * (copyWithEdits' logic: every byte the edits do not change is kept), then diffed with the old. Paths are relative
 * to `pathBase` (the repository root on a runner), which is where `git apply` takes them from.
 */
export function patchFor(set: RequirementSet, pathBase: string, edits: Edit[]): Patch {
  const byFile = new Map<string, Edit[]>()
  for (const e of edits) {
    const mine = byFile.get(e.file)
    if (mine) mine.push(e)
    else byFile.set(e.file, [e])
  }
  const parts: string[] = []
  const notes: string[] = []
  for (const [relative, mine] of byFile) {
    const file = path.resolve(pathBase, relative)
    if (!set.sources.includes(file)) {
      notes.push(`${relative}: not a requirement file this run read`)
      continue
    }
    const result = editedFile(file, mine)
    const diff = result.ok && result.before ? asText(unifiedDiff(relative, result.before, result.bytes)) : undefined
    if (!result.ok) notes.push(`${relative}: left out of the patch, ${result.why}`)
    else if (diff === undefined) notes.push(`${relative}: left out of the patch, its bytes are not UTF-8 text`)
    else parts.push(diff)
  }
  return { text: parts.join(''), notes }
}
