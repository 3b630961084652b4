import { type PhysicalLine, PY_SPACE_CLASS, pyStrip, splitLines } from './py-text.js'

/**
 * One logical line of a requirements file as pip 25 builds it (`preprocess` in pip/_internal/req/req_file.py):
 * physical lines from str.splitlines(); a line ending in `\` is joined with the next (all its leading and trailing
 * backslashes dropped, nothing inserted), except a comment line, which is never continued and ends a continuation
 * it appears in; then `#` comments at the start or after whitespace are cut and whitespace is stripped. Empty
 * results are not lines. `${VAR}` is left alone here: it is expanded only for the installer.
 */
export interface LogicalLine {
  /** First physical line, 1-based: the number pip reports. */
  line: number
  /** Last physical line it takes (its continuations). */
  lastLine: number
  /** The text pip parses, as written (unexpanded). */
  text: string
  /** Offsets in the decoded text: the start of the first physical line, the end of the last one (before its break). */
  start: number
  end: number
}

const COMMENT_LINE = new RegExp(`^[${PY_SPACE_CLASS}]*#`)

/** A physical line pip treats as a comment: never continued by a trailing backslash. */
export function isCommentLine(text: string): boolean {
  return COMMENT_LINE.test(text)
}
const SPACE_BEFORE = new RegExp(`[${PY_SPACE_CLASS}]`)

/** pip's COMMENT_RE removal: everything from the first `#` that starts the line or follows whitespace. */
export function stripComment(text: string): string {
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === 0 || SPACE_BEFORE.test(text[i - 1])) return text.slice(0, i)
  }
  return text
}

function stripBackslashes(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text[start] === '\\') start++
  while (end > start && text[end - 1] === '\\') end--
  return text.slice(start, end)
}

function finish(out: LogicalLine[], physical: PhysicalLine[], first: number, last: number, joined: string): void {
  const text = pyStrip(stripComment(joined))
  if (text === '') return
  out.push({ line: first + 1, lastLine: last + 1, text, start: physical[first].start, end: physical[last].end })
}

/** The logical lines of decoded text, with the physical lines each one spans. */
export function logicalLines(text: string, physical: PhysicalLine[] = splitLines(text)): LogicalLine[] {
  const out: LogicalLine[] = []
  let parts: string[] = []
  let first = 0
  physical.forEach((p, i) => {
    const comment = isCommentLine(p.text)
    if (!p.text.endsWith('\\') || comment) {
      const line = comment ? ` ${p.text}` : p.text
      if (parts.length > 0) {
        finish(out, physical, first, i, parts.join('') + line)
        parts = []
      } else finish(out, physical, i, i, line)
      return
    }
    if (parts.length === 0) first = i
    parts.push(stripBackslashes(p.text))
  })
  // A continuation at the end of the file still makes a line.
  if (parts.length > 0) finish(out, physical, first, physical.length - 1, parts.join(''))
  return out
}
