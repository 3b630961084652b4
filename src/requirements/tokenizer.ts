import { PY_SPACE_CLASS, WORD_BOUNDARY } from './py-text.js'

/**
 * The token rules of PEP 508 dependency specifiers as the `packaging` library (25.0, vendored by pip 25) applies
 * them: each rule is tried at the current position only, in the order the grammar asks, so that the same text
 * parses the same way. Word boundaries and whitespace follow Python's `re` (Unicode-aware), not JavaScript's.
 */
const S = `[${PY_SPACE_CLASS}]*`
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?'
const POST = '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?'
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?'
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?'
const START = 'v?(?:[0-9]+!)?[0-9]+'
// The operator, then a version whose allowed form depends on the operator (PEP 440).
const SPECIFIER =
  '(?:~=|==|!=|<=|>=|<|>|===)(?:' +
  [
    `(?<====)${S}[^${PY_SPACE_CLASS};)]*`,
    `(?<===|!=)${S}${START}(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})?`,
    `(?<=~=)${S}${START}(?:\\.[0-9]+)+${PRE}${POST}${DEV}`,
    `(?<!==|!=|~=)${S}${START}(?:\\.[0-9]+)*${PRE}${POST}${DEV}`
  ].join('|') +
  ')'

const VARIABLES =
  'python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)|' +
  'platform[._](?:version|machine|python_implementation)|python_implementation|implementation_(?:name|version)|' +
  'extras?|dependency_groups'

const rule = (source: string, flags = '') => new RegExp(source, `y${flags}`)

export const RULES = {
  LEFT_PARENTHESIS: rule('\\('),
  RIGHT_PARENTHESIS: rule('\\)'),
  LEFT_BRACKET: rule('\\['),
  RIGHT_BRACKET: rule('\\]'),
  SEMICOLON: rule(';'),
  COMMA: rule(','),
  QUOTED_STRING: rule(`'[^']*'|"[^"]*"`),
  OP: rule('===|==|~=|!=|<=|>=|<|>'),
  BOOLOP: rule(`${WORD_BOUNDARY}(?:or|and)${WORD_BOUNDARY}`, 'u'),
  IN: rule(`${WORD_BOUNDARY}in${WORD_BOUNDARY}`, 'u'),
  NOT: rule(`${WORD_BOUNDARY}not${WORD_BOUNDARY}`, 'u'),
  VARIABLE: rule(`${WORD_BOUNDARY}(?:${VARIABLES})${WORD_BOUNDARY}`, 'u'),
  SPECIFIER: rule(SPECIFIER, 'iu'),
  AT: rule('@'),
  URL: rule('[^ \\t]+'),
  IDENTIFIER: rule(`${WORD_BOUNDARY}[a-zA-Z0-9][a-zA-Z0-9._-]*${WORD_BOUNDARY}`, 'u'),
  VERSION_PREFIX_TRAIL: rule('\\.\\*'),
  VERSION_LOCAL_LABEL_TRAIL: rule('\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*'),
  WS: rule('[ \\t]+')
} as const

export type RuleName = keyof typeof RULES

/** A place in the text the grammar could not go past, with what it expected there. */
export class SpecifierSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message)
  }
}

export class Tokenizer {
  position = 0
  constructor(readonly source: string) {}

  /** The text rule `name` matches at the current position, if it does. */
  peek(name: RuleName): string | undefined {
    const re = RULES[name]
    re.lastIndex = this.position
    const m = re.exec(this.source)
    return m ? m[0] : undefined
  }

  /** Reads past a match of `name` if there is one; returns the matched text. */
  take(name: RuleName): string | undefined {
    const text = this.peek(name)
    if (text !== undefined) this.position += text.length
    return text
  }

  expect(name: RuleName, expected: string): string {
    const text = this.take(name)
    if (text === undefined) this.fail(`expected ${expected}`)
    return text
  }

  /** Python's `$`: the end, or just before a final newline. */
  atEnd(): boolean {
    const rest = this.source.length - this.position
    return rest === 0 || (rest === 1 && this.source[this.position] === '\n')
  }

  fail(message: string, position = this.position): never {
    throw new SpecifierSyntaxError(message, position)
  }
}
