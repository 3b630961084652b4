import { compareVersions } from '../versions/compare.js'
import { TENSORFLOW_PACKAGES, minorOf } from '../core/packages.js'
import { companionFor } from '../knowledge/queries.js'
import { contains, parseRange, type VersionRange } from '../versions/range.js'
import { type World } from './world.js'

/** The TensorFlow a plan lands on: the package (its flavour), the extras written with it, the release. */
export interface TfTarget {
  key: string
  extras: string[]
  version: string
}

/** What a TensorFlow release asks of another package. */
export interface Want {
  allows(version: string): boolean
  /** The release made for this TensorFlow among those pip could install (oldest first): what a moved line gets. */
  pick(installable: string[]): string | undefined
  /** TensorFlow's own range for the package, when the tie comes from its Requires-Dist: range lines get it as is. */
  range?: string
}

const isTensorflow = (name: string) => TENSORFLOW_PACKAGES.includes(name)
const newest = (versions: string[]) => [...versions].sort(compareVersions).pop()

function rangeWant(specifier: string, range?: string): Want | undefined {
  const parsed = parseRange(specifier)
  if (!parsed) return undefined
  const allows = (v: string) => contains(parsed, v)
  return { allows, pick: vs => newest(vs.filter(allows)), range }
}

/** TensorFlow's Requires-Dist names the package (keras, numpy, protobuf, tensorboard, ...). */
function tensorflowWant(world: World, tf: TfTarget, key: string): Want | undefined {
  const dep = world.requiresOf(tf.key, tf.version, tf.extras).find(d => d.name === key)
  return dep ? rangeWant(dep.specifier, dep.specifier) : undefined
}

/** The TensorFlow range a release of the package requires ('' when it requires none). */
function tensorflowRangeOf(world: World, key: string, version: string): VersionRange | undefined {
  const dep = world.requiresOf(key, version).find(d => isTensorflow(d.name))
  return dep ? parseRange(dep.specifier) : undefined
}

/**
 * The package requires TensorFlow itself in some release (tf-keras 2.16+, tensorflow-text): the releases whose
 * requirement holds this TensorFlow. tf-keras 2.15.0 and older require none; for them the knowledge table's pair
 * for the minor says which fits.
 */
function ownWant(world: World, tf: TfTarget, key: string): Want | undefined {
  const offered = world.versions(key, [])
  const ranges = new Map(offered.map(v => [v, tensorflowRangeOf(world, key, v)]))
  if (![...ranges.values()].some(Boolean)) return undefined
  const pair = key === 'tf-keras' ? pairRange(world, tf.version) : undefined
  const made = (v: string) => {
    const range = ranges.get(v)
    return range ? contains(range, tf.version) : false
  }
  const allows = (v: string) => {
    const range = ranges.get(v)
    if (range) return contains(range, tf.version)
    return pair ? contains(pair, v) : true
  }
  return {
    allows,
    pick: vs => newest(vs.filter(made)) ?? (pair ? newest(vs.filter(v => contains(pair, v))) : undefined)
  }
}

function pairRange(world: World, version: string): VersionRange | undefined {
  const minor = world.target.knowledge.tensorflow.minors.find(m => m.minor === minorOf(version))
  return minor?.tfKerasPair ? parseRange(minor.tfKerasPair) : undefined
}

/**
 * The companions table (tensorflow-probability, tensorflow-io): the releases a rule says work with this TensorFlow.
 * Only rules whose breakage is an error tie a package; a release no such rule covers is not known to work.
 */
function companionWant(world: World, tf: TfTarget, key: string): Want | undefined {
  const { knowledge } = world.target
  const rules = knowledge.companions.filter(c => c.package === key && c.outside === 'error')
  const fitting = rules.filter(c => contains(parseRange(c.tensorflow)!, tf.version))
  if (fitting.length === 0) return undefined
  const allows = (v: string) => fitting.some(c => contains(parseRange(c.versions)!, v))
  const made = companionFor(knowledge, key, tf.version)
  const madeRange = made && made.outside === 'error' ? parseRange(made.versions) : undefined
  return {
    allows,
    pick: vs => (madeRange ? newest(vs.filter(v => contains(madeRange, v))) : undefined) ?? newest(vs.filter(allows))
  }
}

/** Every tie between the package and this TensorFlow, combined: a release must satisfy each. */
export function wantFor(world: World, tf: TfTarget, key: string): Want | undefined {
  if (isTensorflow(key)) return undefined
  const wants = [tensorflowWant, ownWant, companionWant]
    .map(source => source(world, tf, key))
    .filter((w): w is Want => w !== undefined)
  if (wants.length <= 1) return wants[0]
  const allows = (v: string) => wants.every(w => w.allows(v))
  return {
    allows,
    pick: vs => wants.map(w => w.pick(vs.filter(allows))).find(Boolean),
    range: wants.find(w => w.range)?.range
  }
}

/** What a chosen release asks of a package through its own Requires-Dist (the second level of ties). */
export function dependencyWant(world: World, key: string, version: string, extras: string[], dep: string) {
  const found = world.requiresOf(key, version, extras).find(d => d.name === dep)
  return found ? rangeWant(found.specifier, found.specifier) : undefined
}
