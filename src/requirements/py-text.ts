/**
 * Python's idea of text, where pip's reading depends on it and JavaScript's differs: what `str.isspace()` and the
 * `\s` of `re` call whitespace (JavaScript's `\s` adds U+FEFF and leaves out U+001C–U+001F and U+0085), what
 * `str.splitlines()` calls a line break, and what `\b` calls a word character.
 */

// str.isspace(): the characters Python's strip() removes and `re`'s \s matches in str patterns.
const PY_SPACE =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'

/** A character class body (for RegExp source) matching exactly Python's whitespace. */
export const PY_SPACE_CLASS = [...PY_SPACE].map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')

const SPACE_SET = new Set(PY_SPACE)

export function isPySpace(ch: string): boolean {
  return SPACE_SET.has(ch)
}

/** Python's str.strip() with no argument. */
export function pyStrip(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && SPACE_SET.has(text[start])) start++
  while (end > start && SPACE_SET.has(text[end - 1])) end--
  return text.slice(start, end)
}

/** Python's `\w` for str patterns (letters, digits and `_` of any script), for word boundaries. */
export const WORD_CLASS = '\\p{L}\\p{N}_'
/** Python's `\b`: a change between a word character and anything else. */
export const WORD_BOUNDARY = `(?:(?<=[${WORD_CLASS}])(?![${WORD_CLASS}])|(?<![${WORD_CLASS}])(?=[${WORD_CLASS}]))`

// str.splitlines() breaks at these, and at \r\n as one break (the controls are the point here).
// eslint-disable-next-line no-control-regex
const BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g

/** One physical line: its text, where it starts and ends (without its break), and the break itself. */
export interface PhysicalLine {
  text: string
  start: number
  end: number
  /** The characters that end the line (`\r\n`, `\n`, `\f`, ...), empty for a last line without one. */
  ending: string
}

/** Python's str.splitlines(), keeping each line's place in the text. Line n (1-based) is element n - 1. */
export function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = []
  let start = 0
  BREAK.lastIndex = 0
  for (let m = BREAK.exec(text); m !== null; m = BREAK.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index, ending: m[0] })
    start = m.index + m[0].length
  }
  if (start < text.length) lines.push({ text: text.slice(start), start, end: text.length, ending: '' })
  return lines
}
