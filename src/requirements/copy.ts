import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Edit } from '../core/finding.js'
import { isCommentLine } from './lines.js'
import { readSource, type SourceFile } from './source.js'
import { type RequirementSet } from './types.js'

/**
 * Edited copies of requirement files, for pip (which has no override mechanism) and for fix verification. Every
 * byte an edit does not change is kept: BOMs, the encoding, each line's own line ending, the final newline or its
 * absence. A changed line replaces the logical line it targets: its first physical line takes the new text and its
 * continuation lines are emptied (their line endings stay, so later lines keep their numbers). An added line goes at
 * the end with the file's own line ending, after an empty line when the file ends in an open `\` continuation.
 */

/** The line ending to add lines with: the last CRLF, LF or CR the file uses, else LF. */
function lineEnding(source: SourceFile): string {
  for (let i = source.physical.length - 1; i >= 0; i--) {
    const ending = source.physical[i].ending
    if (ending === '\r\n' || ending === '\n' || ending === '\r') return ending
  }
  return '\n'
}

interface Splice {
  start: number
  end: number
  text: string
}

function lineSplices(source: SourceFile, edits: Edit[]): Splice[] {
  const byLine = new Map<number, Edit>()
  for (const edit of edits) if (edit.line !== undefined) byLine.set(edit.line, edit)
  const starting = new Map(source.lines.map(l => [l.line, l]))
  const splices: Splice[] = []
  for (const [line, edit] of byLine) {
    const logical = starting.get(line)
    if (!logical) throw new Error(`${source.file}:${line} does not start a requirement line, so it cannot be edited`)
    for (let n = logical.line; n <= logical.lastLine; n++) {
      const physical = source.physical[n - 1]
      splices.push({ start: physical.start, end: physical.end, text: n === logical.line ? edit.after : '' })
    }
  }
  return splices.sort((a, b) => a.start - b.start)
}

/** The text appended for added lines: a break after an unterminated last line, an empty line after an open `\`. */
function appended(source: SourceFile, added: string[]): string {
  if (added.length === 0) return ''
  const eol = lineEnding(source)
  const last = source.physical[source.physical.length - 1]
  let head = ''
  if (last && last.ending === '') head += eol
  if (last && last.text.endsWith('\\') && !isCommentLine(last.text)) head += eol
  return head + added.map(line => line + eol).join('')
}

/** The file's bytes with the edits applied; every other byte as it was. */
export function applyEdits(source: SourceFile, edits: Edit[]): Uint8Array {
  if (edits.length === 0) return source.bytes
  const decoded = source.decoded
  if (!decoded.ok) throw new Error(`${source.file} cannot be decoded, so it cannot be edited: ${decoded.message}`)
  // Byte offsets of character offsets, walked forward (splices come in order): encoding each prefix anew would make
  // a file of many edited lines quadratic. Every codec here encodes pieces independently, so lengths add up.
  let cursor = { char: 0, byte: decoded.prefix }
  const byteAt = (char: number) => {
    cursor = { char, byte: cursor.byte + decoded.encode(decoded.text.slice(cursor.char, char)).length }
    return cursor.byte
  }
  const parts: Uint8Array[] = []
  let from = 0
  for (const splice of lineSplices(source, edits)) {
    const start = byteAt(splice.start)
    parts.push(source.bytes.subarray(from, start), decoded.encode(splice.text))
    from = byteAt(splice.end)
  }
  parts.push(source.bytes.subarray(from))
  parts.push(
    decoded.encode(
      appended(
        source,
        edits.filter(e => e.line === undefined).map(e => e.after)
      )
    )
  )
  return Buffer.concat(parts)
}

/** Copies every requirement file read (keeping their relative layout, so -r/-c includes still resolve) with edits applied. */
function editedFiles(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  const root = commonDir([...set.sources, pathBase])
  for (const file of set.sources) {
    const read = readSource(file, {})
    if (!read.ok) throw new Error(`${file} ${read.reason}: it cannot be copied`)
    const target = path.join(dir, path.relative(root, file))
    mkdirSync(path.dirname(target), { recursive: true })
    const mine = edits.filter(e => path.resolve(pathBase, e.file) === file)
    writeFileSync(target, applyEdits(read.source, mine))
  }
  return set.files.map(f => path.join(dir, path.relative(root, f)))
}

/** A pyproject project's dependencies, flattened into one requirements file with the edits applied. */
function flattenedProject(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const lines = set.requirements.map(r => {
    const edit = edits.find(e => e.line === r.location.line && path.resolve(pathBase, e.file) === r.location.file)
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

/**
 * A copy of the requirement set with line edits applied, in `dir`: requirement files keep their relative layout
 * (so -r/-c includes resolve); a pyproject project is flattened into one requirements file. The user's files are
 * only read. Returns the top-level files to install from.
 */
export function copyWithEdits(set: RequirementSet, pathBase: string, edits: Edit[], dir: string): string[] {
  return set.projectDir ? flattenedProject(set, pathBase, edits, dir) : editedFiles(set, pathBase, edits, dir)
}
