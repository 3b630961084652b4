import { type Edit } from '../core/finding.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { newestMinor } from '../knowledge/queries.js'
import { type RequirementSet } from '../requirements/types.js'
import { applyOverrides, legacyKerasPair, NEVER_MARKER } from './apply.js'
import { type VersionRequest } from './spec.js'

/** What a run puts in place of the repository's pins, and how each installer is told (uv overrides, pip copies). */
export interface OverridePlan {
  /** The requirement set as the rules judge it: overridden lines carry the requested versions. */
  judged: RequirementSet
  /** Lines for uv's `--override` file ([] for none). */
  uvOverrides: string[]
  /** The same replacements as edits of the repository's files, for pip's edited copies ([] for none). */
  pipEdits: Edit[]
  /** Packages the run adds: the override's own (tf-nightly, a TensorFlow the repository lacks), legacy Keras's tf-keras, extra-packages. */
  addedPackages: string[]
  /** The `env` input, with TF_USE_LEGACY_KERAS=1 under legacy Keras. */
  env: Record<string, string>
  /** The TensorFlow package in play (the repository's flavour kept). */
  flavour: string
  /** What was put in place, for headings and the `override` output ('' for nothing). */
  label: string
  /** Packages the uv overrides switch off whoever requires them (pip has no such mechanism: it installs them). */
  uvDropped: string[]
  /** Whether a line of the installer's check is an expected effect of the plan itself, not a finding. */
  tolerated(checkLine: string): boolean
}

export interface OverrideRequest {
  tensorflow?: VersionRequest
  keras?: VersionRequest
  legacyKeras: boolean
  env: Record<string, string>
  extraPackages: string[]
  /** The run's Python minor (3.11), for the newest TensorFlow it can get; undefined when unknown. */
  python?: string
}

// tf-keras 2.16+ requires the `tensorflow` package itself: beside tensorflow-cpu that would install two TensorFlows
// into one folder. Under legacy Keras the plan switches that pull off (uv only; pip has no override).
const DROP_TENSORFLOW = `tensorflow${NEVER_MARKER}`

/** Plans the overrides of one run: pure, from the declared requirements and the inputs. */
export function planOverrides(declared: RequirementSet, request: OverrideRequest): OverridePlan {
  const applied = applyOverrides(declared, { tensorflow: request.tensorflow, keras: request.keras })
  const legacy = request.legacyKeras
    ? [legacyKerasPair(declared, request.tensorflow, newestMinor(KNOWLEDGE, request.python))]
    : []
  const dropsTensorflow = request.legacyKeras && applied.flavour !== 'tensorflow'
  return {
    judged: applied.requirements,
    uvOverrides: [...applied.lines, ...(dropsTensorflow ? [DROP_TENSORFLOW] : [])],
    uvDropped: dropsTensorflow ? ['tensorflow'] : [],
    pipEdits: applied.replaced.map(r => ({
      file: r.requirement.location.file,
      line: r.requirement.location.line,
      before: r.requirement.raw,
      after: r.text
    })),
    addedPackages: [...legacy, ...applied.additions, ...request.extraPackages],
    env: request.legacyKeras ? { ...request.env, TF_USE_LEGACY_KERAS: '1' } : request.env,
    flavour: applied.flavour,
    label: [applied.label, request.legacyKeras ? 'legacy Keras' : ''].filter(Boolean).join(', '),
    // With the pull of `tensorflow` dropped on purpose, "tf-keras requires tensorflow, which is not installed" is
    // expected (tensorflow-cpu provides the module).
    tolerated: line => dropsTensorflow && /requires `?tensorflow[<>=!~`, ]/.test(line) && /not installed/.test(line)
  }
}
