import { explain } from '@renovatebot/pep440'

/**
 * PEP 440 versions parsed once and compared as packaging does, for the resolver's inner loop: the same few hundred
 * releases are checked against every specifier that a chosen release brings, and re-parsing both strings on each
 * check (as a general-purpose `satisfies` must) costs more than the whole search. Parsing stays with pep440's
 * explain(); only the ordering and the operators' meaning are here.
 */
export interface Parsed {
  epoch: number
  /** Release segments without trailing zeros (2.16.0 and 2.16 are equal). */
  release: number[]
  /** Full release segments as written, for prefix matches (`==2.16.*`, `~=`). */
  written: number[]
  pre?: [number, number]
  post?: number
  dev?: number
  local: boolean
  isPre: boolean
}

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 }

export function parseVersion(text: string): Parsed | undefined {
  const v = explain(text)
  if (!v) return undefined
  const release = [...v.release]
  while (release.length > 1 && release[release.length - 1] === 0) release.pop()
  return {
    epoch: v.epoch,
    release,
    written: v.release,
    pre: v.pre ? [PRE_RANK[String(v.pre[0]).toLowerCase()] ?? 2, Number(v.pre[1])] : undefined,
    post: v.post === null ? undefined : Number(v.post),
    dev: v.dev === null ? undefined : Number(v.dev),
    local: v.local !== null,
    isPre: v.is_prerelease
  }
}

// Infinities stand for "absent" in packaging's key; Infinity - Infinity would be NaN, so compare, never subtract.
const cmp = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0)

function compareArrays(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = cmp(a[i] ?? 0, b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

// packaging's sort key: a dev release without pre or post comes before the pre-releases of its version.
function preKey(v: Parsed): number[] {
  if (!v.pre && v.post === undefined && v.dev !== undefined) return [-Infinity]
  return v.pre ? v.pre : [Infinity]
}

/** Public-version order (local labels ignored, as specifiers without one ignore them). */
export function compareParsed(a: Parsed, b: Parsed): number {
  return (
    cmp(a.epoch, b.epoch) ||
    compareArrays(a.release, b.release) ||
    compareArrays(preKey(a), preKey(b)) ||
    cmp(a.post ?? -Infinity, b.post ?? -Infinity) ||
    cmp(a.dev ?? Infinity, b.dev ?? Infinity)
  )
}

const baseEqual = (a: Parsed, b: Parsed) => a.epoch === b.epoch && compareArrays(a.release, b.release) === 0

export interface Clause {
  op: string
  version?: Parsed
  /** `==X.Y.*` / `!=X.Y.*`: the release prefix. */
  prefix?: number[]
  text: string
}

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/

/** PEP 440 equality as a string: equal versions (2.16 and 2.16.0) give the same key, local labels aside. */
export function equalityKey(v: Parsed): string {
  return `${v.epoch}!${v.release.join('.')}|${v.pre?.join('.') ?? ''}|${v.post ?? ''}|${v.dev ?? ''}`
}

// A file may repeat thousands of distinct specifiers, each seen by several rules: each is parsed once.
const specifierMemo = new Map<string, Clause[] | undefined>()

/** A specifier's clauses, or undefined when pip could not read one of them. */
export function parseSpecifier(specifier: string): Clause[] | undefined {
  if (!specifierMemo.has(specifier)) specifierMemo.set(specifier, parseClauses(specifier))
  return specifierMemo.get(specifier)
}

function parseClauses(specifier: string): Clause[] | undefined {
  if (specifier.trim() === '') return []
  const out: Clause[] = []
  for (const part of specifier.split(',')) {
    const m = CLAUSE.exec(part)
    if (!m) return undefined
    const [, op, text] = m
    if (op === '===') {
      out.push({ op, text })
      continue
    }
    const wildcard = text.endsWith('.*')
    const version = parseVersion(wildcard ? text.slice(0, -2) : text)
    if (!version || (wildcard && op !== '==' && op !== '!=') || (op === '~=' && version.written.length < 2))
      return undefined
    out.push(wildcard ? { op, prefix: version.written, version, text } : { op, version, text })
  }
  return out
}

function prefixMatch(prefix: number[], v: Parsed): boolean {
  return prefix.every((n, i) => (v.written[i] ?? 0) === n)
}

/** Whether a version meets one clause (pre-releases are the caller's business). */
export function admits(c: Clause, v: Parsed, raw: string): boolean {
  if (c.op === '===') return raw.toLowerCase() === c.text.toLowerCase()
  const s = c.version!
  if (c.prefix) return (c.op === '==') === (s.epoch === v.epoch && prefixMatch(c.prefix, v))
  const order = compareParsed(v, s)
  switch (c.op) {
    case '==':
      return order === 0
    case '!=':
      return order !== 0
    case '>=':
      return order >= 0
    case '<=':
      return order <= 0
    case '>':
      // Not a post-release of the version itself, unless the specifier names a post-release.
      return order > 0 && !(s.post === undefined && v.post !== undefined && baseEqual(v, s))
    case '<':
      // Not a pre-release of the version itself, unless the specifier names a pre-release.
      return order < 0 && !(!s.isPre && v.isPre && baseEqual(v, s))
    case '~=':
      return order >= 0 && s.epoch === v.epoch && prefixMatch(s.written.slice(0, -1), v)
  }
  return false
}
