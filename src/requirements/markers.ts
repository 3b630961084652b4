import { satisfies, valid } from '@renovatebot/pep440'
import { normalizeName } from './names.js'
import { SpecifierSyntaxError, Tokenizer } from './tokenizer.js'

/** PEP 508 marker variables of the interpreter a run installs into (read from it, see environment/interpreter.ts). */
export type MarkerEnvironment = Record<string, string>

export type MarkerValue = { kind: 'var'; name: string } | { kind: 'str'; value: string }
export interface MarkerItem {
  kind: 'item'
  left: MarkerValue
  op: string
  right: MarkerValue
}
/** A marker as packaging parses it: atoms (items or parenthesised lists) joined by `and` / `or`, left to right. */
export type MarkerList = (MarkerItem | MarkerList | 'and' | 'or')[]

/**
 * Deepest nesting of parentheses read. pip's own parser runs out of Python stack somewhere past 400 levels; past
 * this depth a marker is a syntax problem at its line, never a stack overflow here.
 */
export const MAX_MARKER_DEPTH = 300

// Python string-literal escapes that stand for one character.
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
}

/** The value of a quoted marker string, as Python's ast.literal_eval reads it (escapes included). */
function literal(tokenizer: Tokenizer, quoted: string, at: number): string {
  const body = quoted.slice(1, -1)
  if (body.includes('\0')) tokenizer.fail('a marker string cannot hold a NUL character', at)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i]
      continue
    }
    const next = body[++i]
    if (next === undefined) tokenizer.fail('a marker string ends in a backslash', at)
    if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next]
    else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))![0]
      out += String.fromCodePoint(parseInt(digits, 8))
      i += digits.length - 1
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = { x: 2, u: 4, U: 8 }[next]
      const hex = body.slice(i + 1, i + 1 + width)
      const point = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : -1
      if (point < 0 || point > 0x10ffff) tokenizer.fail(`a marker string has a bad \\${next} escape`, at)
      out += String.fromCodePoint(point)
      i += width
    } else if (next === 'N') tokenizer.fail('keras-compat cannot read \\N{...} escapes in marker strings', at)
    else out += `\\${next}`
  }
  return out
}

function markerVar(tokenizer: Tokenizer): MarkerValue {
  const variable = tokenizer.take('VARIABLE')
  if (variable !== undefined) {
    const name = variable.replace(/\./g, '_')
    return { kind: 'var', name: name === 'python_implementation' ? 'platform_python_implementation' : name }
  }
  const at = tokenizer.position
  const quoted = tokenizer.take('QUOTED_STRING')
  if (quoted !== undefined) return { kind: 'str', value: literal(tokenizer, quoted, at) }
  return tokenizer.fail('expected a marker variable or a quoted string')
}

function markerOp(tokenizer: Tokenizer): string {
  if (tokenizer.take('IN') !== undefined) return 'in'
  if (tokenizer.take('NOT') !== undefined) {
    tokenizer.expect('WS', "whitespace after 'not'")
    tokenizer.expect('IN', "'in' after 'not'")
    return 'not in'
  }
  const op = tokenizer.take('OP')
  if (op !== undefined) return op
  return tokenizer.fail('expected a marker operator: one of <, <=, ==, !=, >=, >, ~=, ===, in, not in')
}

function markerAtom(tokenizer: Tokenizer, depth: number): MarkerItem | MarkerList {
  tokenizer.take('WS')
  let atom: MarkerItem | MarkerList
  if (tokenizer.peek('LEFT_PARENTHESIS') !== undefined) {
    const open = tokenizer.position
    if (depth >= MAX_MARKER_DEPTH) tokenizer.fail(`marker nested more than ${MAX_MARKER_DEPTH} parentheses deep`)
    tokenizer.take('LEFT_PARENTHESIS')
    tokenizer.take('WS')
    atom = parseMarkerList(tokenizer, depth + 1)
    tokenizer.take('WS')
    if (tokenizer.take('RIGHT_PARENTHESIS') === undefined) {
      tokenizer.fail('expected a closing parenthesis for the marker expression', open)
    }
  } else {
    tokenizer.take('WS')
    const left = markerVar(tokenizer)
    tokenizer.take('WS')
    const op = markerOp(tokenizer)
    tokenizer.take('WS')
    const right = markerVar(tokenizer)
    tokenizer.take('WS')
    atom = { kind: 'item', left, op, right }
  }
  tokenizer.take('WS')
  return atom
}

/** marker = atom (BOOLOP atom)*, read from the tokenizer's position. */
export function parseMarkerList(tokenizer: Tokenizer, depth = 0): MarkerList {
  const list: MarkerList = [markerAtom(tokenizer, depth)]
  for (let op = tokenizer.take('BOOLOP'); op !== undefined; op = tokenizer.take('BOOLOP')) {
    list.push(op as 'and' | 'or', markerAtom(tokenizer, depth))
  }
  return list
}

