import { type Finding } from '../core/finding.js'
import { type InstallError } from '../install/types.js'
import { KNOWLEDGE } from '../knowledge/index.js'
import { normalizeName } from '../requirements/names.js'
import { type Locator } from '../requirements/locate.js'
import { pinnedVersion } from '../versions/nearest.js'

/** A release that exists, only not for the run's Python: which package, which version, which Pythons it has. */
interface NoWheel {
  key: string
  name: string
  version: string
  /** "Python 3.9, 3.10, 3.11" or "Python >=3.9,<3.12". */
  supported: string
}

// uv's hint: "... but we only found wheels for `tensorflow-cpu` (v2.15.1) with the following Python ABI tags: `cp39`, …"
const UV_TAGS =
  /we only found wheels for `([^`]+)` \(v([^)\s]+)\) with the following Python (?:ABI|implementation) tags: ([^\n]+)/

/** uv names the wheels' tags itself: `cp310` is CPython 3.10. */
function fromUv(error: InstallError): NoWheel | undefined {
  const m = UV_TAGS.exec(error.excerpt)
  if (!m) return undefined
  const pythons = [...m[3].matchAll(/`cp(\d)(\d+)`/g)].map(t => `${t[1]}.${t[2]}`)
  if (pythons.length === 0) return undefined
  return { key: normalizeName(m[1]), name: m[1], version: m[2], supported: `Python ${pythons.join(', ')}` }
}

/** pip only says "Could not find a version": the knowledge (or pip's Requires-Python note) tells which Pythons it has. */
function fromPip(error: InstallError, locator: Locator, python: string): NoWheel | undefined {
  if (error.kind !== 'not-found') return undefined
  const requirement = locator.find(error.packages)
  const wanted = requirement ? pinnedVersion(requirement.specifier) : ''
  if (!requirement || !wanted) return undefined
  const release = KNOWLEDGE.tensorflow.releases.find(r => r.version === wanted && r.packages.includes(requirement.key))
  const ignored = new RegExp(
    `Ignored the following versions that require a different python version:[^\n]*\\b${wanted.replace(/\./g, '\\.')} Requires-Python ([^;\n]+)`
  ).exec(error.excerpt)
  if (!release && !ignored) return undefined
  if (release?.python.includes(python.split('.').slice(0, 2).join('.'))) return undefined
  const supported = release ? `Python ${release.python.join(', ')}` : `Python ${ignored?.[1].trim() ?? ''}`
  return { key: requirement.key, name: requirement.name, version: wanted, supported }
}

/**
 * The release exists, just not for this Python: say which Pythons it has wheels for, in place of the installer's
 * generic "no version" or "no solution" (which would send the user looking for a conflict between pins).
 */
export function pythonUnsupported(error: InstallError, locator: Locator, python: string): Finding | undefined {
  if (!python || (error.kind !== 'not-found' && error.kind !== 'conflict')) return undefined
  const found = fromUv(error) ?? fromPip(error, locator, python)
  if (!found) return undefined
  const located = locator.forPackages([found.key])
  return {
    id: 'python-unsupported',
    severity: 'error',
    title: `${found.name} ${found.version} has no wheel for Python ${python}`,
    explanation: `${found.name} ${found.version} exists, but only for ${found.supported}; this run uses Python ${python}. This is not a conflict between your pins.`,
    fix: `Use a Python it supports (e.g. actions/setup-python), or pin a release built for Python ${python}.`,
    locations: located.length > 0 ? located : locator.forPackages(error.packages),
    evidence: error.excerpt,
    stage: 'install'
  }
}
