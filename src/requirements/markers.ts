import { satisfies, valid } from '@renovatebot/pep440'

/** PEP 508 marker variables of the interpreter a run installs into (read from it, see environment/interpreter.ts). */
export type MarkerEnvironment = Record<string, string>

// Variables compared as versions when both sides are versions; the rest compare as strings.
const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release'])

type Token = { kind: 'var' | 'str' | 'op' | 'and' | 'or' | '(' | ')'; text: string }

const TOKEN =
  /\s*(?:(\()|(\))|(and)\b|(or)\b|(not\s+in|in|===|==|!=|~=|<=|>=|<|>)|"([^"]*)"|'([^']*)'|([A-Za-z_][A-Za-z0-9_.]*))/y

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break
    const m = TOKEN.exec(text)
    if (!m) return undefined
    if (m[1]) tokens.push({ kind: '(', text: '(' })
    else if (m[2]) tokens.push({ kind: ')', text: ')' })
    else if (m[3]) tokens.push({ kind: 'and', text: 'and' })
    else if (m[4]) tokens.push({ kind: 'or', text: 'or' })
    else if (m[5]) tokens.push({ kind: 'op', text: m[5].replace(/\s+/, ' ') })
    else if (m[6] !== undefined || m[7] !== undefined) tokens.push({ kind: 'str', text: m[6] ?? m[7] })
    else tokens.push({ kind: 'var', text: m[8] })
  }
  return tokens
}

function compareValues(left: string, op: string, right: string, versionLike: boolean): boolean {
  if (op === 'in') return right.includes(left)
  if (op === 'not in') return !right.includes(left)
  if (versionLike && valid(left) && (op === '~=' || valid(right))) {
    if (op === '===') return left === right
    return satisfies(left, `${op}${right}`)
  }
  const c = left < right ? -1 : left > right ? 1 : 0
  switch (op) {
    case '==':
    case '===':
      return c === 0
    case '!=':
      return c !== 0
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
  }
  return false
}

/**
 * Evaluates a marker for an environment. Returns undefined when the marker cannot be read or names a variable
 * the environment does not know: then no rule may act on the requirement as if it applied or did not.
 */
export function evaluateMarker(marker: string, env: MarkerEnvironment): boolean | undefined {
  if (marker.trim() === '') return true
  const tokens = tokenize(marker)
  if (!tokens) return undefined
  let pos = 0
  let unknown = false
  const value = (t: Token): string | undefined => {
    if (t.kind === 'str') return t.text
    if (t.kind === 'var') {
      if (t.text === 'extra') return env.extra ?? ''
      if (!(t.text in env)) unknown = true
      return env[t.text] ?? ''
    }
    return undefined
  }
  const atom = (): boolean | undefined => {
    const t = tokens[pos]
    if (!t) return undefined
    if (t.kind === '(') {
      pos++
      const inner = or()
      if (tokens[pos]?.kind !== ')') return undefined
      pos++
      return inner
    }
    const [l, op, r] = [tokens[pos], tokens[pos + 1], tokens[pos + 2]]
    if (!l || !op || !r || op.kind !== 'op') return undefined
    pos += 3
    const left = value(l)
    const right = value(r)
    if (left === undefined || right === undefined) return undefined
    const versionLike = (l.kind === 'var' && VERSION_VARS.has(l.text)) || (r.kind === 'var' && VERSION_VARS.has(r.text))
    return compareValues(left, op.text, right, versionLike)
  }
  const and = (): boolean | undefined => {
    let result = atom()
    while (tokens[pos]?.kind === 'and') {
      pos++
      const next = atom()
      result = result === undefined || next === undefined ? undefined : result && next
    }
    return result
  }
  const or = (): boolean | undefined => {
    let result = and()
    while (tokens[pos]?.kind === 'or') {
      pos++
      const next = and()
      result = result === undefined || next === undefined ? undefined : result || next
    }
    return result
  }
  const result = or()
  if (pos !== tokens.length || unknown) return undefined
  return result
}
