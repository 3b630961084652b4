import { type Finding } from '../core/finding.js'
import { EcosystemView, type Target } from '../knowledge/ecosystem.js'
import { type KnowledgeIndex } from '../knowledge/index-data.js'
import { buildContext, defaultIndex, type PreflightContext, type PreflightInput } from './context.js'
import { companionIncompatible, setuptoolsPkgResources } from './rules/companions.js'
import { condaExport } from './rules/conda.js'
import { duplicateRequirement } from './rules/duplicates.js'
import { tensorflowDuplicate } from './rules/duplicate-tf.js'
import { kerasTfMismatch, legacyKerasMissing, tfKerasMismatch, tfKerasUnused } from './rules/keras.js'
import { platformUnsupported } from './rules/platforms.js'
import { dependencyRanges, numpyAbi } from './rules/ranges.js'
import { nearestPython, pythonUnsupported, tensorflowGpu, versionNotFound } from './rules/releases.js'
import { resolutionConflict } from './rules/resolution.js'
import { comparePythons } from '../knowledge/coverage.js'
import { PLATFORM_LABELS, runTarget, targetOn, withPython } from './target.js'
import { optionalTensorflow } from './optional.js'

export type { PreflightInput } from './context.js'

type Rule = (ctx: PreflightContext) => Finding[]

/** Every static rule, in the order their findings are most useful to read. */
const RULES: Rule[] = [
  versionNotFound,
  platformUnsupported,
  pythonUnsupported,
  tensorflowGpu,
  kerasTfMismatch,
  tfKerasMismatch,
  legacyKerasMissing,
  dependencyRanges,
  numpyAbi,
  companionIncompatible,
  tensorflowDuplicate,
  setuptoolsPkgResources,
  duplicateRequirement,
  tfKerasUnused
]

/** What a second look at another Python or platform leaves to the first: the findings about files and releases. */
const FIRST_LOOK_ONLY = new Set(['python-unsupported', 'version-not-found', 'conda-export', 'duplicate-requirement'])

const views = new WeakMap<KnowledgeIndex, EcosystemView>()

function viewOf(index: KnowledgeIndex): EcosystemView {
  let view = views.get(index)
  if (!view) views.set(index, (view = new EcosystemView(index)))
  return view
}

/** Judges the requirements before anything is installed: pure, in memory, from the knowledge. */
export function preflight(input: PreflightInput): Finding[] {
  const view = viewOf(defaultIndex(input))
  const own = runTarget(input.markerEnv)
  const ctx = buildContext(input, { target: own, view })
  const base = judge(ctx)
  const findings = [...condaExport(ctx), ...base, ...secondLook(input, view, ctx, base)]
  const python = input.markerEnv?.python_full_version ?? input.markerEnv?.python_version
  const others = python ? (input.platforms ?? []).filter(p => p !== own?.platform) : []
  const elsewhere = others.map(p => ({
    target: targetOn(p, python!),
    found: judge(buildContext(input, { target: targetOn(p, python!), view }))
  }))
  return [
    ...findings,
    ...onOtherPlatforms(findings, elsewhere),
    ...optionalTensorflow(input, view, own, judge, findings)
  ]
}

/** The rules on one target; a conflict no specific rule explained becomes a resolution-conflict finding. */
function judge(ctx: PreflightContext): Finding[] {
  const found = RULES.flatMap(rule => rule(ctx))
  return [...found, ...resolutionConflict(ctx, found)]
}

const sameFinding = (a: Finding, b: Finding) =>
  a.id === b.id && a.title === b.title && JSON.stringify(a.locations) === JSON.stringify(b.locations)

/**
 * When the pinned TensorFlow has no wheel for this Python, the other pins are still judged, for the nearest Python
 * that has wheels: a user who fixes the Python should not meet the next conflict only then.
 */
function secondLook(input: PreflightInput, view: EcosystemView, ctx: PreflightContext, found: Finding[]): Finding[] {
  const own = ctx.target
  const tf = ctx.tensorflow
  if (!own) return []
  const line = tf && ctx.locator.relative(tf.requirement.location.file)
  const unsupported = found.find(
    f =>
      f.id === 'python-unsupported' &&
      f.locations.some(l => l.file === line && l.line === tf!.requirement.location.line)
  )
  if (!tf || !unsupported) return []
  const pythons = [...new Set(tf.allowed.flatMap(r => r.python))].sort(comparePythons)
  const python = nearestPython(pythons, own.python)
  if (!python) return []
  const more = judge(buildContext(input, { target: withPython(own, python), view })).filter(
    f => !FIRST_LOOK_ONLY.has(f.id) && !found.some(g => sameFinding(f, g))
  )
  if (more.length === 0) return []
  unsupported.explanation += ` The other findings were judged for Python ${python}, the nearest with wheels: they are what comes next once the Python is right.`
  return more.map(f => ({
    ...f,
    title: `${f.title} (on Python ${python})`,
    explanation: `${f.explanation} Judged for Python ${python}, which has wheels of ${tf.flavour}: with Python ${own.python} the install stops earlier, at the missing wheel.`
  }))
}

/** Findings only another platform has, each once, saying on which platforms (the `platforms` input). */
function onOtherPlatforms(own: Finding[], elsewhere: { target: Target; found: Finding[] }[]): Finding[] {
  const merged: { finding: Finding; labels: string[] }[] = []
  for (const { target, found } of elsewhere) {
    for (const f of found) {
      if (own.some(g => sameFinding(f, g))) continue
      const same = merged.find(m => sameFinding(m.finding, f))
      if (same) same.labels.push(PLATFORM_LABELS[target.platform])
      else merged.push({ finding: f, labels: [PLATFORM_LABELS[target.platform]] })
    }
  }
  return merged.map(({ finding, labels }) => ({
    ...finding,
    // A title that names its platform already (platform-unsupported) is not prefixed with it again.
    title: labels.every(l => finding.title.includes(l))
      ? finding.title
      : `On ${labels.join(' and ')}: ${finding.title}`,
    explanation: `${finding.explanation} (Judged for ${labels.join(' and ')} with the same Python, as the platforms input asks.)`
  }))
}
