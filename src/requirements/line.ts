import { pathToFileURL } from 'node:url'
import * as path from 'node:path'
import {
  eggFragment,
  isArchive,
  isDir,
  isFile,
  isInstallableDir,
  isUrl,
  isVcsUrl,
  isWheel,
  linkFilename,
  looksLikePath,
  stripExtras,
  VCS_NAMES,
  wheelRequirement
} from './links.js'
import { canonicalMarker, parseMarker } from './markers.js'
import { type Pep508, parsePep508 } from './pep508.js'
import { pyStrip } from './py-text.js'

/** The parts of one requirement, before it is given a location. */
export interface ParsedRequirement {
  name: string
  extras: string[]
  /** Comma-joined specifiers as packaging prints each (`>=1.0,<2`), empty when unpinned. */
  specifier: string
  marker: string
  /** The direct reference (URL, path, VCS URL) as written, never with `${VAR}` expanded. */
  url: string
}

export type LineResult = { ok: true; value: ParsedRequirement } | { ok: false; message: string }

class Rejected extends Error {}

const reject = (message: string): never => {
  throw new Rejected(message)
}

const SHAPE =
  'pip expects one requirement per line, written as name[extras] followed by comparisons such as ==1.2, >=1,<2 ' +
  'or ~=1.4, then an optional ; marker'

function pep508(text: string, what: string): Pep508 {
  const parsed = parsePep508(text)
  if (!parsed.ok) return reject(`${what}: ${parsed.message}. ${SHAPE}`)
  return parsed.value
}

/** pip's convert_extras: `[a,b]` read as the extras of a placeholder requirement. */
function convertExtras(text: string | undefined): string[] {
  return text ? pep508(`placeholder${text.toLowerCase()}`, 'its extras are not valid').extras : []
}

/** pip's _get_url_from_path: an installable folder or an archive named by path becomes a link. */
function linkFromPath(file: string, name: string): boolean {
  if (looksLikePath(name) && isDir(file)) {
    if (isInstallableDir(file)) return true
    return reject(`the folder ${name} is not installable: it has neither setup.py nor pyproject.toml`)
  }
  if (!isArchive(file)) return false
  if (isFile(file)) return true
  const at = name.indexOf('@')
  return !(at >= 0 && !looksLikePath(name.slice(0, at)))
}

/** The requirement a link stands for: a wheel's name and version, else the `#egg=` name, else none. */
function linkRequirement(url: string, isPath: boolean): string | undefined {
  const filename = linkFilename(url, isPath)
  if (isWheel(filename)) {
    const wheel = wheelRequirement(filename)
    return wheel.ok ? wheel.text : reject(wheel.message)
  }
  return isPath ? undefined : eggFragment(url)
}

function splitMarker(text: string): [string, string] {
  const sep = isUrl(text) ? '; ' : ';'
  const at = text.indexOf(sep)
  return at < 0 ? [text, ''] : [text.slice(0, at), pyStrip(text.slice(at + sep.length))]
}

/** What pip's install_req_from_line makes of a (non-editable) requirement, all but the displayed URL. */
function interpretLine(text: string, cwd: string): ParsedRequirement {
  const [body, markerText] = splitMarker(text)
  if (markerText) {
    const marker = parseMarker(markerText)
    if (!marker.ok) reject(`its marker is not valid: ${marker.message}`)
  }
  const name = pyStrip(body)
  let link: { url: string; isPath: boolean } | undefined
  let extrasText: string | undefined
  if (isUrl(name)) link = { url: name, isPath: false }
  else {
    const [file, extras] = stripExtras(path.resolve(cwd, name))
    extrasText = extras
    if (linkFromPath(file, name)) link = { url: file, isPath: true }
  }
  const reqText = link ? linkRequirement(link.url, link.isPath) : name
  const extras = convertExtras(extrasText)
  const req = reqText === undefined ? undefined : pep508(reqText, 'not a valid requirement')
  return {
    name: req?.name ?? '',
    extras: extras.length > 0 ? extras : (req?.extras ?? []),
    specifier: req?.specifiers.join(',') ?? '',
    marker: markerText || (req?.marker ? canonicalMarker(req.marker) : ''),
    url: link ? link.url : (req?.url ?? '')
  }
}

