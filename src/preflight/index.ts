import { type Finding } from '../core/finding.js'
import { buildContext, type PreflightInput } from './context.js'
import { companionIncompatible, setuptoolsPkgResources } from './rules/companions.js'
import { duplicateRequirement } from './rules/duplicates.js'
import { kerasTfMismatch, legacyKerasMissing, tfKerasMismatch, tfKerasUnused } from './rules/keras.js'
import { dependencyRanges, numpyAbi } from './rules/ranges.js'
import { pythonUnsupported, tensorflowGpu, versionNotFound } from './rules/releases.js'

export type { PreflightInput } from './context.js'

/** Every static rule, in the order their findings are most useful to read. */
const RULES = [
  versionNotFound,
  pythonUnsupported,
  tensorflowGpu,
  kerasTfMismatch,
  tfKerasMismatch,
  legacyKerasMissing,
  dependencyRanges,
  numpyAbi,
  companionIncompatible,
  setuptoolsPkgResources,
  duplicateRequirement,
  tfKerasUnused
]

/** Judges the requirements before anything is installed: pure, in memory, from the knowledge table. */
export function preflight(input: PreflightInput): Finding[] {
  const ctx = buildContext(input)
  return RULES.flatMap(rule => rule(ctx))
}
