import { normalizeName } from '../requirements/names.js'
import { type ResolvedPackage } from './types.js'

// `name==version`, `name[extras]==version`, `name @ url`, each possibly followed by a marker or a hash continuation.
const PINNED = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;\\]+)/
const DIRECT = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*@\s*([^\s;\\]+)/
const VIA_ONE = /^\s+# via (.+)$/
const VIA_HEAD = /^\s+# via\s*$/
const VIA_MORE = /^\s+# {3}(.+)$/

/** A `# via` entry: a parent package, or the file, override or project that asked for the package itself. */
function readVia(entry: string, pkg: ResolvedPackage): void {
  const text = entry.trim()
  // `-r requirements.txt`, `--override overrides.txt`, `-c constraints.txt` (a constraint asks for nothing).
  if (/^-r\s|^--override/.test(text)) {
    pkg.requested = true
    return
  }
  if (/^-c\s|^--constraint/.test(text)) return
  // `myproject (pyproject.toml)`: the project being resolved, which asked for this package directly.
  const project = /^(\S+) \(.+\)$/.exec(text)
  if (project) {
    pkg.requested = true
    return
  }
  const key = normalizeName(text)
  if (/^[a-z0-9][a-z0-9-]*$/.test(key) && !pkg.requiredBy.includes(key)) pkg.requiredBy.push(key)
}

/** One requirement line of the output as a package, or undefined for what is not one (options, editables). */
function readLine(line: string): ResolvedPackage | undefined {
  const pinned = PINNED.exec(line)
  const direct = pinned ? undefined : DIRECT.exec(line)
  const name = pinned?.[1] ?? direct?.[1]
  if (!name) return undefined
  return {
    name,
    key: normalizeName(name),
    version: pinned?.[2] ?? '',
    url: direct?.[2] ?? '',
    requested: false,
    requiredBy: []
  }
}

/**
 * Reads the requirements file `uv pip compile` writes (its default annotated format) into the resolved set: one
 * package per requirement line, with its `# via` annotations as the packages that pulled it in. Editable lines
 * (`-e path`) name no package and are left out, as are option lines and hash continuations.
 */
export function parseUvCompile(text: string): ResolvedPackage[] {
  const packages: ResolvedPackage[] = []
  let current: ResolvedPackage | undefined
  let inVia = false
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line) && !line.startsWith('#')) {
      inVia = false
      current = line.startsWith('-') ? undefined : readLine(line)
      if (current) packages.push(current)
      continue
    }
    if (!current) continue
    const one = VIA_ONE.exec(line)
    const more: RegExpExecArray | null = inVia ? VIA_MORE.exec(line) : null
    if (one) readVia(one[1], current)
    else if (more) readVia(more[1], current)
    inVia = VIA_HEAD.test(line) || (inVia && more !== null)
  }
  return packages
}
