import { parseDependency } from '../requirements/line.js'
import { evaluateMarker, type MarkerEnvironment } from '../requirements/markers.js'
import { normalizeName } from '../requirements/names.js'
import { type ResolvedPackage } from './types.js'

/** One `install` item of pip's installation report, as far as the resolved set needs it. */
interface ReportItem {
  name: string
  version: string
  url: string
  requested: boolean
  /** Extras asked for on the command line or in a requirement file (`tensorflow[and-cuda]`). */
  requestedExtras: string[]
  requiresDist: string[]
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string => (typeof v === 'string' ? v : '')

function readItem(raw: unknown): ReportItem | undefined {
  if (!isRecord(raw) || !isRecord(raw.metadata)) return undefined
  const { metadata } = raw
  const name = text(metadata.name)
  if (!name) return undefined
  const download = isRecord(raw.download_info) ? raw.download_info : {}
  const requires = Array.isArray(metadata.requires_dist) ? metadata.requires_dist.map(text).filter(Boolean) : []
  return {
    name,
    version: text(metadata.version),
    url: raw.is_direct === true ? text(download.url) : '',
    requested: raw.requested === true,
    requestedExtras: Array.isArray(raw.requested_extras) ? raw.requested_extras.map(text).filter(Boolean) : [],
    requiresDist: requires
  }
}

function markerEnvironment(report: Record<string, unknown>): MarkerEnvironment {
  const env: MarkerEnvironment = {}
  if (isRecord(report.environment))
    for (const [k, v] of Object.entries(report.environment)) if (typeof v === 'string') env[k] = v
  return env
}

/** Whether a Requires-Dist marker holds here for a package installed with these extras (none: `extra == ""`). */
function holds(marker: string, env: MarkerEnvironment, extras: Set<string>): boolean {
  if (marker === '') return true
  // A marker pip could not have read either counts as holding: the edge only says who pulled what in.
  return ['', ...extras].some(extra => evaluateMarker(marker, { ...env, extra }) !== false)
}

interface Edge {
  parent: string
  child: string
  marker: string
  /** Extras the entry asks of the child (`keras[tf]`). */
  extras: string[]
}

/** Every Requires-Dist entry between two installed packages. */
function edgesOf(items: ReportItem[], installed: Set<string>): Edge[] {
  return items.flatMap(item =>
    item.requiresDist.flatMap(entry => {
      const dep = parseDependency(entry)
      if (!dep.ok) return []
      const [parent, child] = [normalizeName(item.name), normalizeName(dep.value.name)]
      if (!installed.has(child) || child === parent) return []
      return [{ parent, child, marker: dep.value.marker, extras: dep.value.extras.map(normalizeName) }]
    })
  )
}

/**
 * The extras each package was installed with: those asked for directly, then those its installed parents ask of
 * it, until nothing changes (an extra can switch on entries that ask for more extras).
 */
function activeExtras(items: ReportItem[], edges: Edge[], env: MarkerEnvironment): Map<string, Set<string>> {
  const active = new Map(items.map(i => [normalizeName(i.name), new Set(i.requestedExtras.map(normalizeName))]))
  for (let changed = true; changed;) {
    changed = false
    for (const edge of edges) {
      const childExtras = active.get(edge.child)
      if (!childExtras || !holds(edge.marker, env, active.get(edge.parent) ?? new Set())) continue
      for (const extra of edge.extras.filter(x => !childExtras.has(x))) {
        childExtras.add(extra)
        changed = true
      }
    }
  }
  return active
}

/**
 * Reads pip's installation report (`pip install --dry-run --report FILE`, format version 1) into the resolved set:
 * each item's name and version from its metadata, and its parents from the other items' Requires-Dist, with the
 * markers evaluated for the report's own environment and the extras each package was installed with. Throws when
 * the text is not such a report.
 */
export function parsePipReport(json: string): ResolvedPackage[] {
  const report: unknown = JSON.parse(json)
  if (!isRecord(report) || !Array.isArray(report.install)) throw new Error('not a pip installation report')
  const env = markerEnvironment(report)
  const items = report.install.map(readItem).filter((i): i is ReportItem => i !== undefined)
  const packages = new Map<string, ResolvedPackage>()
  for (const item of items) {
    const key = normalizeName(item.name)
    packages.set(key, {
      name: item.name,
      key,
      version: item.version,
      url: item.url,
      requested: item.requested,
      requiredBy: []
    })
  }
  const edges = edgesOf(items, new Set(packages.keys()))
  const extras = activeExtras(items, edges, env)
  for (const edge of edges) {
    const child = packages.get(edge.child)
    if (!child || child.requiredBy.includes(edge.parent)) continue
    if (holds(edge.marker, env, extras.get(edge.parent) ?? new Set())) child.requiredBy.push(edge.parent)
  }
  return [...packages.values()]
}
