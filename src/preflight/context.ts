import { legacyKerasOn, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type EcosystemView, type Target } from '../knowledge/ecosystem.js'
import { KNOWLEDGE_INDEX } from '../knowledge/index-data.js'
import { type TensorflowMinor, type TensorflowRelease } from '../knowledge/types.js'
import { Locator } from '../requirements/locate.js'
import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { type Requirement } from '../requirements/types.js'
import { overlaps } from '../versions/range.js'
import { resolve } from './resolve/index.js'
import { minorDefaults, tensorflowInPlay } from './tensorflow.js'
import { type PreflightContext, type PreflightInput } from './types.js'

export type { PreflightContext, PreflightInput, TensorflowInPlay } from './types.js'

/** A release's requirements as pip sees them on this run's Python (markers already evaluated). */
export function requiresOf(ctx: PreflightContext, release: TensorflowRelease): Record<string, string> {
  return { ...release.requires, ...(ctx.python ? release.requiresByPython?.[ctx.python] : undefined) }
}

export function requested(ctx: PreflightContext, key: string): Requirement | undefined {
  return ctx.requirements.find(r => r.key === key && r.kind === 'requirement')
}

/** The version the resolver picked for a package, when the set resolves. */
export function chosenVersion(ctx: PreflightContext, key: string): string | undefined {
  return ctx.resolution?.status === 'resolved' ? ctx.resolution.chosen.get(key)?.version : undefined
}

/** tf-keras is asked for directly, or comes with a package that brings it (tensorflow-hub 0.16, tfp[tf] 0.24+). */
export function tfKerasComes(ctx: PreflightContext): boolean {
  if (ctx.resolution?.status === 'resolved') return ctx.resolution.chosen.has('tf-keras')
  if (requested(ctx, 'tf-keras')) return true
  return ctx.knowledge.bringsTfKeras.some(b =>
    ctx.requirements.some(
      r =>
        r.key === b.package && (!b.extra || r.extras.includes(b.extra)) && overlaps(r.specifier, b.versions) !== false
    )
  )
}

/** What the table says about a minor; minors outside it take the nearest end's behaviour. */
export function minorInfo(ctx: PreflightContext, minor: string): TensorflowMinor | undefined {
  return ctx.knowledge.tensorflow.minors.find(m => m.minor === minor) ?? minorDefaults(ctx.knowledge, minor)
}

/** The requirements that apply on a target, or (no target) those without a marker. */
export function applying(requirements: Requirement[], env: MarkerEnvironment | undefined): Requirement[] {
  // Once per marker text: a big set repeats a few markers on thousands of lines.
  const holds = new Map<string, boolean>()
  const applies = (marker: string) => {
    if (!env) return marker === ''
    let answer = holds.get(marker)
    if (answer === undefined) holds.set(marker, (answer = evaluateMarker(marker, env) === true))
    return answer
  }
  return requirements.filter(r => r.key && applies(r.marker))
}

export interface ContextOptions {
  target?: Target
  view: EcosystemView
}

export function buildContext(input: PreflightInput, options: ContextOptions): PreflightContext {
  const { target, view } = options
  const env = target?.env ?? input.markerEnv
  const requirements = applying(input.requirements.requirements, env)
  const ctx: PreflightContext = {
    knowledge: input.knowledge,
    index: view.index,
    view,
    locator: new Locator(input.requirements.requirements, input.pathBase),
    requirements,
    problems: input.requirements.problems,
    python: target?.python ?? env?.python_version,
    target,
    legacy: legacyKerasOn(input.env.TF_USE_LEGACY_KERAS),
    unknown: requirements.filter(
      r => r.kind === 'requirement' && !view.covers(r.key) && !TENSORFLOW_PACKAGES.includes(r.key)
    )
  }
  ctx.resolution = target ? resolve(view, target, requirements, input.dropped) : undefined
  ctx.tensorflow = tensorflowInPlay(ctx)
  return ctx
}

export const defaultIndex = (input: PreflightInput) => input.index ?? KNOWLEDGE_INDEX
