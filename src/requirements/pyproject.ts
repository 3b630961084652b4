import { parse, TomlError } from 'smol-toml'
import { parseDependency } from './line.js'
import { normalizeName } from './names.js'
import { requirementOf } from './requirement.js'
import { poetryToPep440 } from './poetry.js'
import { LineFinder } from './toml-lines.js'
import { type OptionalGroup, type ParseProblem, type Requirement, type SourceLocation } from './types.js'
import { poetryMarker } from './poetry-markers.js'

export interface PyprojectSelection {
  /** Optional-dependency (extra) names to include, as `pip install .[extras]` would. */
  extras: string[]
  /** PEP 735 dependency groups (or Poetry groups) to include. */
  groups: string[]
}

export interface PyprojectRequirements {
  requirements: Requirement[]
  problems: ParseProblem[]
  /** Extras that exist, so that a request for one that does not can be reported. */
  knownExtras: string[]
  knownGroups: string[]
  /** `dynamic = ["dependencies"]`: only the build backend knows them; the resolver will tell. */
  dynamic: boolean
  /** PEP 508 strings of the chosen groups' requirements (pip before 25.1 cannot install groups itself). */
  groupRequirements: string[]
  /** Extras that were not selected, with what they would add: judged beside the rest, never installed. */
  optional: OptionalGroup[]
}

type Table = Record<string, unknown>

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v)
const asTable = (v: unknown): Table => (isTable(v) ? v : {})

interface Reader {
  file: string
  finder: LineFinder
  out: PyprojectRequirements
  groupIncludes: number
}

function at(reader: Reader, line: number | undefined): SourceLocation {
  return { file: reader.file, line: line ?? 1, chain: [] }
}

function addPep508(reader: Reader, text: string, region: string, fromGroup = false, into?: Requirement[]): void {
  const location = at(reader, reader.finder.string(region, text))
  const parsed = parseDependency(text)
  if (!parsed.ok) {
    // A line of an extra nobody selected is the build backend's to reject, if ever installed.
    if (!into) reader.out.problems.push({ kind: 'syntax', message: `\`${text}\`: ${parsed.message}`, location })
    return
  }
  if (fromGroup) reader.out.groupRequirements.push(text)
  ;(into ?? reader.out.requirements).push(
    requirementOf(parsed.value, { editable: false, kind: 'requirement', raw: text, location })
  )
}

function readPep621(reader: Reader, project: Table, selection: PyprojectSelection): void {
  const dynamic = Array.isArray(project.dynamic) ? project.dynamic : []
  reader.out.dynamic = dynamic.includes('dependencies')
  for (const dep of asArray(project.dependencies)) addPep508(reader, dep, 'project')
  const optional = asTable(project['optional-dependencies'])
  reader.out.knownExtras.push(...Object.keys(optional))
  for (const extra of selection.extras) for (const dep of asArray(optional[extra])) addPep508(reader, dep, 'project')
  for (const extra of Object.keys(optional).filter(e => !selection.extras.includes(e))) {
    const requirements: Requirement[] = []
    for (const dep of asArray(optional[extra])) addPep508(reader, dep, 'project', false, requirements)
    reader.out.optional.push({ extra, requirements })
  }
}

function asArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

// Group inclusions followed in one file: groups that include each other many times over grow exponentially.
const MAX_GROUP_INCLUDES = 1000

/** PEP 735 groups, following `{include-group = "..."}` entries (cycles are reported, not followed). */
function readGroups(reader: Reader, groups: Table, wanted: string[], seen: string[] = []): void {
  for (const group of wanted) {
    if (++reader.groupIncludes > MAX_GROUP_INCLUDES) {
      if (reader.groupIncludes === MAX_GROUP_INCLUDES + 1)
        reader.out.problems.push({
          kind: 'syntax',
          message: `dependency groups include each other more than ${MAX_GROUP_INCLUDES} times: keras-compat stops there`,
          location: at(reader, reader.finder.key('dependency-groups', group))
        })
      return
    }
    if (seen.includes(group)) {
      reader.out.problems.push({
        kind: 'syntax',
        message: `dependency group cycle: ${[...seen, group].join(' → ')}`,
        location: at(reader, reader.finder.key('dependency-groups', group))
      })
      continue
    }
    for (const entry of Array.isArray(groups[group]) ? (groups[group] as unknown[]) : []) {
      if (typeof entry === 'string') addPep508(reader, entry, 'dependency-groups', true)
      else if (isTable(entry) && typeof entry['include-group'] === 'string')
        readGroups(reader, groups, [entry['include-group']], [...seen, group])
    }
  }
}

