import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { parseRequirementLine } from '../requirements/line.js'
import { normalizeName } from '../requirements/names.js'
import { coverageIncludes } from './coverage.js'
import { type DistRequirement, type StoredRelease, type WheelPlatform } from './index-types.js'

/**
 * The Requires-Dist block of the wheel pip would take for a platform and Python: "platform@coverage" first, then
 * the platform's own block, then a pure wheel's, then the block most wheels share ("*").
 */
export function pickBlock(ref: NonNullable<StoredRelease['r']>, platform?: WheelPlatform, python?: string): number {
  if (typeof ref === 'number') return ref
  for (const target of platform ? [platform, 'any'] : []) {
    if (python) {
      for (const [key, block] of Object.entries(ref)) {
        const [p, coverage] = key.split('@')
        if (p === target && coverage !== undefined && coverageIncludes(coverage, python)) return block
      }
    }
    if (target in ref) return ref[target]
  }
  return ref['*']
}

// The form the gatherer stores almost every line in: name, [extras], a specifier without spaces, "; marker".
const PLAIN =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[([A-Za-z0-9._-]+(?:,[A-Za-z0-9._-]+)*)\])?((?:~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+(?:,(?:~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+)*)?(?:; (\S.*))?$/

/** A stored Requires-Dist line; plain ones by a pattern (a cold start parses hundreds), the rest by the full parser. */
export function parseDistLine(line: string): DistRequirement {
  const plain = PLAIN.exec(line)
  if (plain) {
    const [, name, extras, specifier = '', marker = ''] = plain
    return {
      name: normalizeName(name),
      extras: extras ? extras.split(',') : [],
      specifier,
      marker: marker.trim(),
      line
    }
  }
  return parseFully(line)
}

/** The same line read by the requirement-line parser (pip's grammar), for every form. */
export function parseFully(line: string): DistRequirement {
  const parsed = parseRequirementLine(line)
  if (!parsed.ok) return { name: '', extras: [], specifier: '', marker: '', line }
  const { name, extras, specifier, marker } = parsed.value
  return { name: normalizeName(name), extras, specifier, marker, line }
}

// The same few markers are evaluated for every release of a package: each answer once per environment object.
const markerMemo = new WeakMap<MarkerEnvironment, Map<string, boolean | undefined>>()

function evaluated(marker: string, env: MarkerEnvironment, extra: string): boolean | undefined {
  let memo = markerMemo.get(env)
  if (!memo) markerMemo.set(env, (memo = new Map()))
  const key = `${extra}\u0000${marker}`
  if (!memo.has(key)) memo.set(key, evaluateMarker(marker, { ...env, extra }))
  return memo.get(key)
}

/**
 * The requirements that apply in an environment, as pip evaluates them: a marker is evaluated with `extra` empty,
 * then with each requested extra; a marker the environment cannot decide is kept and flagged uncertain.
 */
export function applyMarkers(
  requirements: DistRequirement[],
  env: MarkerEnvironment,
  extras: readonly string[] = []
): DistRequirement[] {
  const wanted = ['', ...new Set(extras.flatMap(e => [e, normalizeName(e)]))]
  const out: DistRequirement[] = []
  for (const req of requirements) {
    if (req.marker === '') {
      out.push(req)
      continue
    }
    const results = wanted.map(extra => evaluated(req.marker, env, extra))
    if (results.includes(true)) out.push(req)
    else if (results.includes(undefined)) out.push({ ...req, uncertain: true })
  }
  return out
}
