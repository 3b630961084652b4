import { ConfigError } from '../core/errors.js'
import { validRange } from '@renovatebot/pep440'
import { parseRequirementLine } from '../requirements/line.js'

/** A requested TensorFlow (or Keras) version: a specifier for the repository's own package, or another package. */
export interface VersionRequest {
  /** As the user wrote it, for headings and outputs: `2.16`, `~=2.17.0`, `latest`, `nightly`. */
  label: string
  /** PEP 440 specifier ('' = newest). */
  specifier: string
  /** `nightly`: TensorFlow's nightly package replaces the repository's own. */
  nightly: boolean
}

/**
 * Reads `2.16` (that minor's newest patch), `2.16.2`, `~=2.17.0` (any specifier), `latest` or `nightly`.
 * A bad value names the input and the accepted forms.
 */
export function parseVersionRequest(value: string, source: string): VersionRequest | undefined {
  const request = readRequest(value.trim())
  // The same parser as requirement lines: what reaches the installer is exactly `tensorflow<specifier>`.
  const line = request && parseRequirementLine(`tensorflow${request.specifier}`)
  if (request === null || (line && (!line.ok || line.value.marker || line.value.url))) {
    throw new ConfigError(
      `${source}: "${value}" is not a version. Use 2.16 (newest 2.16.x), 2.16.2, a specifier such as ~=2.17.0, latest, or nightly.`
    )
  }
  return request
}

/** The request as written, undefined for none, null for what is not a version request at all. */
function readRequest(v: string): VersionRequest | undefined | null {
  if (v === '') return undefined
  if (v.toLowerCase() === 'latest') return { label: 'latest', specifier: '', nightly: false }
  if (v.toLowerCase() === 'nightly') return { label: 'nightly', specifier: '', nightly: true }
  if (/^\d+\.\d+$/.test(v)) return { label: v, specifier: `==${v}.*`, nightly: false }
  if (/^\d+(\.\d+){2,}([a-z]+\d*)?(\.post\d+)?$/.test(v)) return { label: v, specifier: `==${v}`, nightly: false }
  if (/^[<>=!~]/.test(v) && validRange(v)) return { label: v, specifier: v.replace(/\s+/g, ''), nightly: false }
  return null
}

/** One environment each: a matrix longer than this is a mistake, and would outlast the job. */
export const MAX_MATRIX_VERSIONS = 20

/** `tensorflow-versions`: comma- or newline-separated requests, in the order given, without repeats. */
export function parseVersionList(value: string, source: string): VersionRequest[] {
  const seen = new Set<string>()
  const out: VersionRequest[] = []
  for (const part of value.split(/[,\n]/)) {
    const request = parseVersionRequest(part, source)
    if (request && !seen.has(request.label)) {
      seen.add(request.label)
      out.push(request)
    }
  }
  if (out.length > MAX_MATRIX_VERSIONS) {
    throw new ConfigError(
      `${source}: ${out.length} versions is more than ${MAX_MATRIX_VERSIONS}. Each version is a full install; list at most ${MAX_MATRIX_VERSIONS}, or fan out over a workflow matrix.`
    )
  }
  return out
}
