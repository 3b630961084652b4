// A small HTML reader for tests over cmark-gfm's output: which elements there are, and what text a reader sees.

export interface Element {
  name: string
  /** The raw attribute text, e.g. ` href="..."`. */
  attrs: string
}

// Attribute values may hold `>` inside quotes; cmark-gfm's own output always quotes them.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g

/** Every start tag, in order. */
export function elements(html: string): Element[] {
  return [...html.matchAll(TAG)].filter(m => m[1] === '').map(m => ({ name: m[2].toLowerCase(), attrs: m[3] }))
}

/** How many elements of each name, e.g. { p: 3, h4: 1 }. */
export function census(html: string, ignore: string[] = []): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const e of elements(html)) if (!ignore.includes(e.name)) counts[e.name] = (counts[e.name] ?? 0) + 1
  return counts
}

/** Markup that is no element but would still reach the page as markup: comments, CDATA, processing instructions. */
export function otherMarkup(html: string): string[] {
  return html.match(/<!--|<!\[CDATA\[|<\?|<![A-Za-z]/g) ?? []
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes character references as a browser does for the few that cmark-gfm and our renderer write. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    return NAMED[ref] ?? whole
  })
}

/** The text a reader sees: tags dropped, references decoded (in that order: decoded `<` must stay text). */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(TAG, ' '))
}

/** The raw HTML between `open` and the next `close`, from the first `open` at or after `marker`. */
export function between(html: string, marker: string, open: string, close: string): string | undefined {
  const at = html.indexOf(marker)
  const start = at < 0 ? -1 : html.indexOf(open, at)
  const end = start < 0 ? -1 : html.indexOf(close, start + open.length)
  return end < 0 ? undefined : html.slice(start + open.length, end)
}

/** Whitespace runs as one space, trimmed: what a browser shows of text outside <pre>. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim()
