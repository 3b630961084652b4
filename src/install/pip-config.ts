import { existsSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import { pathsFor } from '../util/platform-paths.js'

export interface IndexSettings {
  indexUrl?: string
  extraIndexUrls: string[]
  findLinks: string[]
}

/** pip's configuration files for a platform, lowest priority first (global, user, then PIP_CONFIG_FILE's). */
export function pipConfigCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] {
  if (env.PIP_CONFIG_FILE === os.devNull) return []
  const p = pathsFor(platform)
  const home = env.HOME || env.USERPROFILE || os.homedir()
  const files =
    platform === 'win32'
      ? [p.join(env.ProgramData ?? 'C:\\ProgramData', 'pip', 'pip.ini'), p.join(env.APPDATA ?? home, 'pip', 'pip.ini')]
      : [
          ...(env.XDG_CONFIG_DIRS || '/etc/xdg').split(p.delimiter).map(d => p.join(d, 'pip', 'pip.conf')),
          '/etc/pip.conf',
          p.join(home, '.pip', 'pip.conf'),
          ...(platform === 'darwin' ? [p.join(home, 'Library', 'Application Support', 'pip', 'pip.conf')] : []),
          p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), 'pip', 'pip.conf')
        ]
  if (env.PIP_CONFIG_FILE) files.push(env.PIP_CONFIG_FILE)
  return files
}

/** The [global] and [install] values of an INI file (continuation lines joined, as pip's configparser reads it). */
function readIni(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  let section = ''
  let last = ''
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue
    const header = /^\s*\[([^\]]+)\]/.exec(line)
    if (header) {
      section = header[1].trim()
      continue
    }
    if (section !== 'global' && section !== 'install') continue
    const kv = /^\s*([\w-]+)\s*[=:]\s*(.*)$/.exec(line)
    if (kv && !/^\s/.test(line)) {
      last = kv[1].replace(/_/g, '-')
      out[last] = kv[2].trim()
    } else if (last) out[last] = `${out[last]} ${line.trim()}`
  }
  return out
}

const words = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean)

/** The index settings pip would use here: its config files, overridden by PIP_* variables. */
export function pipIndexSettings(env: NodeJS.ProcessEnv): IndexSettings {
  const merged: Record<string, string> = {}
  for (const file of pipConfigCandidates(env).filter(f => existsSync(f)))
    Object.assign(merged, readIni(readFileSync(file, 'utf8')))
  return {
    indexUrl: env.PIP_INDEX_URL || merged['index-url'] || undefined,
    extraIndexUrls: words(env.PIP_EXTRA_INDEX_URL ?? merged['extra-index-url']),
    findLinks: words(env.PIP_FIND_LINKS ?? merged['find-links'])
  }
}

/**
 * uv reads no pip configuration. So that `installer: auto` never quietly bypasses a private index or mirror the
 * runner set up for pip, pip's settings become uv's, unless uv has its own. Local directories in find-links stay
 * as they are; uv accepts them too.
 */
export function uvIndexEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.UV_INDEX_URL || env.UV_DEFAULT_INDEX || env.UV_INDEX || env.UV_EXTRA_INDEX_URL || env.UV_FIND_LINKS) return {}
  const pip = pipIndexSettings(env)
  const out: NodeJS.ProcessEnv = {}
  if (pip.indexUrl) out.UV_DEFAULT_INDEX = pip.indexUrl
  if (pip.extraIndexUrls.length > 0) {
    out.UV_INDEX = pip.extraIndexUrls.join(' ')
    // pip takes the best version across all its indexes; uv's default stops at the first index with the name.
    out.UV_INDEX_STRATEGY = 'unsafe-best-match'
  }
  if (pip.findLinks.length > 0) out.UV_FIND_LINKS = pip.findLinks.join(',')
  return out
}
