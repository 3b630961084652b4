import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type InstallPlan } from '../install/installer.js'
import { type Resolution } from '../install/types.js'

/**
 * The last resolution of the same inputs, kept between runs beside the installer's cache. The early install takes
 * it as its pins (`--no-deps`: no resolving of its own, 0.1-0.3 s less on a TensorFlow set), and the venv it leaves
 * is kept only if it holds exactly what this run's resolution picks. So a stale, foreign or edited file costs time,
 * never the verdict; and only plain `name==version` lines are ever read back, so the file cannot carry an installer
 * option, a path or a URL into the install.
 */
export interface LastPins {
  /** A checked copy of the last resolution's pins in the run's folder, or undefined when there is none to use. */
  file?: string
  /** Keeps this run's resolution for the next run of the same inputs; a failure to write is no error (a hint only). */
  save(resolution: Resolution): void
}

/** What identifies the inputs, beside the interpreter: the install's files, overrides and extra packages. */
export interface PinsIdentity {
  /** The interpreter's version and machine: pins are for one Python on one platform. */
  python: string
  plan: Pick<InstallPlan, 'files' | 'overridesFile' | 'extraPackages'>
}

const PIN_LINE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?==[A-Za-z0-9][A-Za-z0-9.+!_-]*$/
// uv's annotations ("    # via tensorflow") and blank lines.
const NOTE_LINE = /^\s*(?:#.*)?$/
const MAX_BYTES = 1_000_000

/**
 * The key of the inputs' content (not their paths: the work folder's name changes); undefined if one is unreadable.
 * A file that only an input includes is not in it: when it alone changed, the pins name another set, and the venv
 * they give is made again like any other that is not the resolved set.
 */
export function pinsKey(identity: PinsIdentity): string | undefined {
  const hash = createHash('sha256').update(`python ${identity.python}\n`)
  try {
    for (const file of [...identity.plan.files, ...(identity.plan.overridesFile ? [identity.plan.overridesFile] : [])])
      hash.update(`file\n${readFileSync(file, 'utf8')}\n`)
  } catch {
    return undefined
  }
  for (const text of identity.plan.extraPackages) hash.update(`package ${text}\n`)
  return hash.digest('hex').slice(0, 32)
}

/** The pins of a stored file, or undefined when any line is more than a pin or a note. */
export function readPins(text: string): string[] | undefined {
  if (text.length > MAX_BYTES) return undefined
  const lines = text.split(/\r?\n/)
  if (!lines.every(line => PIN_LINE.test(line.trim()) || NOTE_LINE.test(line))) return undefined
  const pins = lines.map(line => line.trim()).filter(line => PIN_LINE.test(line))
  return pins.length > 0 ? pins : undefined
}

/** The last resolution of these inputs in `store`, copied (pins only) into `scratchDir`; and how to keep this one's. */
export function lastPins(store: string, identity: PinsIdentity, scratchDir: string): LastPins {
  const key = pinsKey(identity)
  if (!key) return { save: () => undefined }
  const stored = path.join(store, `${key}.txt`)
  return { file: usableCopy(stored, path.join(scratchDir, 'last-pins.txt')), save: r => keep(r, store, stored) }
}

function usableCopy(stored: string, copy: string): string | undefined {
  let text: string
  try {
    text = readFileSync(stored, 'utf8')
  } catch {
    return undefined
  }
  const pins = readPins(text)
  if (!pins) return undefined
  writeFileSync(copy, pins.join('\n') + '\n')
  return copy
}

function keep(resolution: Resolution, store: string, stored: string): void {
  if (!resolution.ok || resolution.unavailable || !resolution.pinned) return
  try {
    const text = readFileSync(resolution.pinned, 'utf8')
    if (!readPins(text)) return
    mkdirSync(store, { recursive: true })
    // Written whole, then renamed: a run reading it meanwhile sees the old file or the new one, never half of one.
    const partial = `${stored}.${process.pid}.partial`
    writeFileSync(partial, text)
    renameSync(partial, stored)
  } catch {
    // A hint only: the next run resolves the inputs itself.
  }
}
