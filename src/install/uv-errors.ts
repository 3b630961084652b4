import { normalizeName } from '../requirements/names.js'
import { diskFull } from './installer.js'
import { type InstallError } from './types.js'

const NAME = '([A-Za-z0-9][A-Za-z0-9._-]*)'
const NO_VERSION = new RegExp(`there is no version of ${NAME}`)
const NOT_IN_REGISTRY = new RegExp(`${NAME} was not found in the package registry`)
const NETWORK =
  /error sending request|Connection refused|dns error|tcp connect error|operation timed out|Failed to fetch|Could not connect/
const BUILD = new RegExp(`Failed to (?:download and )?build \`?${NAME}`)
// Every package a resolution explanation names: "Because X==1 depends on Y>=2 and you require Z<3, ..."
const MENTIONED = new RegExp(`(?:Because |depends on |you require |and |requires )${NAME}(?=[<>=!~ ]|\\[)`, 'g')

function excerpt(output: string): string {
  const lines = output.split(/\r?\n/)
  const first = lines.findIndex(l => /^\s*(error:|×)/.test(l))
  return (first >= 0 ? lines.slice(first) : lines.slice(-20)).join('\n').trim().slice(0, 4000)
}

// Words uv's explanations put where a name could stand ("Because the current Python version", "Because only
// keras<3 is available", "depends on Python>=3.10"): the interpreter and plain English, never a package.
const NOT_PACKAGES = ['you', 'your', 'we', 'the', 'there', 'only', 'all', 'python']

function mentioned(text: string): string[] {
  const names: string[] = []
  for (const m of text.matchAll(MENTIONED)) {
    const name = normalizeName(m[1])
    if (!names.includes(name) && !NOT_PACKAGES.includes(name)) names.push(name)
  }
  return names
}

/** Reads uv's error output into the same typed failure as pip's. */
export function parseUvFailure(output: string): InstallError {
  const text = excerpt(output)
  if (diskFull(output)) return { kind: 'disk', packages: [], excerpt: text, availableVersions: [] }
  const missing = NO_VERSION.exec(output) ?? NOT_IN_REGISTRY.exec(output)
  if (missing) return { kind: 'not-found', packages: [normalizeName(missing[1])], excerpt: text, availableVersions: [] }
  if (NETWORK.test(output)) return { kind: 'network', packages: [], excerpt: text, availableVersions: [] }
  const build = BUILD.exec(output)
  if (build) return { kind: 'build', packages: [normalizeName(build[1])], excerpt: text, availableVersions: [] }
  if (/No solution found/.test(output))
    return { kind: 'conflict', packages: mentioned(text), excerpt: text, availableVersions: [] }
  return { kind: 'other', packages: [], excerpt: text, availableVersions: [] }
}

/** `uv pip check`: "The package `x` requires `y>=2`, but `1.0` is installed" lines. */
export function parseUvCheck(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => /^The package `[^`]+` requires `[^`]+`/.test(l))
    .map(l =>
      l.replace(
        /^The package `([^`]+)` requires `([^`]+)`, but `([^`]+)` is installed/,
        '$1 requires $2, but you have $3'
      )
    )
}