export type MarkerParse = { ok: true; marker: MarkerList } | { ok: false; message: string }

/** Parses a whole marker expression (`Marker(text)` in packaging). */
export function parseMarker(text: string): MarkerParse {
  const tokenizer = new Tokenizer(text)
  try {
    const marker = parseMarkerList(tokenizer)
    if (!tokenizer.atEnd()) tokenizer.fail('expected the end of the marker expression')
    return { ok: true, marker }
  } catch (error) {
    if (error instanceof SpecifierSyntaxError) return { ok: false, message: error.message }
    throw error
  }
}

const serializeValue = (v: MarkerValue) => (v.kind === 'var' ? v.name : `"${v.value}"`)

function format(node: MarkerItem | MarkerList | 'and' | 'or', first: boolean): string {
  if (typeof node === 'string') return node
  if (!Array.isArray(node)) return `${serializeValue(node.left)} ${node.op} ${serializeValue(node.right)}`
  // A one-element list holding a list or an item loses its parentheses, however deep (as packaging prints it).
  if (node.length === 1 && typeof node[0] !== 'string') return format(node[0], true)
  const inner = node.map(n => format(n, false)).join(' ')
  return first ? inner : `(${inner})`
}

/** The marker as packaging prints it (`str(Marker)`): the form pip shows and compares. */
export function canonicalMarker(marker: MarkerList): string {
  const [head, ...rest] = marker
  // packaging normalises an `extra` comparison only when it is the first item of the top-level list.
  if (typeof head === 'object' && !Array.isArray(head)) {
    const isExtra = (v: MarkerValue) => v.kind === 'var' && v.name === 'extra'
    const normalized = (v: MarkerValue): MarkerValue => ({
      kind: 'str',
      value: normalizeName(v.kind === 'var' ? v.name : v.value)
    })
    let item = head
    if (isExtra(head.left)) item = { ...head, right: normalized(head.right) }
    else if (isExtra(head.right)) item = { ...head, left: normalized(head.left) }
    return format([item, ...rest], true)
  }
  return format(marker, true)
}

// Variables compared as versions when both sides are versions; the rest compare as strings.
const VERSION_VARS = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release'])

function compareValues(left: string, op: string, right: string, versionLike: boolean): boolean {
  if (op === 'in') return right.includes(left)
  if (op === 'not in') return !right.includes(left)
  if (versionLike && valid(left) && (op === '~=' || valid(right))) {
    if (op === '===') return left === right
    return satisfies(left, `${op}${right}`)
  }
  const c = left < right ? -1 : left > right ? 1 : 0
  const results: Record<string, boolean> = {
    '==': c === 0,
    '===': c === 0,
    '!=': c !== 0,
    '<': c < 0,
    '<=': c <= 0,
    '>': c > 0,
    '>=': c >= 0
  }
  return results[op] ?? false
}

function evaluateList(list: MarkerList, env: MarkerEnvironment, unknown: { seen: boolean }): boolean | undefined {
  // `and` binds tighter than `or`: the list is an OR of groups joined by AND.
  let someGroup: boolean | undefined = false
  let thisGroup: boolean | undefined = true
  const closeGroup = () => {
    if (someGroup === true || thisGroup === true) someGroup = true
    else if (someGroup === undefined || thisGroup === undefined) someGroup = undefined
  }
  for (const node of list) {
    if (node === 'or') {
      closeGroup()
      thisGroup = true
    } else if (node !== 'and') {
      const v = Array.isArray(node) ? evaluateList(node, env, unknown) : evaluateItem(node, env, unknown)
      if (thisGroup === false || v === false) thisGroup = false
      else if (thisGroup === undefined || v === undefined) thisGroup = undefined
    }
  }
  closeGroup()
  return someGroup
}

function evaluateItem(item: MarkerItem, env: MarkerEnvironment, unknown: { seen: boolean }): boolean {
  const value = (v: MarkerValue): string => {
    if (v.kind === 'str') return v.value
    if (v.name === 'extra') return env.extra ?? ''
    if (!(v.name in env)) unknown.seen = true
    return env[v.name] ?? ''
  }
  const versionLike = [item.left, item.right].some(v => v.kind === 'var' && VERSION_VARS.has(v.name))
  return compareValues(value(item.left), item.op, value(item.right), versionLike)
}

/**
 * Evaluates a marker for an environment. Returns undefined when the marker cannot be read or names a variable
 * the environment does not know: then no rule may act on the requirement as if it applied or did not.
 */
export function evaluateMarker(marker: string, env: MarkerEnvironment): boolean | undefined {
  if (marker.trim() === '') return true
  const parsed = parseMarker(marker)
  if (!parsed.ok) return undefined
  const unknown = { seen: false }
  const result = evaluateList(parsed.marker, env, unknown)
  return unknown.seen ? undefined : result
}
