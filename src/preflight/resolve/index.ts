import { type EcosystemView, type Target } from '../../knowledge/ecosystem.js'
import { type Requirement } from '../../requirements/types.js'
import { Search } from './search.js'
import { readable } from './specs.js'
import { type Demand, type Resolution } from './types.js'

export type { Cause, ChosenRelease, DeadEnd, Demand, Resolution } from './types.js'

/**
 * What pip and uv will pick for the packages the knowledge covers (TensorFlow's family, keras, tf-keras, the
 * companions, numpy, protobuf, ml-dtypes, h5py), on one Python and platform: the requirements and constraints
 * that apply there, then the Requires-Dist of each chosen release. Packages outside the knowledge take no part:
 * the caller says so where the outcome could depend on them.
 */
export function resolve(
  view: EcosystemView,
  target: Target,
  requirements: Requirement[],
  dropped: string[] = []
): Resolution {
  const assumed: string[] = []
  const roots: Demand[] = []
  // A line repeated (50,000 times, in a hostile file) asks the same: the first one stands for all.
  const seen = new Set<string>()
  for (const r of requirements) {
    if (!r.key || !view.covers(r.key)) continue
    const id = `${r.key} ${r.specifier} [${r.extras.join(',')}] ${r.kind} ${r.url}`
    if (seen.has(id)) continue
    seen.add(id)
    if (r.url) {
      assumed.push(`${r.name} from ${r.url} is whatever that file holds`)
      continue
    }
    if (!readable(r.specifier)) {
      assumed.push(`\`${r.raw}\`: a version range pip cannot read, left out`)
      continue
    }
    roots.push({ key: r.key, specifier: r.specifier, extras: r.extras, constraint: r.kind === 'constraint', line: r })
  }
  const search = new Search(view, target, new Set(dropped))
  const outcome = search.run(roots)
  if (outcome === 'undecided') return { status: 'undecided', assumed }
  if (!outcome) return { status: 'conflict', causes: search.causes, deadEnds: search.deadEnds, assumed }
  const chosen = search.chosen()
  for (const c of chosen.values())
    if (c.availability === 'sdist-only' && view.dependencies(c.key, c.version, target) === undefined)
      assumed.push(`${c.key} ${c.version} is built from source here; its own requirements are known only then`)
  return { status: 'resolved', chosen, assumed }
}
