/**
 * pip's `${VAR}` expansion (`expand_env_variables` in pip/_internal/req/req_file.py), for what the installer reads
 * only: never for anything displayed. Only `${NAME}` with capitals, digits and `_` is a variable; one that is unset
 * or empty stays as written. pip finds the variables in the line first, then replaces each, in order, everywhere in
 * the line as it is by then, so a value that itself holds `${OTHER}` is expanded by a later replacement. This does
 * the same, skipping the repeats that cannot change anything (so a line of many `${X}` stays linear).
 */
export type Environment = Record<string, string | undefined>

const VARIABLE = /\$\{([A-Z0-9_]+)\}/g

export function expandVariables(text: string, env: Environment): string {
  if (!text.includes('${')) return text
  let line = text
  const names = [...text.matchAll(VARIABLE)].map(m => m[1])
  // Names whose `${NAME}` may still be in the line: a replacement removes its own and brings in its value's.
  const distinct = [...new Set(names)]
  const present = new Set(distinct)
  for (const name of names) {
    const value = env[name]
    if (!value || !present.has(name)) continue
    line = line.split(`\${${name}}`).join(value)
    present.delete(name)
    // A value with `$`, `{` or `}` can form a variable with its neighbours: any name may then be there again.
    if (/[${}]/.test(value)) distinct.forEach(n => present.add(n))
  }
  return line
}
