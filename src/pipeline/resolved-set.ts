import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type ResolvedPackage } from '../install/types.js'
import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'

/** The resolver's picks as a requirement set the static rules can judge, and which of its lines are borrowed. */
export interface ResolvedSet {
  set: RequirementSet
  /** Packages the repository does not name: each stands at the line that pulled it in, which is not its own. */
  transitive: Requirement[]
}

/**
 * The repository's own line for a package: a requirement, else a constraint (where its version is decided); of
 * lines with markers, one whose marker holds for this run (`tf==2.15.1; python_version < "3.12"` is not the line a
 * Python 3.12 run installs from).
 */
function declaredLines(judged: RequirementSet, markerEnv?: MarkerEnvironment): Map<string, Requirement> {
  const lines = new Map<string, Requirement>()
  for (const r of judged.requirements) {
    if (!r.key || (markerEnv && evaluateMarker(r.marker, markerEnv) === false)) continue
    const known = lines.get(r.key)
    if (!known || (known.kind === 'constraint' && r.kind === 'requirement')) lines.set(r.key, r)
  }
  return lines
}

/** The declared packages that pull `pkg` in: walking up its parents, stopping at the first declared one on each path. */
function pulledInBy(pkg: ResolvedPackage, byKey: Map<string, ResolvedPackage>, declared: Map<string, Requirement>) {
  const found: Requirement[] = []
  const seen = new Set([pkg.key])
  const queue = [...pkg.requiredBy]
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (seen.has(key)) continue
    seen.add(key)
    const line = declared.get(key)
    if (line) found.push(line)
    else queue.push(...(byKey.get(key)?.requiredBy ?? []))
  }
  return found
}

const isTensorflow = (r: Requirement) => TENSORFLOW_PACKAGES.includes(r.key)

/** The repository's lines in file order, and the line to use when nothing else can be told. */
interface Lines {
  declared: Map<string, Requirement>
  position: Map<Requirement, number>
  /** The TensorFlow line, else the first requirement line (of those that apply to this run). */
  fallback?: Requirement
}

function linesOf(judged: RequirementSet, markerEnv?: MarkerEnvironment): Lines {
  const declared = declaredLines(judged, markerEnv)
  const requirements = [...declared.values()].filter(r => r.kind === 'requirement')
  return {
    declared,
    position: new Map(judged.requirements.map((r, i) => [r, i])),
    fallback: requirements.find(isTensorflow) ?? requirements[0]
  }
}

/**
 * Where a package the repository does not name is judged: at the one declared line that pulls it in; when several
 * do, at the TensorFlow line if it is one of them, else the first of them; when none can be told, at the TensorFlow
 * line, else the first requirement line. Undefined when the repository has no line at all.
 */
function anchorFor(pkg: ResolvedPackage, byKey: Map<string, ResolvedPackage>, lines: Lines): Requirement | undefined {
  const order = (r: Requirement) => lines.position.get(r) ?? 0
  const roots = pulledInBy(pkg, byKey, lines.declared).sort((a, b) => order(a) - order(b))
  if (roots.length > 0) return roots.length === 1 ? roots[0] : (roots.find(isTensorflow) ?? roots[0])
  return lines.fallback
}

/**
 * The resolved set as exact pins (`name==version`, no markers: they were evaluated for this run), each at the
 * repository's line where the package is declared, keeping that line's name, extras and text (so an edit changes
 * the real line); a package pulled in by another stands at the line that pulled it in, with its own text.
 */
export function resolvedRequirements(
  judged: RequirementSet,
  packages: ResolvedPackage[],
  markerEnv?: MarkerEnvironment
): ResolvedSet {
  const lines = linesOf(judged, markerEnv)
  const byKey = new Map(packages.map(p => [p.key, p]))
  const requirements: Requirement[] = []
  const transitive: Requirement[] = []
  for (const pkg of packages) {
    const specifier = pkg.version && !pkg.url ? `==${pkg.version}` : ''
    const own = lines.declared.get(pkg.key)
    if (own) {
      requirements.push({ ...own, specifier, marker: '', url: pkg.url, kind: 'requirement' })
      continue
    }
    const anchor = anchorFor(pkg, byKey, lines)
    if (!anchor) continue
    const raw = pkg.url ? `${pkg.name} @ ${pkg.url}` : `${pkg.name}${specifier}`
    const pin: Requirement = {
      name: pkg.name,
      key: pkg.key,
      extras: [],
      specifier,
      marker: '',
      url: pkg.url,
      editable: false,
      kind: 'requirement',
      raw,
      location: anchor.location
    }
    requirements.push(pin)
    transitive.push(pin)
  }
  return {
    set: {
      ...judged,
      projectDir: '',
      projectExtras: [],
      groupRequirements: [],
      requirements,
      options: [],
      problems: []
    },
    transitive
  }
}
