import { compare } from '@renovatebot/pep440'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Knowledge } from '../knowledge/types.js'
import { preflight } from '../preflight/index.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { meaningOf } from '../requirements/requirement.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'
import { planOverrides } from './plan.js'
import { type VersionRequest } from './spec.js'

export interface MatrixPlanInput {
  declared: RequirementSet
  /** The interpreter's marker variables; undefined when it could not be asked (then no Python is ruled out). */
  markerEnv?: MarkerEnvironment
  env: Record<string, string>
  extraPackages: string[]
  keras?: VersionRequest
  legacyKeras: boolean
  pathBase: string
  knowledge: Knowledge
  /** At most this many versions. */
  max: number
}

/** Past this many distinct lines of the packages that matter, a plan would cost more than the check: none is made. */
export const MAX_PLANNED_LINES = 1000

/**
 * The lines whose verdict can depend on the TensorFlow version: TensorFlow's packages, what its releases require,
 * its companions, and what brings tf-keras; each distinct line once (a repeated line says nothing new). Every other
 * line is the same for every TensorFlow version, so it cannot tell one version from another.
 */
function relevantLines(set: RequirementSet, knowledge: Knowledge): RequirementSet {
  const keys = new Set([
    ...TENSORFLOW_PACKAGES,
    'keras',
    'tf-keras',
    'setuptools',
    ...knowledge.tensorflow.releases.flatMap(r => Object.keys(r.requires)),
    ...knowledge.companions.map(c => c.package),
    ...knowledge.bringsTfKeras.map(b => b.package)
  ])
  const seen = new Set<string>()
  const requirements = set.requirements.filter(r => {
    const signature = meaningOf(r)
    if (!keys.has(r.key) || seen.has(signature)) return false
    seen.add(signature)
    return true
  })
  return { ...set, requirements, problems: [] }
}

/** A TensorFlow line for a set that names none, so the rules judge the override as the installer will get it. */
function withTensorflow(set: RequirementSet, minor: string): RequirementSet {
  if (set.requirements.some(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')) return set
  const file = set.files[0] ?? set.sources[0] ?? ''
  const added: Requirement = {
    name: 'tensorflow',
    key: 'tensorflow',
    extras: [],
    specifier: `==${minor}.*`,
    marker: '',
    url: '',
    editable: false,
    kind: 'requirement',
    raw: `tensorflow==${minor}.*`,
    location: { file, line: 0, chain: [] }
  }
  return { ...set, requirements: [...set.requirements, added] }
}

/**
 * The TensorFlow minors worth a job each: every minor the knowledge has a release of for this Python that the
 * repository's other pins can install with (its own TensorFlow pin is what a `tensorflow-version` job replaces),
 * newest first, at most `max`. "Can install" is the preflight rules' word: no finding that says the set cannot
 * resolve. A minor that installs but then fails at import stays: that is what the job is there to show. Undefined
 * when the lines that matter are too many to plan over (MAX_PLANNED_LINES).
 */
export function planTensorflowMatrix(input: MatrixPlanInput): string[] | undefined {
  const declared = relevantLines(input.declared, input.knowledge)
  if (declared.requirements.length > MAX_PLANNED_LINES) return undefined
  const python = input.markerEnv?.python_version
  const minors = input.knowledge.tensorflow.minors
    .map(m => m.minor)
    .filter(minor =>
      input.knowledge.tensorflow.releases.some(r => r.minor === minor && (!python || r.python.includes(python)))
    )
    .sort((a, b) => compare(`${b}.0`, `${a}.0`))
  const out: string[] = []
  for (const minor of minors) {
    if (out.length >= input.max) break
    const request: VersionRequest = { label: minor, specifier: `==${minor}.*`, nightly: false }
    const plan = planOverrides(declared, {
      tensorflow: request,
      keras: input.keras,
      legacyKeras: input.legacyKeras,
      env: input.env,
      extraPackages: input.extraPackages,
      python
    })
    const findings = preflight({
      requirements: withTensorflow(plan.judged, minor),
      markerEnv: input.markerEnv,
      env: plan.env,
      pathBase: input.pathBase,
      knowledge: input.knowledge
    })
    if (!findings.some(f => f.severity === 'error' && f.provenBy === 'install')) out.push(minor)
  }
  return out
}
