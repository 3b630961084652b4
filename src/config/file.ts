import { readFileSync, statSync } from 'node:fs'
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml'
import { ConfigError } from '../core/errors.js'
import { FINDING_IDS, type FindingId } from '../core/ids.js'
import { type IgnoreRule } from '../report/suppress.js'
import { repoRelative } from '../util/platform-paths.js'
import { CONFIG_KEYS, type ConfigKey, INPUTS } from './inputs.js'
import { type ConfigFileChoice } from './types.js'

/** A value the file gives an input: as the input would be written, and where. */
export interface FileValue {
  raw: string
  line: number
}

/** The config file, read: the inputs it sets and its `ignore:` entries, each with its line. */
export interface ConfigFileContent {
  /** The file as errors and notes name it: relative to the workspace, with `/`. */
  name: string
  values: Partial<Record<ConfigKey, FileValue>>
  ignore: IgnoreRule[]
}

/** Inputs that cannot come from a file in the repository: a token, and the file's own name. */
const NOT_IN_FILE: Partial<Record<string, string>> = {
  'github-token': 'a token does not belong in a file in the repository; set it in the workflow',
  'config-file': 'the file cannot name another one; set config-file in the workflow'
}

/** Findings an entry may not hide: keras-compat's own alarm that the code under test attacked the job. */
const NEVER_IGNORED: FindingId[] = ['job-files-tampered']

const MAX_BYTES = 256 * 1024
const ENTRY_KEYS = ['id', 'package', 'file', 'reason', 'until']
const PACKAGE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/

/** Reads the config file: undefined when the default one is absent; a named one must exist. */
export function readConfigFile(choice: ConfigFileChoice, base: string): ConfigFileContent | undefined {
  const name = repoRelative(base, choice.path)
  let size: number
  try {
    const stat = statSync(choice.path)
    if (!stat.isFile()) throw new ConfigError(`config-file: ${name} is not a regular file.`)
    size = stat.size
  } catch (error) {
    if (error instanceof ConfigError) throw error
    if (!choice.named) return undefined
    throw new ConfigError(
      `config-file: ${name} not found (looked for ${choice.path}). Paths are relative to the workspace.`
    )
  }
  if (size > MAX_BYTES)
    throw new ConfigError(`config-file: ${name} is over ${MAX_BYTES / 1024} KiB: not a config file.`)
  return parseConfigText(readFileSync(choice.path, 'utf8'), name)
}

/** Parses the file's text. Every error names the file, the line and the key. */
export function parseConfigText(text: string, name: string): ConfigFileContent {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true })
  const bad = doc.errors[0]
  if (bad) {
    const at = bad.linePos?.[0]
    const where = at ? `${at.line}:${at.col}` : '1'
    const message = bad.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new ConfigError(`${name}:${where}: not valid YAML: ${message}`)
  }
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1)
  const fail = (node: Node | null | undefined, key: string, message: string): never => {
    throw new ConfigError(`${name}:${lineOf(node)}: ${key}: ${message}`)
  }
  const content: ConfigFileContent = { name, values: {}, ignore: [] }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return content
  if (!isMap(doc.contents)) return fail(doc.contents, '(top level)', 'the file must be a map of input names')
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null
    const key = isScalar(keyNode) ? String(keyNode.value) : fail(keyNode, '(key)', 'keys must be plain names')
    const valueNode = pair.value as Node | null
    if (key === 'ignore') {
      content.ignore = readIgnore(valueNode, fail, lineOf, name)
      continue
    }
    if (NOT_IN_FILE[key]) fail(keyNode, key, `${NOT_IN_FILE[key]}.`)
    const configKey = CONFIG_KEYS.find(k => INPUTS[k].input === key)
    if (!configKey) fail(keyNode, key, `not an input of keras-compat (nor ignore). ${suggest(key)}`)
    content.values[configKey!] = { raw: inputText(valueNode, key, fail), line: lineOf(keyNode) }
  }
  return content
}

type Fail = (node: Node | null | undefined, key: string, message: string) => never

