import { explain } from '@renovatebot/pep440'
import { statSync } from 'node:fs'
import * as path from 'node:path'
import { normalizeName } from './names.js'
import { isPySpace } from './py-text.js'

/**
 * How pip 25 tells URLs and paths from requirement specifiers, and names what they point at: the scheme test of
 * `is_url` (Python's urlsplit), `#egg=` fragments, wheel file names, archive extensions and installable folders
 * (pip/_internal/req/constructors.py, models/link.py, models/wheel.py).
 */

// pip's VCS schemes (pip/_internal/vcs), after http(s), file and ftp.
const URL_SCHEMES = new Set([
  'http',
  'https',
  'file',
  'ftp',
  ...['http', 'https', 'ssh', 'sftp', 'ftp', 'lp', 'file'].map(s => `bzr+${s}`),
  ...['http', 'https', 'ssh', 'git', 'file'].map(s => `git+${s}`),
  ...['file', 'http', 'https', 'ssh', 'static-http'].map(s => `hg+${s}`),
  ...['ssh', 'http', 'https', 'svn', 'file'].map(s => `svn+${s}`)
])
export const VCS_NAMES = ['bzr', 'git', 'hg', 'svn']

/** What urlsplit reads: leading C0 controls and spaces dropped, and every tab, CR and LF removed. */
function urlText(text: string): string {
  let start = 0
  while (start < text.length && text.charCodeAt(start) <= 0x20) start++
  return text.slice(start).replace(/[\t\r\n]/g, '')
}

/** The scheme Python's urllib.parse.urlsplit finds (lower case), or ''. */
export function urlScheme(text: string): string {
  const url = urlText(text)
  const colon = url.indexOf(':')
  if (colon <= 0 || !/^[A-Za-z]/.test(url)) return ''
  const scheme = url.slice(0, colon)
  return /^[A-Za-z0-9+.-]+$/.test(scheme) ? scheme.toLowerCase() : ''
}

export function isUrl(text: string): boolean {
  return URL_SCHEMES.has(urlScheme(text))
}

export function isVcsUrl(text: string): boolean {
  const scheme = urlScheme(text)
  return scheme.includes('+') && URL_SCHEMES.has(scheme)
}

/** The `#egg=` / `&egg=` value of a URL, if any (pip's Link.egg_fragment). */
export function eggFragment(url: string): string | undefined {
  return /[#&]egg=([^&]*)/.exec(url)?.[1]
}

/** The path part of a URL, percent-decoded (urlsplit, then unquote). */
function urlPath(url: string): string {
  let rest = urlText(url)
  if (urlScheme(rest)) rest = rest.slice(rest.indexOf(':') + 1)
  if (rest.startsWith('//')) {
    const cut = rest.slice(2).search(/[/?#]/)
    rest = cut < 0 ? '' : rest.slice(2 + cut)
  }
  rest = rest.split('#')[0].split('?')[0]
  try {
    return decodeURIComponent(rest)
  } catch {
    return rest
  }
}

/** pip's splitext: like posixpath.splitext, with `.tar` kept in front of a compressed extension. */
function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.')
  let leading = 0
  while (name[leading] === '.') leading++
  // A name that is only dots before its last dot has no extension (`.bashrc`).
  if (dot < leading) return [name, '']
  let base = name.slice(0, dot)
  let ext = name.slice(dot)
  if (base.toLowerCase().endsWith('.tar')) {
    ext = base.slice(-4) + ext
    base = base.slice(0, -4)
  }
  return [base, ext]
}

/** The file name a link points at (the last path segment). */
export function linkFilename(url: string, isPath: boolean): string {
  const p = (isPath ? url : urlPath(url)).replace(/\/+$/, '')
  return p.slice(p.lastIndexOf('/') + 1)
}

export function isWheel(filename: string): boolean {
  return splitExt(filename)[1] === '.whl'
}

const ARCHIVES = [
  '.zip',
  '.whl',
  '.tar.bz2',
  '.tbz',
  '.tar.gz',
  '.tgz',
  '.tar',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma'
]

export function isArchive(file: string): boolean {
  return ARCHIVES.includes(splitExt(path.basename(file))[1].toLowerCase())
}

/** A wheel's project name (normalised) and version (normalised), as pip's Wheel class reads the file name. */
export function wheelRequirement(filename: string): { ok: true; text: string } | { ok: false; message: string } {
  const bad = (why: string) => ({
    ok: false as const,
    message: `"${filename}" is not a valid wheel file name (${why})`
  })
  const stem = filename.slice(0, -'.whl'.length)
  const dashes = stem.split('-').length - 1
  if (dashes !== 4 && dashes !== 5) return bad('wrong number of parts')
  const [name, version, build] = stem.split('-')
  if (name.includes('__') || !/^[\p{L}\p{N}_.]*$/u.test(name)) return bad('invalid project name')
  const parts = explain(version)
  if (!parts) return bad('invalid version')
  if (dashes === 5 && !/^\p{Nd}/u.test(build)) return bad('invalid build number')
  return { ok: true, text: `${normalizeName(name)}==${parts.public}${parts.local ? `+${parts.local}` : ''}` }
}

function stat(file: string) {
  try {
    return statSync(file, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

export const isDir = (file: string) => stat(file)?.isDirectory() === true
export const isFile = (file: string) => stat(file)?.isFile() === true

/** A folder pip can install: it holds pyproject.toml or setup.py. */
export function isInstallableDir(dir: string): boolean {
  return isDir(dir) && (isFile(path.join(dir, 'pyproject.toml')) || isFile(path.join(dir, 'setup.py')))
}

/** pip's _looks_like_path: a path separator of this OS in it (`/`, and `\\` on Windows), or a leading dot. */
export function looksLikePath(name: string): boolean {
  return name.includes('/') || (path.sep === '\\' && name.includes('\\')) || name.startsWith('.')
}

/**
 * pip's _strip_extras (`^(.+)(\[[^\]]+\])$`): a trailing `[...]` split off. Written out by hand so that a long line
 * full of brackets or spaces stays linear.
 */
export function stripExtras(text: string): [string, string | undefined] {
  const n = text.length
  if (n < 4 || text[n - 1] !== ']') return [text, undefined]
  const newline = text.indexOf('\n')
  const open = text.lastIndexOf('[', Math.min(n - 3, newline < 0 ? n : newline))
  if (open < 1 || text.lastIndexOf(']', n - 2) > open) return [text, undefined]
  let end = open
  while (end > 0 && isPySpace(text[end - 1])) end--
  return [text.slice(0, end), text.slice(open)]
}
