import { normalizeName } from '../requirements/names.js'
import { diskFull } from './installer.js'
import { type InstallError } from './types.js'

const NOT_FOUND =
  /Could not find a version that satisfies the requirement ([A-Za-z0-9][A-Za-z0-9._-]*)[^\n]*?\(from versions: ([^)]*)\)/
const NO_MATCH = /No matching distribution found for ([A-Za-z0-9][A-Za-z0-9._-]*)/
const CONFLICT_LINE =
  /^\s+(?:The user requested (?:\(constraint\) )?([A-Za-z0-9][A-Za-z0-9._-]*)|([A-Za-z0-9][A-Za-z0-9._-]*) \S+ depends on ([A-Za-z0-9][A-Za-z0-9._-]*))/
const NETWORK =
  /(?:Could not fetch URL|Max retries exceeded|NewConnectionError|Connection refused|Temporary failure in name resolution|Read timed out|ConnectTimeoutError|ProxyError|SSLError|403 Client Error|404 Client Error)/

/** Reads pip's error output into a typed failure; the excerpt keeps pip's own words for the report. */
export function parsePipFailure(output: string): InstallError {
  const excerpt = errorExcerpt(output)
  if (diskFull(output)) return { kind: 'disk', packages: [], excerpt, availableVersions: [] }
  if (/ResolutionImpossible|The conflict is caused by:/.test(output)) {
    return { kind: 'conflict', packages: conflictPackages(output), excerpt, availableVersions: [] }
  }
  const notFound = NOT_FOUND.exec(output)
  if (notFound || NO_MATCH.test(output)) {
    const name = notFound?.[1] ?? NO_MATCH.exec(output)?.[1] ?? ''
    const versions = (notFound?.[2] ?? '')
      .split(',')
      .map(v => v.trim())
      .filter(v => v && v !== 'none')
    const kind = versions.length === 0 && NETWORK.test(output) ? 'network' : 'not-found'
    return { kind, packages: [normalizeName(name)], excerpt, availableVersions: versions }
  }
  if (/subprocess-exited-with-error|Failed to build|Failed building wheel/.test(output)) {
    const m =
      /Failed to build ([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(output) ??
      /Building wheel for ([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(output)
    const name = m?.[1]
    return { kind: 'build', packages: name ? [normalizeName(name)] : [], excerpt, availableVersions: [] }
  }
  if (NETWORK.test(output)) return { kind: 'network', packages: [], excerpt, availableVersions: [] }
  return { kind: 'other', packages: [], excerpt, availableVersions: [] }
}

function conflictPackages(output: string): string[] {
  const names: string[] = []
  const block = output.split('The conflict is caused by:')[1] ?? ''
  for (const line of block.split(/\r?\n/)) {
    const m = CONFLICT_LINE.exec(line)
    if (!m) {
      if (names.length > 0 && line.trim() !== '' && !/^\s/.test(line)) break
      continue
    }
    for (const name of [m[1], m[2], m[3]])
      if (name && !names.includes(normalizeName(name))) names.push(normalizeName(name))
  }
  return names
}

// Progress and configuration chatter pip prints between the lines that matter.
const NOISE =
  /^\s*(?:Collecting |Downloading |Using cached |Requirement already satisfied|Obtaining |Processing |Looking in | {2}Downloading|WARNING: Location .* is ignored|INFO: pip is looking at|Preparing metadata|Installing build dependencies|Getting requirements to build|\s*━)/

/** pip's ERROR lines and the conflict explanation, without the progress noise around them. */
function errorExcerpt(output: string): string {
  const lines = output.split(/\r?\n/).filter(l => !NOISE.test(l))
  const first = lines.findIndex(l => /^ERROR:|^error:|The conflict is caused by:|× /.test(l))
  const picked = first >= 0 ? lines.slice(first) : lines.slice(-20)
  return picked.join('\n').trim().slice(0, 4000)
}

/**
 * pip says why an index page could not be fetched (time-out, refused, TLS) only at debug level, so its console shows
 * just "from versions: none", which reads like a version that does not exist. Its `--log` file keeps those lines:
 * this picks them out, without the timestamps, to be read with the console output.
 */
export function fetchFailureLines(debugLog: string): string {
  const lines = debugLog
    .split(/\r?\n/)
    .filter(l => l.includes('Could not fetch URL '))
    .map(l => l.replace(/^\d{4}-\d\d-\d\dT[\d:,.]+ /, ''))
  return lines.length > 0 ? `\n${lines.slice(0, 5).join('\n')}\n` : ''
}