function addPoetry(
  reader: Reader,
  region: string,
  name: string,
  spec: unknown,
  fromGroup = false,
  into?: Requirement[]
): void {
  if (name.toLowerCase() === 'python') return
  const location = at(reader, reader.finder.key(region, name))
  const entry = isTable(spec) ? spec : { version: spec }
  const constraint = typeof entry.version === 'string' ? entry.version : entry.git || entry.path || entry.url ? '*' : ''
  const specifier = poetryToPep440(constraint)
  const extras = asArray(entry.extras)
  // Poetry's `python` and `platform` keys are markers in all but name: each table of a multiple-constraint
  // dependency applies where its own keys hold.
  const marker = poetryMarker(entry)
  const url = String(entry.git ?? entry.path ?? entry.url ?? '')
  if (fromGroup && specifier !== undefined && !url) {
    const extrasText = extras.length > 0 ? `[${extras.join(',')}]` : ''
    reader.out.groupRequirements.push(`${name}${extrasText}${specifier}${marker ? `; ${marker}` : ''}`)
  }
  // A constraint with no PEP 440 form is kept as unreadable text: range checks then cannot parse it and stay silent.
  const parts = { name, extras, specifier: specifier ?? `(poetry: ${constraint})`, marker, url }
  const raw = `${name} = ${JSON.stringify(spec)}`
  ;(into ?? reader.out.requirements).push(requirementOf(parts, { editable: false, kind: 'requirement', raw, location }))
}

function readPoetry(reader: Reader, poetry: Table, selection: PyprojectSelection): void {
  const deps = asTable(poetry.dependencies)
  const extrasMap = asTable(poetry.extras)
  reader.out.knownExtras.push(...Object.keys(extrasMap))
  const selected = new Set(selection.extras.flatMap(e => asArray(extrasMap[e]).map(normalizeName)))
  const unselected = Object.keys(extrasMap)
    .filter(e => !selection.extras.includes(e))
    .map(extra => ({
      extra,
      names: new Set(asArray(extrasMap[extra]).map(normalizeName)),
      requirements: [] as Requirement[]
    }))
  for (const [name, spec] of Object.entries(deps)) {
    const specs = Array.isArray(spec) ? spec : [spec]
    const optional = specs.some(s => isTable(s) && s.optional === true)
    if (optional && !selected.has(normalizeName(name))) {
      for (const group of unselected.filter(g => g.names.has(normalizeName(name))))
        for (const s of specs) addPoetry(reader, 'tool.poetry.dependencies', name, s, false, group.requirements)
      continue
    }
    for (const s of specs) addPoetry(reader, 'tool.poetry.dependencies', name, s)
  }
  for (const { extra, requirements } of unselected) reader.out.optional.push({ extra, requirements })
  const groups = asTable(poetry.group)
  reader.out.knownGroups.push(...Object.keys(groups))
  for (const group of selection.groups) {
    for (const [name, spec] of Object.entries(asTable(asTable(groups[group]).dependencies))) {
      addPoetry(reader, `tool.poetry.group.${group}.dependencies`, name, spec, true)
    }
  }
}

/** Reads a pyproject.toml's declared dependencies with their lines. A TOML error is a problem at its line. */
export function readPyproject(file: string, text: string, selection: PyprojectSelection): PyprojectRequirements {
  const out: PyprojectRequirements = {
    requirements: [],
    problems: [],
    knownExtras: [],
    knownGroups: [],
    dynamic: false,
    groupRequirements: [],
    optional: []
  }
  let doc: Table
  try {
    doc = parse(text)
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1
    out.problems.push({
      kind: 'syntax',
      message: `pyproject.toml is not valid TOML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      location: { file, line, chain: [] }
    })
    return out
  }
  const reader: Reader = { file, finder: new LineFinder(text), out, groupIncludes: 0 }
  if (isTable(doc.project)) readPep621(reader, doc.project, selection)
  const groups = asTable(doc['dependency-groups'])
  out.knownGroups.push(...Object.keys(groups))
  readGroups(
    reader,
    groups,
    selection.groups.filter(g => g in groups)
  )
  const poetry = asTable(asTable(doc.tool).poetry)
  if (Object.keys(poetry).length > 0) readPoetry(reader, poetry, selection)
  for (const name of [...selection.extras.filter(e => !out.knownExtras.includes(e))]) {
    out.problems.push({
      kind: 'syntax',
      message: `extra "${name}" is not declared (declared: ${out.knownExtras.join(', ') || 'none'})`,
      location: { file, line: 1, chain: [] }
    })
  }
  for (const name of selection.groups.filter(g => !out.knownGroups.includes(g))) {
    out.problems.push({
      kind: 'syntax',
      message: `dependency group "${name}" is not declared (declared: ${out.knownGroups.join(', ') || 'none'})`,
      location: { file, line: 1, chain: [] }
    })
  }
  return out
}