/** What pip's parse_editable makes of an editable requirement (`-e VALUE`). */
function interpretEditable(text: string, cwd: string): ParsedRequirement {
  const direct = parsePep508(text)
  let name: string | undefined
  let url: string
  let extras: string[] = []
  if (direct.ok && direct.value.url) {
    const { marker } = direct.value
    name = marker ? `${direct.value.name} ; ${canonicalMarker(marker)}` : direct.value.name
    url = direct.value.url
    extras = direct.value.extras
  } else {
    const [bare, extrasText] = stripExtras(text)
    url = isDir(path.resolve(cwd, bare)) ? pathToFileURL(path.resolve(cwd, bare)).href : bare
    if (url.toLowerCase().startsWith('file:')) {
      name = eggFragment(url)
      extras = convertExtras(extrasText)
    } else {
      const vcs = VCS_NAMES.find(v => text.toLowerCase().startsWith(`${v}:`))
      url = vcs ? `${vcs}+${text}` : text
      name = eggFragment(url)
    }
  }
  if (!isVcsUrl(url) && !url.startsWith('file:')) {
    reject('not a valid editable requirement: it should be a path to a local project or a VCS URL')
  }
  if (!name && !url.startsWith('file:')) reject('pip cannot tell the project name: write it as name @ URL')
  const req = name ? pep508(name, 'not a valid requirement') : undefined
  return {
    name: req?.name ?? '',
    extras: extras.length > 0 ? extras : (req?.extras ?? []),
    specifier: req?.specifiers.join(',') ?? '',
    marker: req?.marker ? canonicalMarker(req.marker) : '',
    url
  }
}

/** The URL or path as the user wrote it: what is displayed, whatever `${VAR}` stands for. */
function writtenUrl(raw: string, editable: boolean): string {
  const [body] = editable ? [raw] : splitMarker(raw)
  const text = pyStrip(body)
  if (!editable && isUrl(text)) return text
  const parsed = parsePep508(text)
  if (parsed.ok && parsed.value.url) return parsed.value.url
  const [bare] = stripExtras(text)
  // An editable VCS URL keeps its trailing [extras] (pip reads them from the #egg= name); a path loses them.
  return editable && isUrl(bare) && !bare.toLowerCase().startsWith('file:') ? text : bare
}

/**
 * Reads one requirement as pip 25 would install it: `text` is what pip sees (variables expanded), `raw` the same
 * requirement as written, from which the displayed URL is taken. `cwd` is the installer's working directory, which
 * pip resolves relative paths against.
 */
export function interpretRequirement(text: string, raw: string, editable: boolean, cwd: string): LineResult {
  try {
    const value = editable ? interpretEditable(text, cwd) : interpretLine(text, cwd)
    return { ok: true, value: value.url ? { ...value, url: writtenUrl(raw, editable) } : value }
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, message: error.message }
    throw error
  }
}

/** Parses a requirement written by hand (an input, a line without variables) as pip would. */
export function parseRequirementLine(text: string, cwd: string = process.cwd()): LineResult {
  return interpretRequirement(text, text, false, cwd)
}

/** A PEP 508 dependency from pyproject.toml, read as packaging reads it (build backends do, not pip's line rules). */
export function parseDependency(text: string): LineResult {
  try {
    const req = pep508(text, 'not a valid requirement')
    const value: ParsedRequirement = {
      name: req.name,
      extras: req.extras,
      specifier: req.specifiers.join(','),
      marker: req.marker ? canonicalMarker(req.marker) : '',
      url: req.url
    }
    return { ok: true, value }
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, message: error.message }
    throw error
  }
}
