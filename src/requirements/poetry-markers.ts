import { poetryToPep440 } from './poetry.js'

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)(.+)$/

/** One PEP 440 clause on the Python version as a marker: 3-part versions compare python_full_version. */
function pythonClause(clause: string): string | undefined {
  const m = CLAUSE.exec(clause)
  if (!m) return undefined
  const [, op, version] = m
  if (version.endsWith('.*')) {
    const prefix = version.slice(0, -2)
    return op === '==' || op === '!=' ? `python_version ${op} "${prefix}"` : undefined
  }
  const variable = version.split('.').length >= 3 ? 'python_full_version' : 'python_version'
  if (op === '~=') {
    const parts = version.split('.')
    const upper = [...parts.slice(0, -2), String(Number(parts[parts.length - 2]) + 1)].join('.')
    return `${variable} >= "${version}" and ${variable} < "${upper}"`
  }
  return `${variable} ${op === '===' ? '==' : op} "${version}"`
}

/** Poetry's `python = "^3.9"` as a PEP 508 marker; undefined when it has none (then it is not a marker at all). */
export function pythonMarker(constraint: string): string | undefined {
  const specifier = poetryToPep440(constraint)
  if (specifier === undefined) return undefined
  if (specifier === '') return ''
  const parts = specifier.split(',').map(pythonClause)
  return parts.every(p => p !== undefined) ? parts.join(' and ') : undefined
}

const PLATFORMS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'win32', windows: 'win32' }

/**
 * The marker a Poetry dependency table stands for: its `markers`, its `python` range and its `platform` (a
 * sys.platform value), all of which must hold. A `python` range with no PEP 508 form is left out (it then
 * does not narrow where the line applies, which the rules treat as always).
 */
export function poetryMarker(entry: Record<string, unknown>): string {
  const parts: string[] = []
  if (typeof entry.markers === 'string' && entry.markers.trim()) parts.push(entry.markers.trim())
  if (typeof entry.python === 'string') {
    const python = pythonMarker(entry.python)
    if (python) parts.push(python)
  }
  if (typeof entry.platform === 'string' && entry.platform.trim()) {
    const platform = entry.platform.trim().toLowerCase()
    parts.push(`sys_platform == "${PLATFORMS[platform] ?? platform}"`)
  }
  return parts.length <= 1 ? (parts[0] ?? '') : parts.map(p => `(${p})`).join(' and ')
}
