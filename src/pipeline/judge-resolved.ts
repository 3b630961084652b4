import { type Edit, type Finding, type Location } from '../core/finding.js'
import { type ResolvedPackage } from '../install/types.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { preflight } from '../preflight/index.js'
import { Locator } from '../requirements/locate.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'
import { resolvedRequirements } from './resolved-set.js'

const placeOf = (file: string, line: number | undefined) => `${file}:${line ?? ''}`

/**
 * An edit of a package the repository does not name would overwrite the line that pulled it in: it becomes a line
 * to add (`numpy<2`), in that file.
 */
function ownEdits(edits: Edit[] | undefined, borrowed: Set<string>): Edit[] | undefined {
  if (!edits) return undefined
  const fixed = edits.map(e =>
    e.line !== undefined && borrowed.has(`${placeOf(e.file, e.line)}\n${e.before}`)
      ? { file: e.file, before: '', after: e.after }
      : e
  )
  return fixed.filter((e, i) => fixed.findIndex(o => JSON.stringify(o) === JSON.stringify(e)) === i)
}

const uniquePlaces = (locations: Location[]) =>
  locations.filter((l, i) => locations.findIndex(o => placeOf(o.file, o.line) === placeOf(l.file, l.line)) === i)

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether a finding's words name a package (`ml-dtypes` and `ml_dtypes` alike). */
function names(f: Finding, key: string): boolean {
  const pattern = key.split('-').map(escape).join('[-_.]')
  return new RegExp(`(^|[^A-Za-z0-9_.-])${pattern}($|[^A-Za-z0-9_-])`, 'i').test(`${f.title}\n${f.explanation}`)
}

/**
 * The picks a finding is about, for its explanation ("tensorflow-cpu 2.14.0, numpy 2.4.6"): the repository's own
 * packages at its lines, and the packages pulled in there that it names.
 */
function picksAt(f: Finding, pins: Requirement[], borrowed: Set<Requirement>, locator: Locator): string {
  const places = new Set(f.locations.map(l => placeOf(l.file, l.line)))
  return pins
    .filter(r => r.specifier && places.has(placeOf(locator.relative(r.location.file), r.location.line)))
    .filter(r => !borrowed.has(r) || names(f, r.key))
    .sort((a, b) => a.location.line - b.location.line || Number(borrowed.has(a)) - Number(borrowed.has(b)))
    .map(r => `${r.name} ${r.specifier.replace(/^==/, '')}`)
    .join(', ')
}

/** What the static rules need besides the resolved packages (the run's own, as the declared pins were judged). */
export interface JudgeInput {
  /** The requirements as the overrides leave them: where each package is declared. */
  judged: RequirementSet
  pathBase: string
  /** The interpreter's marker variables (its Python decides several rules). */
  markerEnv?: MarkerEnvironment
  /** The `env` input, TF_USE_LEGACY_KERAS included. */
  env: Record<string, string>
  /** Packages the installer's overrides switch off (uv only): no release's demand brings them in. */
  dropped: string[]
}

/**
 * The static rules over what the resolver will install: exact pins at the repository's lines (a package pulled in
 * by another at the line that pulled it in), judged for this run's Python, with their edits kept on real lines.
 */
export function judgeResolved(input: JudgeInput, packages: ResolvedPackage[]): Finding[] {
  const { set, transitive } = resolvedRequirements(input.judged, packages, input.markerEnv)
  const locator = new Locator(set.requirements, input.pathBase)
  const borrowed = new Set(
    transitive.map(r => `${placeOf(locator.relative(r.location.file), r.location.line)}\n${r.raw}`)
  )
  const found = preflight({
    requirements: set,
    markerEnv: input.markerEnv,
    env: input.env,
    pathBase: input.pathBase,
    knowledge: KNOWLEDGE,
    dropped: input.dropped
  })
  return found.map(f => {
    const picks = picksAt(f, set.requirements, new Set(transitive), locator)
    const edits = ownEdits(f.edits, borrowed)
    return {
      ...f,
      explanation: picks ? `${f.explanation} (The resolver picks ${picks}.)` : f.explanation,
      locations: uniquePlaces(f.locations),
      ...(edits ? { edits } : {})
    }
  })
}
