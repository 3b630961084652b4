/**
 * Python's `shlex.split(text)` (POSIX mode, no comments), which pip applies to the options part of a requirement
 * line: words split at space, tab, CR and LF; single quotes take everything literally; double quotes let a
 * backslash escape only `"` and `\`; outside quotes a backslash escapes any character. An open quote or a trailing
 * backslash is an error, as in Python.
 */
export type ShlexResult = { ok: true; words: string[] } | { ok: false; message: string }

const WHITESPACE = ' \t\r\n'

export function shlexSplit(text: string): ShlexResult {
  const words: string[] = []
  let word = ''
  // Whether a word has started (an empty pair of quotes is a word too).
  let inWord = false
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quote === "'") {
      if (ch === "'") quote = ''
      else word += ch
      continue
    }
    if (ch === '\\') {
      if (i + 1 >= text.length) return { ok: false, message: 'No escaped character' }
      const next = text[++i]
      // Inside double quotes the backslash stays unless it escapes `"` or itself.
      if (quote === '"' && next !== '"' && next !== '\\') word += '\\'
      word += next
      inWord = true
      continue
    }
    if (quote === '"') {
      if (ch === '"') quote = ''
      else word += ch
      continue
    }
    if (ch === '"' || ch === "'") {
      quote = ch
      inWord = true
    } else if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }
  if (quote) return { ok: false, message: 'No closing quotation' }
  if (inWord) words.push(word)
  return { ok: true, words }
}
