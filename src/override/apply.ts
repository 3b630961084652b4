import { TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Requirement, type RequirementSet } from '../requirements/types.js'
import { type VersionRequest } from './spec.js'

export interface Overrides {
  tensorflow?: VersionRequest
  keras?: VersionRequest
}

export interface AppliedOverrides {
  /** The requirement set as the rules should judge it: the overridden lines carry the requested versions. */
  requirements: RequirementSet
  /** Requirement strings that replace the repository's (uv `--override`; pip gets edited copies instead). */
  lines: string[]
  /** The lines the override replaces, for pip's edited copies: line edits against the repository's files. */
  replaced: { requirement: Requirement; text: string }[]
  /** Packages to add: tf-nightly, or TensorFlow itself when the repository names none. */
  additions: string[]
  /** The TensorFlow package in play (the repository's flavour is kept: tensorflow-cpu stays tensorflow-cpu). */
  flavour: string
  /** A short name for headings and outputs, e.g. "tensorflow-cpu 2.21". */
  label: string
}

/** A marker no platform has: the requirement is switched off (its line stays, for pip and for locations). */
export const NEVER_MARKER = "; sys_platform == 'keras-compat-never'"

function override(
  set: RequirementSet,
  keys: string[],
  text: (req: Requirement) => string
): AppliedOverrides['replaced'] {
  return set.requirements.filter(r => keys.includes(r.key)).map(r => ({ requirement: r, text: text(r) }))
}

/** Replaces the repository's TensorFlow (whichever platform package, wherever declared) and/or keras requirement. */
export function applyOverrides(set: RequirementSet, overrides: Overrides): AppliedOverrides {
  const tfReq = set.requirements.find(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')
  const flavour = tfReq?.key ?? 'tensorflow'
  const replaced: AppliedOverrides['replaced'] = []
  const lines: string[] = []
  const additions: string[] = []
  const labels: string[] = []
  const tf = overrides.tensorflow
  if (tf) {
    if (tf.nightly) {
      // The nightly is another package: the repository's TensorFlow is switched off, tf-nightly added.
      const nightly = flavour.endsWith('-cpu') ? 'tf-nightly-cpu' : 'tf-nightly'
      replaced.push(...override(set, [flavour], r => `${r.name}${NEVER_MARKER}`))
      lines.push(`${flavour}${NEVER_MARKER}`)
      additions.push(nightly)
      labels.push(nightly)
    } else {
      replaced.push(...override(set, [flavour], r => `${r.name}${tf.specifier}`))
      lines.push(`${flavour}${tf.specifier}`)
      if (!tfReq) additions.push(`${flavour}${tf.specifier}`)
      labels.push(`${flavour} ${tf.label}`)
    }
  }
  const keras = overrides.keras
  if (keras) {
    replaced.push(...override(set, ['keras'], r => `${r.name}${keras.specifier}`))
    lines.push(`keras${keras.specifier}`)
    if (!set.requirements.some(r => r.key === 'keras')) additions.push(`keras${keras.specifier}`)
    labels.push(`keras ${keras.label}`)
  }
  const judged = new Map(replaced.map(r => [r.requirement, r.text]))
  const requirements: RequirementSet = {
    ...set,
    requirements: set.requirements
      .filter(r => !(tf?.nightly && r.key === flavour))
      .map(r => (judged.has(r) ? { ...r, specifier: judged.get(r)!.slice(r.name.length), raw: judged.get(r)! } : r))
  }
  return { requirements, lines, replaced, additions, flavour, label: labels.join(', ') }
}

/** The tf-keras to pair with the TensorFlow in play: from the requested or pinned minor, else the newest known. */
export function legacyKerasPair(set: RequirementSet, request: VersionRequest | undefined, newestMinor: string): string {
  const tfReq = set.requirements.find(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')
  for (const spec of [request?.specifier, tfReq?.specifier]) {
    const m = /^(?:==|~=)(\d+)\.(\d+)/.exec(spec ?? '')
    if (m) return `tf-keras~=${m[1]}.${m[2]}.0`
  }
  return `tf-keras~=${newestMinor}.0`
}
