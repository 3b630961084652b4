import { type Requirement } from '../requirements/types.js'
import { contains, parseRange } from '../versions/range.js'

const parts = (version: string) => (/^\d+(?:\.\d+)*/.exec(version)?.[0] ?? version).split('.')

function padded(version: string, count: number): string[] {
  const p = parts(version)
  while (p.length < count) p.push('0')
  return p.slice(0, count)
}

/**
 * A new specifier in the style the line was written in, admitting `version`: an exact pin stays an exact pin, a
 * wildcard a wildcard of the same depth, `~=` a compatible release of the same depth; any other range becomes
 * TensorFlow's own range for the package when that is the tie, else the compatible release of `version`'s minor.
 */
export function respecify(specifier: string, version: string, range?: string): string {
  const spec = specifier.replace(/\s+/g, '')
  const wildcard = /^==([\d.]+)\.\*$/.exec(spec)
  const compatible = /^~=([\d.]+)$/.exec(spec)
  let out: string
  if (/^===?[^,*]+$/.test(spec)) out = `==${version}`
  else if (wildcard) out = `==${padded(version, wildcard[1].split('.').length).join('.')}.*`
  else if (compatible) {
    const depth = Math.max(2, compatible[1].split('.').length)
    const kept = padded(version, depth)
    out = `~=${depth >= 3 ? [...kept.slice(0, -1), '0'].join('.') : kept.join('.')}`
  } else out = range ?? `~=${padded(version, 2).join('.')}.0`
  const parsed = parseRange(out)
  return parsed && contains(parsed, version) ? out : `==${version}`
}

/** The line written back with another name (a flavour change) and specifier, keeping its extras and marker. */
export function rewriteLine(req: Requirement, specifier: string, name = req.name, extras = req.extras): string {
  const extraText = extras.length > 0 ? `[${extras.join(',')}]` : ''
  return `${name}${extraText}${specifier}${req.marker ? `; ${req.marker}` : ''}`
}
