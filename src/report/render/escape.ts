// Everything from pip, Python, the user's packages and the repository's files is data, never markup. The job
// summary is Markdown with HTML in it, and GitHub parses Markdown again after any blank line, even in the middle of
// our HTML. So untrusted text never brings a line break into the summary's source (a multi-line text becomes one
// source line whose breaks are character references), never brings `<` or `&` into our HTML, and shows the
// characters that would otherwise be invisible or act on the terminal.

// Terminal colour and cursor codes: formatting for a terminal, not content.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]/g
const LINE_BREAK = /\r\n|[\r\u2028\u2029]/g
// C0 controls (but tab and line feed) and DEL show as their Unicode symbols (␀, ␛, ␡).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g
// C1 controls and the marks that reorder or hide text (a file name that reads backwards) show as code points.
const INVISIBLE = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
// Half of a character cut in two by a length limit somewhere upstream: it would only reach the page as U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const codePoint = (c: string) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`

/** Untrusted text as a reader should see it: line breaks as `\n`, controls and invisible marks shown. */
export function visible(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(LINE_BREAK, '\n')
    .replace(CONTROL, c => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
    .replace(INVISIBLE, codePoint)
    .replace(LONE_SURROGATE, '')
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

// What would open Markdown inline markup, as character references: inert inside our HTML anyway, they stay text
// even where a value might one day land in Markdown proper. `_` only at a word's edge (inside a word, as in
// ml_dtypes, it cannot emphasise); URLs lose the `:` of `://` and the dot of `www.`, which would make them links.
const MARKDOWN = /[`*[\]\\|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|:(?=\/\/)|(?<=\bwww)\./gi

const reference = (c: string) => `&#${c.charCodeAt(0)};`

/** One line of untrusted text for our HTML (a cell, a heading, a paragraph): line breaks become spaces. */
export function escapeLine(text: string): string {
  return visible(text)
    .replace(/\n/g, ' ')
    .replace(/[&<>"']/g, c => HTML[c])
    .replace(MARKDOWN, reference)
}

/** Multi-line untrusted text for a <pre>: one source line, its line breaks as `&#10;`, which the browser shows. */
export function escapeBlock(text: string): string {
  return visible(text)
    .replace(/[&<>"']/g, c => HTML[c])
    .replace(/\n/g, '&#10;')
}

// Our own messages mark code with single backticks at word edges ("Add `tf-keras~=2.21.0` to ..."). Untrusted
// text quoted in a message may hold backticks too: one inside a word or in a run delimits nothing and shows as is.
const CODE_SPAN = /(?<=^|[\s([{"'])`([^`\s](?:[^`]*[^`\s])?)`(?=$|[\s.,;:!?)\]}"'])/g

function codeSpans(line: string): string {
  let html = ''
  let from = 0
  for (const m of line.matchAll(CODE_SPAN)) {
    html += `${escapeLine(line.slice(from, m.index))}<code>${escapeLine(m[1])}</code>`
    from = m.index + m[0].length
  }
  return html + escapeLine(line.slice(from))
}

/**
 * One of our messages, which may quote untrusted text, as HTML: escaped, with its `code` spans as <code>. Its line
 * breaks become <br> (`breaks`, for paragraphs) or spaces, never line breaks in the summary's source.
 */
export function inlineHtml(text: string, breaks = false): string {
  return visible(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map(codeSpans)
    .join(breaks ? '<br>' : ' ')
}

/** Keeps the end of a long log (where the error is), saying how much was cut; never half a character. */
export function tail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  let start = text.length - maxChars
  if (/[\udc00-\udfff]/.test(text[start])) start++
  return `[... ${start} earlier characters cut ...]\n${text.slice(start)}`
}
