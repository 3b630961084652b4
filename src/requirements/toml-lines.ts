/**
 * Finds source lines for values in a TOML file. TOML parsers drop positions, so each value is looked up as written
 * (a quoted string, or a `key =` line) inside the tables it belongs to, in order, so that the same string in two
 * places maps to two lines. The file is indexed once (table headers, quoted strings and keys per line) and every
 * lookup moves a cursor forward through its own occurrences: linear in the file, however many values are asked for.
 */
interface Header {
  name: string
  line: number
}

export class LineFinder {
  private readonly headers: Header[] = []
  /** For each line, the index of the header whose table it is in (-1: before any header). */
  private readonly section: number[] = []
  private readonly strings = new Map<string, number[]>()
  private readonly keys = new Map<string, number[]>()
  private readonly regions = new Map<string, Set<number> | 'all'>()
  private readonly cursors = new Map<string, number>()
  private readonly used = new Set<string>()

  constructor(text: string) {
    const lines = text.split(/\r\n|\n|\r/)
    lines.forEach((line, i) => {
      const header = headerName(line)
      if (header !== undefined) {
        this.headers.push({ name: header, line: i })
        add(this.keys, `[${header.toLowerCase()}]`, i)
      }
      this.section.push(this.headers.length - 1)
      for (const value of quotedStrings(line)) add(this.strings, value, i)
      const key = leadingKey(line)
      if (key !== undefined) add(this.keys, key.toLowerCase(), i)
    })
  }

  /** Headers whose table is `prefix` or inside it; 'all' when there are none (dotted keys at the top level). */
  private region(prefix: string): Set<number> | 'all' {
    let region = this.regions.get(prefix)
    if (!region) {
      const matching = new Set<number>()
      this.headers.forEach((h, i) => {
        if (h.name === prefix || h.name.startsWith(`${prefix}.`)) matching.add(i)
      })
      region = matching.size > 0 ? matching : 'all'
      this.regions.set(prefix, region)
    }
    return region
  }

  /** The first unused occurrence (in file order) of `lookup` in one of `prefix`'s tables, as a 1-based line. */
  private next(prefix: string, kind: string, occurrences: number[] | undefined, lookup: string): number | undefined {
    if (!occurrences) return undefined
    const region = this.region(prefix)
    const cursorKey = `${kind}\0${prefix}\0${lookup}`
    let i = this.cursors.get(cursorKey) ?? 0
    for (; i < occurrences.length; i++) {
      const line = occurrences[i]
      const id = `${kind}\0${lookup}\0${i}`
      if (this.used.has(id) || (region !== 'all' && !region.has(this.section[line]))) continue
      this.used.add(id)
      this.cursors.set(cursorKey, i + 1)
      return line + 1
    }
    this.cursors.set(cursorKey, i)
    return undefined
  }

  string(prefix: string, value: string): number | undefined {
    return this.next(prefix, 's', this.strings.get(value), value)
  }

  key(prefix: string, key: string): number | undefined {
    const bare = this.keys.get(key.toLowerCase())
    const table = this.keys.get(`[${prefix}.${key}]`.toLowerCase())
    const occurrences = bare && table ? [...bare, ...table].sort((a, b) => a - b) : (bare ?? table)
    return this.next(prefix, 'k', occurrences, key.toLowerCase())
  }
}

function add(map: Map<string, number[]>, key: string, line: number): void {
  const list = map.get(key)
  if (list) list.push(line)
  else map.set(key, [line])
}

/** `[table]` or `[[array]]` (an optional comment after), with quotes and spaces around dots removed. */
function headerName(line: string): string | undefined {
  const t = line.trimStart()
  if (t[0] !== '[') return undefined
  const start = t[1] === '[' ? 2 : 1
  const close = t.indexOf(']', start)
  if (close < 0) return undefined
  const name = t.slice(start, close).trim()
  let rest = t.slice(close + 1)
  if (rest.startsWith(']')) rest = rest.slice(1)
  rest = rest.trim()
  if (name === '' || (rest !== '' && !rest.startsWith('#'))) return undefined
  return name.replace(/\s*\.\s*/g, '.').replace(/["']/g, '')
}

/** Every quoted string on a line, as written between its quotes (a backslash escapes inside double quotes). */
function quotedStrings(line: string): string[] {
  const out: string[] = []
  for (let i = 0; i < line.length; i++) {
    const q = line[i]
    if (q !== '"' && q !== "'") continue
    let j = i + 1
    while (j < line.length && line[j] !== q) j += q === '"' && line[j] === '\\' ? 2 : 1
    if (j >= line.length) break
    out.push(line.slice(i + 1, j))
    i = j
  }
  return out
}

/** The key a `key = value` line starts with (bare or quoted). */
function leadingKey(line: string): string | undefined {
  const m = /^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_.-]+))\s*=/.exec(line)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}
