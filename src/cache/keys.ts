import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

export interface KeyParts {
  os: string
  arch: string
  /** Full version: wheels differ between 3.11.7 and 3.11.9 builds rarely, but a cache must never mix them. */
  python: string
  installer: string
  installerVersion: string
  /** Every requirement file read (includes too), and what changes the set without a file (extras, groups, overrides). */
  files: string[]
  overrides: string[]
}

const PREFIX = 'keras-compat-v1'

/** The primary key (with the requirements hash) and the restore key (without it: the nearest earlier cache). */
export function cacheKeys(parts: KeyParts): { primary: string; restore: string[] } {
  const hash = createHash('sha256')
  for (const file of [...parts.files].sort()) {
    hash.update(file)
    hash.update(existsSync(file) ? readFileSync(file) : '')
  }
  for (const o of parts.overrides) hash.update(`\n${o}`)
  const base = `${PREFIX}-${parts.os}-${parts.arch}-py${parts.python}-${parts.installer}${parts.installerVersion}-`
  return { primary: base + hash.digest('hex').slice(0, 24), restore: [base] }
}

/** The key parts of the installer's cache: what decides the wheels it holds and the bytecode compiled from them. */
export function installerKeyParts(input: {
  python: string
  installer: string
  installerVersion: string
  files: string[]
  extraPackages: string[]
  extras: string[]
  groups: string[]
}): KeyParts {
  return {
    os: process.platform,
    arch: process.arch,
    python: input.python,
    installer: input.installer,
    installerVersion: input.installerVersion,
    files: [...new Set(input.files)],
    overrides: [...input.extraPackages, ...input.extras.map(e => `extra:${e}`), ...input.groups.map(g => `group:${g}`)]
  }
}

/** The key parts of the bootstrapped uv's folder: its version is all that decides it. */
export function toolsKeyParts(uvVersion: string): KeyParts {
  return {
    os: process.platform,
    arch: process.arch,
    python: '',
    installer: 'uv',
    installerVersion: uvVersion,
    files: [],
    overrides: ['tools']
  }
}

/** Events whose caches an untrusted fork could poison for the default branch: restore only, never save. */
export const NO_SAVE_EVENTS = ['pull_request_target', 'workflow_run']
