import { compare } from '@renovatebot/pep440'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { Knowledge } from '../knowledge/types.js'
import { preflight } from '../preflight/index.js'
import { MarkerEnvironment } from '../requirements/markers.js'
import { Requirement, RequirementSet } from '../requirements/types.js'
import { planOverrides } from './plan.js'
import { VersionRequest } from './spec.js'

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
 * resolve. A minor that installs but then fails at import stays: that is what the job is there to show.
 */
export function planTensorflowMatrix(input: MatrixPlanInput): string[] {
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
    const plan = planOverrides(input.declared, {
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
