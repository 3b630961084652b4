/**
 * Poetry's version constraints in PEP 440 terms: `^2.15` → `>=2.15,<3.0`, `~2.15.1` → `>=2.15.1,<2.16`, `*` → any.
 * Returns undefined for what has no single PEP 440 form (`||` alternatives): rules then stay silent.
 */
export function poetryToPep440(constraint: string): string | undefined {
  const text = constraint.trim()
  if (text === '' || text === '*') return ''
  if (text.includes('||')) return undefined
  const clauses = text
    .split(/\s*,\s*|\s+(?=[<>=!~^])/)
    .map(c => c.trim())
    .filter(Boolean)
  const out: string[] = []
  for (const clause of clauses) {
    const converted = convertClause(clause)
    if (converted === undefined) return undefined
    if (converted) out.push(converted)
  }
  return out.join(',')
}

function parts(version: string): number[] | undefined {
  if (!/^\d+(\.\d+)*$/.test(version)) return undefined
  return version.split('.').map(Number)
}

function convertClause(clause: string): string | undefined {
  if (clause === '*') return ''
  const caret = /^\^\s*(\S+)$/.exec(clause)
  if (caret) {
    const p = parts(caret[1])
    if (!p) return undefined
    // The upper bound bumps the first non-zero part (or the last given one when all are zero).
    const idx = p.findIndex(n => n !== 0)
    const bumpAt = idx < 0 ? p.length - 1 : idx
    const upper = [...p.slice(0, bumpAt), p[bumpAt] + 1].join('.')
    return `>=${caret[1]},<${upper}`
  }
  const tilde = /^~(?!=)\s*(\S+)$/.exec(clause)
  if (tilde) {
    const p = parts(tilde[1])
    if (!p) return undefined
    const upper = p.length === 1 ? `${p[0] + 1}` : `${p[0]}.${p[1] + 1}`
    return `>=${tilde[1]},<${upper}`
  }
  if (/^(==|!=|<=|>=|<|>|~=|===)/.test(clause)) return clause.replace(/\s+/g, '')
  if (/^\d[\w.*+!-]*$/.test(clause)) return `==${clause}`
  if (/^=\s*\d/.test(clause)) return `==${clause.slice(1).trim()}`
  return undefined
}
