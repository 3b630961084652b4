import { compare } from '@renovatebot/pep440'
import { minorOf, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { type Target } from '../knowledge/ecosystem.js'
import { type Knowledge, type TensorflowMinor, type TensorflowRelease } from '../knowledge/types.js'
import { pinnedVersion } from '../versions/nearest.js'
import { overlaps } from '../versions/range.js'
import { type PreflightContext, type TensorflowInPlay } from './types.js'
import { isExactPin, namesPrerelease, readable, SpecMasks } from './resolve/specs.js'
import { targetOn } from './target.js'

/**
 * Minors outside the table behave as its nearest end: before 2.10 tf.keras is Keras 2 and numpy 1 is what the
 * wheels were built for; after the newest known minor, as the newest (Keras 3, tf-keras of the same minor).
 */
export function minorDefaults(knowledge: Knowledge, minor: string): TensorflowMinor | undefined {
  const minors = knowledge.tensorflow.minors
  if (!/^\d+\.\d+$/.test(minor) || minors.length === 0) return undefined
  const first = minors[0]
  const last = minors[minors.length - 1]
  if (compare(`${minor}.0`, `${first.minor}.0`) < 0)
    return { minor, tfKeras: 'keras2', legacySwitch: false, tfKerasPair: null, numpyAbi: 1, sources: [] }
  if (compare(`${minor}.0`, `${last.minor}.0`) > 0) return { ...last, minor, tfKerasPair: `~=${minor}.0`, sources: [] }
  return undefined
}

/** Where a release's requirements are read: this target when the release installs here, else its newest Python. */
function readingTarget(ctx: PreflightContext, flavour: string, version: string, pythons: string[]): Target | undefined {
  const t = ctx.target
  if (t && ctx.index.hasWheel(flavour, version, t.env.python_full_version ?? t.python, t.platform) === 'wheel') return t
  const python = pythons[pythons.length - 1]
  return python ? targetOn(t?.platform ?? 'linux-x86_64', python) : undefined
}

/**
 * A TensorFlow release's requirements as a map, followed through the platform package it pulls at the same
 * version (tensorflow → tensorflow-intel on Windows, tensorflow-cpu-aws on Linux arm64): that is where keras,
 * numpy and protobuf are required there.
 */
function requirementsOf(
  ctx: PreflightContext,
  flavour: string,
  version: string,
  target: Target
): Record<string, string> {
  const out: Record<string, string> = {}
  const add = (name: string, specifier: string) => {
    out[name] = out[name] && specifier ? `${out[name]},${specifier}` : out[name] || specifier
  }
  for (const dep of ctx.view.dependencies(flavour, version, target) ?? []) {
    if (TENSORFLOW_PACKAGES.includes(dep.name) && dep.name !== flavour) {
      const inner = ctx.view.dependencies(dep.name, pinnedVersion(dep.specifier) || version, target) ?? []
      for (const d of inner) if (!TENSORFLOW_PACKAGES.includes(d.name)) add(d.name, d.specifier)
    }
    add(dep.name, dep.specifier)
  }
  return out
}

/** One release of a TensorFlow package, as the rules read it, from the release history. */
export function tensorflowRelease(ctx: PreflightContext, flavour: string, version: string): TensorflowRelease {
  const platform = ctx.target?.platform ?? 'linux-x86_64'
  const python = ctx.index.pythonsWithWheels(flavour, version, platform) ?? []
  const target = readingTarget(ctx, flavour, version, python)
  const requires = target ? requirementsOf(ctx, flavour, version, target) : {}
  return { version, minor: minorOf(version), python, packages: [flavour], requires, source: 'index' }
}

const allowedMemo = new WeakMap<PreflightContext, Map<string, string[] | undefined>>()
const masksMemo = new WeakMap<object, SpecMasks>()

/** Specifier masks over a package's whole release list (one per list: the view keeps the lists). */
export function versionMasks(all: { version: string }[]): SpecMasks {
  let masks = masksMemo.get(all)
  if (!masks) masksMemo.set(all, (masks = new SpecMasks(all)))
  return masks
}

/** The versions of a package every line for it allows, as pip filters them (pre-releases and yanked ones). */
export function allowedVersions(ctx: PreflightContext, key: string): string[] | undefined {
  let memo = allowedMemo.get(ctx)
  if (!memo) allowedMemo.set(ctx, (memo = new Map()))
  if (!memo.has(key)) memo.set(key, computeAllowed(ctx, key))
  return memo.get(key)?.slice()
}

function computeAllowed(ctx: PreflightContext, key: string): string[] | undefined {
  const specs = [...new Set(ctx.requirements.filter(r => r.key === key).map(r => r.specifier))]
  if (!specs.every(readable)) return undefined
  const all = ctx.view.allVersions(key) ?? []
  const masks = versionMasks(all)
  const joint = new Uint8Array(all.length).fill(1)
  for (const spec of specs) masks.applyTo(joint, spec)
  const admitted = all.filter((_, i) => joint[i])
  const finals = admitted.filter(v => !v.pre)
  const allowed = specs.some(namesPrerelease) || finals.length === 0 ? admitted : finals
  const unyanked = allowed.filter(v => !v.yanked)
  return (unyanked.length > 0 || !specs.some(isExactPin) ? unyanked : allowed).map(v => v.version)
}

export function tensorflowInPlay(ctx: PreflightContext): TensorflowInPlay | undefined {
  const requirement = ctx.requirements.find(r => TENSORFLOW_PACKAGES.includes(r.key) && r.kind === 'requirement')
  if (!requirement || requirement.url || !ctx.view.covers(requirement.key)) return undefined
  const flavour = requirement.key
  const versions = allowedVersions(ctx, flavour)
  if (!versions) return undefined
  const allowed = versions.map(v => tensorflowRelease(ctx, flavour, v))
  const t = ctx.target
  const installable = t
    ? allowed.filter(
        r => ctx.index.hasWheel(flavour, r.version, t.env.python_full_version ?? t.python, t.platform) === 'wheel'
      )
    : allowed.filter(r => !ctx.python || r.python.includes(ctx.python))
  const pinned = ctx.requirements.some(r => r.key === flavour && r.specifier !== '')
  const picked = ctx.resolution?.status === 'resolved' ? ctx.resolution.chosen.get(flavour) : undefined
  const chosen = picked ? tensorflowRelease(ctx, flavour, picked.version) : undefined
  const candidates = chosen ? [chosen] : installable
  return { requirement, flavour, pinned, allowed, candidates, chosen, newest: installable[installable.length - 1] }
}

/**
 * Why the resolver's TensorFlow is older than the newest one its own lines allow here, for explanations judged on
 * the picked set: the first of the user's lines that excludes what the newest release requires.
 */
export function pickNote(ctx: PreflightContext): string {
  const tf = ctx.tensorflow
  if (!tf?.chosen || !tf.newest || tf.chosen.version === tf.newest.version) return ''
  const needs = tf.newest.requires
  const blocker = ctx.requirements.find(
    r => r.specifier && needs[r.key] !== undefined && overlaps(r.specifier, needs[r.key]) === false
  )
  const why = blocker
    ? `\`${blocker.raw}\` excludes the ${blocker.key}${needs[blocker.key]} that ${tf.newest.version} requires`
    : 'the other requirements exclude the newer releases'
  return ` pip and uv pick ${tf.flavour} ${tf.chosen.version} here, not ${tf.newest.version}: ${why}.${assumptions(ctx)}`
}

/**
 * What a verdict on the picked set took for granted: requirements outside the knowledge (their own requirements are
 * unknown, so they are taken to ask nothing of the TensorFlow family) and what the resolver could not read.
 */
export function assumptions(ctx: PreflightContext): string {
  const names = [...new Set(ctx.unknown.map(r => (r.name ? r.name : `\`${r.raw}\``)))]
  const notes = [...(ctx.resolution?.assumed ?? [])]
  if (names.length > 0) {
    const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ')
    notes.unshift(
      `${shown} (outside keras-compat's knowledge) ask${names.length === 1 ? 's' : ''} nothing of these packages`
    )
  }
  return notes.length > 0 ? ` Assumed: ${notes.join('; ')}.` : ''
}
