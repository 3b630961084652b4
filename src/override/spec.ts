import { validRange } from '@renovatebot/pep440'
import { ConfigError } from '../config.js'

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
  const v = value.trim()
  if (v === '') return undefined
  if (v.toLowerCase() === 'latest') return { label: 'latest', specifier: '', nightly: false }
  if (v.toLowerCase() === 'nightly') return { label: 'nightly', specifier: '', nightly: true }
  if (/^\d+\.\d+$/.test(v)) return { label: v, specifier: `==${v}.*`, nightly: false }
  if (/^\d+(\.\d+){2,}([a-z]+\d*)?(\.post\d+)?$/.test(v)) return { label: v, specifier: `==${v}`, nightly: false }
  if (/^[<>=!~]/.test(v) && validRange(v)) return { label: v, specifier: v.replace(/\s+/g, ''), nightly: false }
  throw new ConfigError(
    `${source}: "${value}" is not a version. Use 2.16 (newest 2.16.x), 2.16.2, a specifier such as ~=2.17.0, latest, or nightly.`
  )
}

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
  return out
}
