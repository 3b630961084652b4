import { type Finding } from '../core/finding.js'
import { normalizeName } from '../requirements/names.js'

/**
 * The text of a line of the repository's files (file relative to the repository root, 1-based line), or undefined
 * when the file or line cannot be read. The edges read the files; everything in report/ stays pure.
 */
export type LineText = (file: string, line: number) => string | undefined

/**
 * A requirement line as it matters for identity: its comment, spaces and letter case dropped, so that a moved,
 * re-indented or re-commented line is still the same line (`Keras >= 3  # pin` and `keras>=3` match), while any
 * change to the requirement itself makes it another.
 */
export function normalizeLine(text: string): string {
  return text
    .replace(/(^|\s)#.*$/, '')
    .replace(/\s+/g, '')
    .toLowerCase()
}

// The name at the start of a requirement line, in a requirements file (`keras>=3`) or a TOML array (`"keras>=3",`).
const LEADING_NAME = /^\s*["']?([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/

/** The package a requirement line asks for (PEP 503 normalised), or undefined for an option or other line. */
export function packageOfLine(text: string): string | undefined {
  if (/^\s*-/.test(text)) return undefined
  const m = LEADING_NAME.exec(text)
  return m ? normalizeName(m[1]) : undefined
}

/** The packages a finding is about: those on its requirement lines and in its line edits. */
export function packagesOf(f: Finding, lineText: LineText): string[] {
  const texts = [
    ...f.locations.map(l => (l.line ? lineText(l.file, l.line) : undefined)),
    ...(f.edits ?? []).flatMap(e => [e.before, e.after])
  ]
  const names = texts.map(t => (t ? packageOfLine(t) : undefined)).filter((n): n is string => Boolean(n))
  return [...new Set(names)]
}

/** Each location as `file` + its normalised line text (the file alone when it has no line or cannot be read). */
export function locationKeys(f: Finding, lineText: LineText): string[] {
  const keys = f.locations.map(l => {
    const text = l.line ? lineText(l.file, l.line) : undefined
    return text === undefined ? `${l.file}\n` : `${l.file}\n${normalizeLine(text)}`
  })
  return [...new Set(keys)].sort()
}