/** The closest input names, for a typo. */
function suggest(key: string): string {
  const names = CONFIG_KEYS.map(k => INPUTS[k].input).filter(n => !NOT_IN_FILE[n])
  const close = names.filter(n => n.includes(key) || key.includes(n) || n.split('-')[0] === key.split('-')[0])
  return close.length > 0 ? `Did you mean ${close.join(' or ')}?` : `The inputs are: ${names.join(', ')}.`
}

function scalarText(node: Node | null | undefined, key: string, fail: Fail): string {
  if (node === null || node === undefined) return ''
  if (!isScalar(node)) return fail(node, key, 'expected a single value here')
  const v = node.value
  if (v === null) return ''
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v)
  return fail(node, key, 'expected text, a number or true/false')
}

/** A value as the workflow input would be written: a list one item per line, `env` as KEY=VALUE lines. */
function inputText(node: Node | null, key: string, fail: Fail): string {
  if (isSeq(node)) return node.items.map(item => scalarText(item as Node, key, fail)).join('\n')
  if (isMap(node)) {
    if (key !== 'env') return fail(node, key, 'a map is accepted only for env (KEY: value)')
    return node.items
      .map(p => `${scalarText(p.key as Node, key, fail)}=${scalarText(p.value as Node, key, fail)}`)
      .join('\n')
  }
  return scalarText(node, key, fail)
}

function readIgnore(node: Node | null, fail: Fail, lineOf: (n: Node | null | undefined) => number, name: string) {
  if (node === null || (isScalar(node) && node.value === null)) return []
  if (!isSeq(node)) return fail(node, 'ignore', 'expected a list of entries (- id: ..., reason: ...)')
  return node.items.map((item, i) => {
    const where = `ignore[${i + 1}]`
    if (!isMap(item))
      return fail(item as Node, where, 'each entry is a map: id, reason, and optionally package, file, until')
    return readEntry(item, where, fail, { file: name, line: lineOf(item) })
  })
}

function readEntry(map: YAMLMap, where: string, fail: Fail, source: IgnoreRule['source']): IgnoreRule {
  const fields: Record<string, { text: string; node: Node }> = {}
  for (const pair of map.items) {
    const keyNode = pair.key as Node
    const key = scalarText(keyNode, where, fail)
    if (!ENTRY_KEYS.includes(key))
      fail(keyNode, `${where}.${key}`, `not a field of an ignore entry (${ENTRY_KEYS.join(', ')})`)
    fields[key] = {
      text: scalarText(pair.value as Node, `${where}.${key}`, fail).trim(),
      node: (pair.value ?? keyNode) as Node
    }
  }
  const at = (key: string) => fields[key]?.node ?? map
  const id = fields.id?.text ?? ''
  if (!id) fail(map, `${where}.id`, 'every entry names the finding id it ignores')
  if (!(FINDING_IDS as readonly string[]).includes(id))
    fail(at('id'), `${where}.id`, `"${id}" is not a finding id (see docs/findings.md)`)
  if (NEVER_IGNORED.includes(id as FindingId))
    fail(at('id'), `${where}.id`, `${id} reports an attack on the job and cannot be ignored`)
  const reason = fields.reason?.text ?? ''
  if (!reason) fail(at('reason'), `${where}.reason`, 'a reason is required: say why this finding may be ignored')
  const pkg = fields.package?.text
  if (pkg !== undefined && !PACKAGE_NAME.test(pkg))
    fail(at('package'), `${where}.package`, `"${pkg}" is not a package name`)
  const file = fields.file?.text
  if (file !== undefined && file === '')
    fail(at('file'), `${where}.file`, 'give a path relative to the repository root')
  const until = fields.until?.text
  if (until !== undefined && !isDay(until))
    fail(at('until'), `${where}.until`, `"${until}" is not a date written YYYY-MM-DD`)
  return { id: id as FindingId, package: pkg, file, reason, until, source }
}

/** A real calendar day written YYYY-MM-DD. */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}
