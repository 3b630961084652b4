import { readdirSync } from 'node:fs'
import * as path from 'node:path'
import { normalizeName } from '../requirements/names.js'
import { type ResolvedPackage } from './types.js'

/** A folder's entries, none when it does not exist. */
function entries(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** The venv's site-packages folders: `lib/pythonX.Y/site-packages` (POSIX), `Lib/site-packages` (Windows). */
function sitePackages(venv: string): string[] {
  const posix = entries(path.join(venv, 'lib'))
    .filter(d => d.startsWith('python'))
    .map(d => path.join(venv, 'lib', d, 'site-packages'))
  return [...posix, path.join(venv, 'Lib', 'site-packages')]
}

/**
 * What a venv already holds (the seeded setuptools of a Python ≤3.11 venv), from its `.dist-info` folder names.
 * An install keeps such a package when it satisfies the requirements, so the resolution must see it too: without
 * it, a resolution from scratch would report the newest setuptools where the install keeps the seeded one.
 */
export function installedPackages(python: string): ResolvedPackage[] {
  // The interpreter is VENV/bin/python (VENV\Scripts\python.exe on Windows).
  const venv = path.dirname(path.dirname(python))
  return sitePackages(venv).flatMap(distInfoPackages)
}

/**
 * The packages a folder holds by its `name-version.dist-info` folders (the name's own dashes are underscores there:
 * wheel file-name escaping): a site-packages folder, or an unpacked wheel in an installer's cache. None when the
 * folder cannot be read.
 */
export function distInfoPackages(dir: string): ResolvedPackage[] {
  return entries(dir).flatMap(n => {
    const m = /^([^-]+)-([^-]+)\.dist-info$/.exec(n)
    return m ? [{ name: m[1], key: normalizeName(m[1]), version: m[2], url: '', requested: false, requiredBy: [] }] : []
  })
}

/** The resolved set plus what the venv keeps that the resolution did not name (the venv after the install). */
export function withInstalled(resolved: ResolvedPackage[], installed: ResolvedPackage[]): ResolvedPackage[] {
  const keys = new Set(resolved.map(p => p.key))
  return [...resolved, ...installed.filter(p => !keys.has(p.key))]
}
