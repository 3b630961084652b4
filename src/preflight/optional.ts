import { type Finding } from '../core/finding.js'
import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type EcosystemView, type Target } from '../knowledge/ecosystem.js'
import { type OptionalGroup } from '../requirements/types.js'
import { applying, buildContext, type PreflightContext, type PreflightInput } from './context.js'

/** Extras judged beside the set at most (a project may declare dozens; the TensorFlow ones are the point). */
const MAX_EXTRAS = 8

const sameFinding = (a: Finding, b: Finding) =>
  a.id === b.id && a.title === b.title && JSON.stringify(a.locations) === JSON.stringify(b.locations)

/**
 * A project whose TensorFlow (or whose tf-keras and companions) sits in an extra this run does not select: the
 * extra is judged together with the rest, as `pip install .[extra]` would install it, and its findings say so.
 * They stay whatever the run installs (the install does not include the extra, so it cannot disprove them).
 */
export function optionalTensorflow(
  input: PreflightInput,
  view: EcosystemView,
  own: Target | undefined,
  judge: (ctx: PreflightContext) => Finding[],
  found: Finding[]
): Finding[] {
  const env = own?.env ?? input.markerEnv
  const main = applying(input.requirements.requirements, env)
  const relevant = (input.requirements.optional ?? []).filter(g =>
    brings(
      g,
      main.some(r => isTensorflow(r.key)),
      view
    )
  )
  const out: Finding[] = []
  for (const group of relevant.slice(0, MAX_EXTRAS)) {
    const requirements = {
      ...input.requirements,
      requirements: [...input.requirements.requirements, ...group.requirements]
    }
    const ctx = buildContext({ ...input, requirements }, { target: own, view })
    for (const f of judge(ctx)) {
      if ([...found, ...out].some(g => sameFinding(f, g))) continue
      out.push({
        ...f,
        title: `With the extra \`${group.extra}\`: ${f.title}`,
        explanation:
          `${f.explanation} This holds when the project is installed with its \`${group.extra}\` extra ` +
          `(\`pip install .[${group.extra}]\`), which this run does not select (extras input: ${group.extra}).`,
        provenBy: undefined
      })
    }
  }
  return out
}

const isTensorflow = (key: string) => TENSORFLOW_PACKAGES.includes(key)

/** An extra that brings TensorFlow, or (when the main set has TensorFlow) any package of its family. */
function brings(group: OptionalGroup, tensorflowInMain: boolean, view: EcosystemView): boolean {
  return group.requirements.some(r => isTensorflow(r.key) || (tensorflowInMain && view.covers(r.key)))
}
