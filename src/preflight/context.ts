import { Locator } from '../requirements/locate.js'
import { legacyKerasOn, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Knowledge, type TensorflowMinor, type TensorflowRelease } from '../knowledge/types.js'
import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'
import { contains, overlaps, parseRange } from '../versions/range.js'

export interface PreflightInput {
  requirements: RequirementSet
  /** Marker variables of the interpreter; undefined when it could not be asked (Python-dependent rules go quiet). */
  markerEnv?: MarkerEnvironment
  /** The `env` input: TF_USE_LEGACY_KERAS set there changes which Keras TensorFlow serves. */
  env: Record<string, string>
  pathBase: string
  knowledge: Knowledge
}

/** The TensorFlow requirement and every release it (with its constraints) could install on this Python. */
export interface TensorflowInPlay {
  requirement: Requirement
  /** The platform package the repository asked for: tensorflow, tensorflow-cpu, tensorflow-macos, ... */
  flavour: string
  /** Whether the requirement restricts versions at all. */
  pinned: boolean
  /** Releases allowed by the pins, regardless of Python. */
  allowed: TensorflowRelease[]
  /** Of those, the ones with a wheel for this run's Python (all of them when the Python is unknown). */
  candidates: TensorflowRelease[]
}

export interface PreflightContext {
  knowledge: Knowledge
  locator: Locator
  /** Requirements whose markers hold for this interpreter (unknown markers are left out: no guessing). */
  requirements: Requirement[]
  python?: string
  legacy: boolean
  tensorflow?: TensorflowInPlay
}

/** A release's requirements as pip sees them on this run's Python (markers already evaluated by the table). */
export function requiresOf(ctx: PreflightContext, release: TensorflowRelease): Record<string, string> {
  return { ...release.requires, ...(ctx.python ? release.requiresByPython?.[ctx.python] : undefined) }
}

export function lines(ctx: PreflightContext, key: string): Requirement[] {
  return ctx.requirements.filter(r => r.key === key)
}

export function requested(ctx: PreflightContext, key: string): Requirement | undefined {
  return ctx.requirements.find(r => r.key === key && r.kind === 'requirement')
}

/** tf-keras is asked for directly, or comes with a package that brings it (tensorflow-hub 0.16, tfp[tf] 0.24+). */
export function tfKerasComes(ctx: PreflightContext): boolean {
  if (requested(ctx, 'tf-keras')) return true
  return ctx.knowledge.bringsTfKeras.some(b =>
    ctx.requirements.some(
      r =>
        r.key === b.package && (!b.extra || r.extras.includes(b.extra)) && overlaps(r.specifier, b.versions) !== false
    )
  )
}

export function minorInfo(ctx: PreflightContext, minor: string): TensorflowMinor | undefined {
  return ctx.knowledge.tensorflow.minors.find(m => m.minor === minor)
}

/** True when every spec line for `key` admits `version` (a line that cannot be read admits nothing). */
export function allows(ctx: PreflightContext, key: string, version: string): boolean {
  // Repeated lines say the same thing: each distinct one is judged once (a file may repeat a pin 50,000 times).
  const distinct = new Map(lines(ctx, key).map(r => [`${r.url === '' ? '' : 'url '}${r.specifier}`, r]))
  return [...distinct.values()].every(r => {
    const range = parseRange(r.specifier)
    return range !== undefined && r.url === '' && contains(range, version)
  })
}

function tensorflowInPlay(ctx: PreflightContext): TensorflowInPlay | undefined {
  const requirement = ctx.requirements.find(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')
  if (!requirement || requirement.url) return undefined
  const flavour = requirement.key
  const releases = ctx.knowledge.tensorflow.releases.filter(r => r.packages.includes(flavour))
  if (releases.length === 0) return undefined
  const readable = lines(ctx, flavour).every(r => parseRange(r.specifier) !== undefined)
  if (!readable) return undefined
  const allowed = releases.filter(r => allows(ctx, flavour, r.version))
  const candidates = ctx.python ? allowed.filter(r => r.python.includes(ctx.python!)) : allowed
  const pinned = lines(ctx, flavour).some(r => r.specifier !== '')
  return { requirement, flavour, pinned, allowed, candidates }
}

export function buildContext(input: PreflightInput): PreflightContext {
  const env = input.markerEnv
  const requirements = input.requirements.requirements.filter(
    r => r.key && (env ? evaluateMarker(r.marker, env) === true : r.marker === '')
  )
  const ctx: PreflightContext = {
    knowledge: input.knowledge,
    locator: new Locator(input.requirements.requirements, input.pathBase),
    requirements,
    python: env?.python_version,
    legacy: legacyKerasOn(input.env.TF_USE_LEGACY_KERAS)
  }
  ctx.tensorflow = tensorflowInPlay(ctx)
  return ctx
}
