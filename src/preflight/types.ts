import { type EcosystemView, type Target } from '../knowledge/ecosystem.js'
import { type KnowledgeIndex } from '../knowledge/index-data.js'
import { type WheelPlatform } from '../knowledge/index-types.js'
import { type Knowledge, type TensorflowRelease } from '../knowledge/types.js'
import { type Locator } from '../requirements/locate.js'
import { type MarkerEnvironment } from '../requirements/markers.js'
import { type ParseProblem, type Requirement, type RequirementSet } from '../requirements/types.js'
import { type Resolution } from './resolve/index.js'

export interface PreflightInput {
  requirements: RequirementSet
  /** Marker variables of the interpreter; undefined when it could not be asked (Python-dependent rules go quiet). */
  markerEnv?: MarkerEnvironment
  /** The `env` input: TF_USE_LEGACY_KERAS set there changes which Keras TensorFlow serves. */
  env: Record<string, string>
  pathBase: string
  knowledge: Knowledge
  /** Other platforms to judge the set for too (the `platforms` input), beside the run's own. */
  platforms?: WheelPlatform[]
  /**
   * Packages the install never gets, whoever requires them: those the run's overrides switch off with uv's
   * `--override` (legacy Keras drops tf-keras's pull of `tensorflow` beside tensorflow-cpu).
   */
  dropped?: string[]
  /** The release history (the shipped one unless a test gives another). */
  index?: KnowledgeIndex
}

/** The TensorFlow requirement and the releases the rules judge for it. */
export interface TensorflowInPlay {
  requirement: Requirement
  /** The platform package the repository asked for: tensorflow, tensorflow-cpu, tensorflow-macos, ... */
  flavour: string
  /** Whether the requirement restricts versions at all. */
  pinned: boolean
  /** Releases the TensorFlow lines allow, on any Python. */
  allowed: TensorflowRelease[]
  /**
   * What the rules judge: the release pip and uv will install when the set resolves; when it cannot, every
   * allowed release that installs on this Python and platform (so that the rules can say which pin is to blame).
   */
  candidates: TensorflowRelease[]
  /** The release the resolver picked. */
  chosen?: TensorflowRelease
  /** The newest release the TensorFlow lines alone allow here (what an unconstrained install would get). */
  newest?: TensorflowRelease
}

export interface PreflightContext {
  knowledge: Knowledge
  index: KnowledgeIndex
  view: EcosystemView
  locator: Locator
  /** Requirements whose markers hold for this target (unknown markers are left out: no guessing). */
  requirements: Requirement[]
  problems: ParseProblem[]
  python?: string
  target?: Target
  legacy: boolean
  /** What pip and uv will pick for the covered packages; undefined without a target. */
  resolution?: Resolution
  tensorflow?: TensorflowInPlay
  /** Requirements on packages the knowledge does not cover (their own requirements are unknown). */
  unknown: Requirement[]
}
