import { ConfigError } from '../core/errors.js'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { decodeRequirementsText } from './decode.js'
import { logicalLines } from './lines.js'
import { expandEnv, parseRequirementLine, stripPerRequirementOptions } from './line.js'
import { normalizeName } from './names.js'
import { ParseProblem, Requirement, RequirementSet, SourceLocation } from './types.js'

export type ReadBytes = (file: string) => Uint8Array

export interface ReadOptions {
  env?: Record<string, string | undefined>
  readBytes?: ReadBytes
  /** Includes may not leave this folder (the repository) unless `allowOutside`. */
  root?: string
  allowOutside?: boolean
}

// Options pip takes in a requirements file and applies to the whole install; we pass them on unchanged.
const GLOBAL_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--pre',
  '--only-binary',
  '--no-binary',
  '--prefer-binary',
  '--trusted-host',
  '--use-feature',
  '--require-hashes'
])

interface Walk {
  root?: string
  allowOutside: boolean
  set: RequirementSet
  env: Record<string, string | undefined>
  readBytes: ReadBytes
}

/** Reads requirement files and everything they include, keeping each requirement's file, line and include chain. */
export function readRequirementFiles(files: string[], options: ReadOptions = {}): RequirementSet {
  const walk: Walk = {
    root: options.root,
    allowOutside: options.allowOutside ?? false,
    set: {
      files,
      projectDir: '',
      projectExtras: [],
      groupRequirements: [],
      requirements: [],
      options: [],
      problems: []
    },
    env: options.env ?? process.env,
    readBytes: options.readBytes ?? (f => readFileSync(f))
  }
  for (const file of files) readFile(walk, file, 'requirement', [])
  return walk.set
}

function readFile(walk: Walk, file: string, kind: Requirement['kind'], chain: string[]): void {
  const text = decodeRequirementsText(walk.readBytes(file))
  if (text.includes('\u0000')) {
    throw new ConfigError(
      `requirements: ${file} is not a text file (it contains NUL bytes). Name a pip requirements file.`
    )
  }
  for (const { line, text: content } of logicalLines(text)) {
    const location: SourceLocation = { file, line, chain }
    const expanded = expandEnv(content, walk.env)
    if (expanded.startsWith('-')) readOptionLine(walk, expanded, kind, location)
    else addRequirement(walk, stripPerRequirementOptions(expanded), kind, false, location)
  }
}

function readOptionLine(walk: Walk, text: string, kind: Requirement['kind'], location: SourceLocation): void {
  const m = /^(-[A-Za-z]|--[a-z-]+)(?:=|\s+)?(.*)$/.exec(text)
  const flag = m?.[1] ?? text
  const value = (m?.[2] ?? '').trim()
  if (flag === '-r' || flag === '--requirement') return include(walk, value, 'requirement', location)
  if (flag === '-c' || flag === '--constraint') return include(walk, value, 'constraint', location)
  if (flag === '-e' || flag === '--editable') return addRequirement(walk, value, kind, true, location)
  if (GLOBAL_OPTIONS.has(flag)) {
    walk.set.options.push(text)
    return
  }
  walk.set.problems.push({ message: `pip does not accept the option ${flag} in a requirements file`, location })
}

function include(walk: Walk, target: string, kind: Requirement['kind'], at: SourceLocation): void {
  if (target === '') return problem(walk, 'an include needs a file name after -r or -c', at)
  if (/^[a-z+]+:\/\//i.test(target)) return problem(walk, `cannot follow the URL include ${target}`, at)
  const file = path.resolve(path.dirname(at.file), target)
  const chain = [...at.chain, at.file]
  if (walk.root && !walk.allowOutside && path.relative(walk.root, file).startsWith('..')) {
    throw new ConfigError(
      `requirements: ${at.file}:${at.line} includes ${target}, which is outside the repository (${walk.root}). ` +
        'keras-compat does not read files outside it unless allow-outside-workspace is true (CLI: --allow-outside-workspace).'
    )
  }
  if (file === at.file || chain.includes(file)) {
    return problem(walk, `include cycle: ${target} is already being read (${[...chain, file].join(' → ')})`, at)
  }
  try {
    readFile(walk, file, kind, chain)
  } catch (err) {
    if (err instanceof ConfigError) throw err
    problem(walk, `cannot read ${target} (looked for ${file}): ${(err as Error).message}`, at)
  }
}

function addRequirement(
  walk: Walk,
  text: string,
  kind: Requirement['kind'],
  editable: boolean,
  location: SourceLocation
): void {
  const parsed = parseRequirementLine(text)
  if (!parsed.ok) return problem(walk, parsed.message, location)
  const { name, extras, specifier, marker, url } = parsed.value
  walk.set.requirements.push({
    name,
    key: name ? normalizeName(name) : '',
    extras,
    specifier,
    marker,
    url,
    editable,
    kind,
    raw: text,
    location
  })
}

function problem(walk: Walk, message: string, location: SourceLocation): void {
  const entry: ParseProblem = { message, location }
  walk.set.problems.push(entry)
}
