import { type ParsedRequirement } from './line.js'
import { normalizeName } from './names.js'
import { type Requirement, type SourceLocation } from './types.js'

/** Where a parsed requirement stands and how it was asked for: everything a Requirement has beyond its parts. */
export interface Placement {
  editable: boolean
  kind: Requirement['kind']
  /** The line as written (never expanded: it is shown). */
  raw: string
  location: SourceLocation
}

/** The one way a Requirement is made from a parsed line: its name normalised for comparison, once. */
export function requirementOf(parts: ParsedRequirement, at: Placement): Requirement {
  const { name, extras, specifier, marker, url } = parts
  return { name, key: name ? normalizeName(name) : '', extras, specifier, marker, url, ...at }
}

/**
 * What a line asks pip for, as one string: lines with the same meaning are one requirement to pip, however they
 * were written (the name normalised, specifiers and extras as packaging reads them, the marker, the reference, and
 * how the line is asked for).
 */
export function meaningOf(r: Requirement): string {
  return [r.key, r.specifier, r.marker, r.url, r.kind, r.editable, [...r.extras].sort().join(',')].join('\0')
}
