import { type MarkerList, parseMarkerList } from './markers.js'
import { pyStrip } from './py-text.js'
import { SpecifierSyntaxError, Tokenizer } from './tokenizer.js'

/** A dependency specifier as `packaging.requirements.Requirement` reads it. */
export interface Pep508 {
  name: string
  extras: string[]
  /** Each specifier as packaging prints it (`>=1.0`, `==2.*`), in the order written. */
  specifiers: string[]
  url: string
  marker?: MarkerList
}

export type Pep508Parse = { ok: true; value: Pep508 } | { ok: false; message: string; position: number }

function extras(t: Tokenizer): string[] {
  if (t.peek('LEFT_BRACKET') === undefined) return []
  const open = t.position
  t.take('LEFT_BRACKET')
  t.take('WS')
  const out: string[] = []
  const first = t.take('IDENTIFIER')
  if (first !== undefined) {
    out.push(first)
    for (;;) {
      t.take('WS')
      if (t.peek('IDENTIFIER') !== undefined) t.fail('expected a comma between extra names')
      if (t.take('COMMA') === undefined) break
      t.take('WS')
      out.push(t.expect('IDENTIFIER', 'an extra name after the comma'))
    }
  }
  t.take('WS')
  if (t.take('RIGHT_BRACKET') === undefined) t.fail('expected a closing ] after the extras', open)
  return out
}

const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)/

function versionMany(t: Tokenizer): string[] {
  const out: string[] = []
  for (let spec = t.take('SPECIFIER'); spec !== undefined; spec = t.take('SPECIFIER')) {
    const op = OPERATOR.exec(spec)![1]
    out.push(op + pyStrip(spec.slice(op.length)))
    if (t.peek('VERSION_PREFIX_TRAIL') !== undefined) t.fail('a .* suffix can only follow == or !=')
    if (t.peek('VERSION_LOCAL_LABEL_TRAIL') !== undefined) t.fail('a local version label can only follow == or !=')
    t.take('WS')
    if (t.take('COMMA') === undefined) break
    t.take('WS')
  }
  return out
}

function specifier(t: Tokenizer): string[] {
  const open = t.peek('LEFT_PARENTHESIS') !== undefined ? t.position : undefined
  if (open !== undefined) t.take('LEFT_PARENTHESIS')
  t.take('WS')
  const specs = versionMany(t)
  t.take('WS')
  if (open !== undefined && t.take('RIGHT_PARENTHESIS') === undefined) {
    t.fail('expected a closing ) after the version specifier', open)
  }
  return specs
}

function requirementMarker(t: Tokenizer, after: string): MarkerList {
  if (t.take('SEMICOLON') === undefined) t.fail(`expected the end or a semicolon (after ${after})`)
  const marker = parseMarkerList(t)
  t.take('WS')
  return marker
}

function details(t: Tokenizer): Pick<Pep508, 'url' | 'specifiers' | 'marker'> {
  if (t.take('AT') !== undefined) {
    t.take('WS')
    const url = t.expect('URL', 'a URL after @')
    if (t.atEnd()) return { url, specifiers: [] }
    t.expect('WS', 'whitespace after the URL')
    if (t.atEnd()) return { url, specifiers: [] }
    return { url, specifiers: [], marker: requirementMarker(t, 'the URL and whitespace') }
  }
  const specifiers = specifier(t)
  t.take('WS')
  if (t.atEnd()) return { url: '', specifiers }
  const after = specifiers.length > 0 ? 'the version specifier' : 'the name, with no valid version specifier'
  return { url: '', specifiers, marker: requirementMarker(t, after) }
}

/** Parses a PEP 508 dependency specifier exactly as packaging 25 does, or says where and why it cannot. */
export function parsePep508(text: string): Pep508Parse {
  const t = new Tokenizer(text)
  try {
    t.take('WS')
    const name = t.expect('IDENTIFIER', 'a package name at the start')
    t.take('WS')
    const found = extras(t)
    t.take('WS')
    const rest = details(t)
    if (!t.atEnd()) t.fail('expected the end of the requirement')
    return { ok: true, value: { name, extras: found, ...rest } }
  } catch (error) {
    if (!(error instanceof SpecifierSyntaxError)) throw error
    return { ok: false, message: error.message, position: error.position }
  }
}
