import * as path from 'node:path'
import { ConfigError } from '../core/errors.js'
import { condaExport } from './conda.js'
import { type Environment, expandVariables } from './expand.js'
import { type Containment } from './guard.js'
import { interpretRequirement } from './line.js'
import { type LogicalLine } from './lines.js'
import { requirementOf } from './requirement.js'
import { breakArgsOptions, parseOptions } from './options.js'
import { readSource, type SourceFile, type SourceRead } from './source.js'
import { type ParseProblem, type Requirement, type RequirementSet, type SourceLocation } from './types.js'

export interface ReadOptions extends Containment {
  /** The environment the installer will get: `${VAR}` is expanded from it for what the installer reads, only. */
  env?: Environment
  /** The installer's working directory: pip resolves relative paths in requirements against it. */
  cwd?: string
}

/** Include reads in one walk (pip follows every one; past this keras-compat stops, with a located problem). */
export const MAX_INCLUDE_READS = 1000
/** Include nesting (pip itself runs out of Python stack a few hundred levels down). */
export const MAX_INCLUDE_DEPTH = 100

interface Walk {
  containment: Containment
  env: Environment
  cwd: string
  set: RequirementSet
  reads: number
  capReported: boolean
  cache: Map<string, SourceRead>
  sources: Set<string>
}

/** Reads requirement files and everything they include, keeping each requirement's file, line and include chain. */
export function readRequirementFiles(files: string[], options: ReadOptions = {}): RequirementSet {
  const walk: Walk = {
    containment: { root: options.root, allowOutside: options.allowOutside ?? false },
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    set: {
      files,
      sources: [],
      projectDir: '',
      projectExtras: [],
      groupRequirements: [],
      requirements: [],
      options: [],
      problems: []
    },
    reads: 0,
    capReported: false,
    cache: new Map(),
    sources: new Set()
  }
  for (const file of files) {
    const read = load(walk, file)
    if (!read.ok)
      throw new ConfigError(`requirements: ${file} ${read.reason}. Name a requirements file in the repository.`)
    readFile(walk, read.source, 'requirement', [])
  }
  walk.set.sources = [...walk.sources]
  return walk.set
}

function load(walk: Walk, file: string): SourceRead {
  let read = walk.cache.get(file)
  if (!read) {
    read = readSource(file, walk.containment)
    walk.cache.set(file, read)
  }
  return read
}

function readFile(walk: Walk, source: SourceFile, kind: Requirement['kind'], chain: string[]): void {
  walk.sources.add(source.file)
  if (!source.decoded.ok) {
    return problem(walk, 'syntax', source.decoded.message, { file: source.file, line: source.decoded.line, chain })
  }
  const conda = condaExport(source.physical, source.lines)
  if (conda) {
    const example = conda.example.length > 60 ? `${conda.example.slice(0, 60)}…` : conda.example
    const message =
      `this file is a conda environment (\`${conda.form}\` output), not a pip requirements file: pip rejects its ` +
      `${conda.count} line${conda.count === 1 ? '' : 's'} (such as \`${example}\`)`
    return problem(walk, 'conda-export', message, { file: source.file, line: conda.line, chain })
  }
  for (const line of source.lines) readLine(walk, line, kind, { file: source.file, line: line.line, chain })
}

/** Shows a message about a line without the values `${VAR}` stood for in it. */
function scrub(walk: Walk, message: string, raw: string): string {
  let out = message
  for (const m of raw.matchAll(/\$\{([A-Z0-9_]+)\}/g)) {
    const value = walk.env[m[1]]
    if (value) out = out.split(value).join(m[0])
  }
  return out
}

const quote = (raw: string) => `\`${raw.length > 200 ? `${raw.slice(0, 200)}…` : raw}\``

function readLine(walk: Walk, line: LogicalLine, kind: Requirement['kind'], at: SourceLocation): void {
  const expanded = expandVariables(line.text, walk.env)
  const { args, options } = breakArgsOptions(expanded)
  const parsed = parseOptions(options)
  if (!parsed.ok) {
    return problem(
      walk,
      'syntax',
      scrub(walk, `pip rejects the options of ${quote(line.text)}: ${parsed.message}`, line.text),
      at
    )
  }
  const { requirements, constraints, editables, other } = parsed.options
  // A requirement's own options (`--hash`, `--config-settings`) count too: they are installer options all the same.
  if (other) walk.set.options.push(line.text)
  if (args !== '' || editables.length > 0) {
    return addRequirement(walk, line.text, args !== '' ? args : editables[0], editables.length > 0, kind, at)
  }
  if (requirements.length > 0 || constraints.length > 0) {
    const target = requirements.length > 0 ? requirements[0] : constraints[0]
    return include(walk, target, requirements.length > 0 ? 'requirement' : 'constraint', at, line.text)
  }
}

/** The requirement part of a line as written: its words before the first option, else the editable's value. */
function writtenRequirement(raw: string, editable: boolean): string {
  const { args, options } = breakArgsOptions(raw)
  if (args !== '' || !editable) return args
  const parsed = parseOptions(options)
  return parsed.ok && parsed.options.editables.length > 0 ? parsed.options.editables[0] : raw
}

function addRequirement(
  walk: Walk,
  rawLine: string,
  text: string,
  editable: boolean,
  kind: Requirement['kind'],
  location: SourceLocation
): void {
  const raw = writtenRequirement(rawLine, editable) || rawLine
  const result = interpretRequirement(text, raw, editable, walk.cwd)
  if (!result.ok) {
    return problem(walk, 'syntax', scrub(walk, `${quote(raw)}: ${result.message}`, rawLine), location)
  }
  walk.set.requirements.push(requirementOf(result.value, { editable, kind, raw, location }))
}

function include(walk: Walk, target: string, kind: Requirement['kind'], at: SourceLocation, rawLine: string): void {
  const says = (message: string) => scrub(walk, message, rawLine)
  if (/^(?:http|https|file):/i.test(target)) {
    return problem(walk, 'include', says(`keras-compat does not follow an include by URL (${target})`), at)
  }
  const file = path.resolve(path.dirname(at.file), target)
  const chain = [...at.chain, at.file]
  if (chain.includes(file)) {
    return problem(
      walk,
      'syntax',
      says(`include cycle: ${target} is already being read (${[...chain, file].join(' → ')})`),
      at
    )
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    return problem(walk, 'include', `includes are nested more than ${MAX_INCLUDE_DEPTH} deep here`, at)
  }
  if (++walk.reads > MAX_INCLUDE_READS) {
    if (walk.capReported) return
    walk.capReported = true
    return problem(
      walk,
      'include',
      `more than ${MAX_INCLUDE_READS} includes are read: keras-compat follows no more`,
      at
    )
  }
  const read = load(walk, file)
  if (!read.ok) return problem(walk, 'include', says(`cannot read ${target} (${file} ${read.reason})`), at)
  readFile(walk, read.source, kind, chain)
}

function problem(walk: Walk, kind: ParseProblem['kind'], message: string, location: SourceLocation): void {
  walk.set.problems.push({ kind, message, location })
}
