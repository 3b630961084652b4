import { validRange } from '@renovatebot/pep440'

/** The parts of one requirement line, before it is given a location. */
export interface ParsedRequirement {
  name: string
  extras: string[]
  specifier: string
  marker: string
  url: string
}

export type LineResult = { ok: true; value: ParsedRequirement } | { ok: false; message: string }

// PEP 508 names: letters and digits, with `-_.` allowed inside.
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/
const URL_START = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\.{1,2}[\\/]|\/|[A-Za-z]:[\\/])/
const ARCHIVE = /\.(?:whl|zip|tar\.gz|tgz|tar\.bz2|tar)$/i
// Options pip accepts after a requirement on the same line.
const PER_REQUIREMENT_OPTION = /\s--(?:hash|config-settings|global-option|install-option)(?:=|\s+)\S+/g

export function stripPerRequirementOptions(text: string): string {
  return text.replace(PER_REQUIREMENT_OPTION, '').trim()
}

/** Expands `${VAR}` as pip does (only that form, only names of capitals, digits and underscores). */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => env[name] ?? whole)
}

/** Parses a requirement specifier line (no options, no comment) into its parts, or says what pip would reject. */
export function parseRequirementLine(text: string): LineResult {
  const [body, marker = ''] = splitMarker(text)
  if (URL_START.test(body) || (ARCHIVE.test(body) && !body.includes('@'))) return parseDirectReference(body, marker)
  const m = NAME.exec(body)
  if (!m) return { ok: false, message: `"${body}" does not start with a package name` }
  const name = m[1]
  const extras = splitExtras(m[2])
  const rest = body.slice(m[0].length).trim()
  if (rest.startsWith('@'))
    return { ok: true, value: { name, extras, specifier: '', marker, url: rest.slice(1).trim() } }
  const specifier = rest.replace(/^\(|\)$/g, '').trim()
  if (specifier !== '' && !validRange(specifier)) {
    return {
      ok: false,
      message:
        `"${rest}" after ${name} is not a version specifier: pip expects one requirement per line, ` +
        'written as name[extras] followed by comparisons such as ==1.2, >=1,<2 or ~=1.4, then an optional ; marker'
    }
  }
  return { ok: true, value: { name, extras, specifier: specifier.replace(/\s+/g, ''), marker, url: '' } }
}

function splitMarker(text: string): [string, string?] {
  // In a URL a `;` can only start a marker when it follows whitespace (PEP 508).
  const idx = URL_START.test(text) ? text.search(/\s;/) : text.indexOf(';')
  if (idx < 0) return [text.trim()]
  return [text.slice(0, idx).trim(), text.slice(idx + 1).trim()]
}

function splitExtras(raw: string | undefined): string[] {
  if (!raw) return []
  return raw
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)
}

function parseDirectReference(url: string, marker: string): LineResult {
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url)
  const wheel = /([A-Za-z0-9][A-Za-z0-9._]*)-\d[^/\\]*\.whl$/i.exec(url)
  const name = egg?.[1] ?? wheel?.[1] ?? ''
  return { ok: true, value: { name, extras: [], specifier: '', marker, url } }
}
