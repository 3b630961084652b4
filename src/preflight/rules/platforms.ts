import { type Finding } from '../../core/finding.js'
import { type WheelPlatform } from '../../knowledge/index-types.js'
import { WHEEL_PLATFORMS } from '../../knowledge/platform-env.js'
import { platformOnly } from '../../knowledge/platform-only.js'
import { type Requirement } from '../../requirements/types.js'
import { type PreflightContext } from '../context.js'
import { changeLine, versionList, where } from '../fix.js'
import { allowedVersions } from '../tensorflow.js'
import { installable } from '../suggest.js'
import { minorOf, TENSORFLOW_PACKAGES } from '../../core/packages.js'
import { PLATFORM_LABELS, targetOn } from '../target.js'

// How each operating system's platforms are told apart in a PEP 508 marker.
const OS: { name: string; sys: string; platforms: [WheelPlatform, string][] }[] = [
  {
    name: 'linux',
    sys: 'linux',
    platforms: [
      ['linux-x86_64', 'x86_64'],
      ['linux-aarch64', 'aarch64']
    ]
  },
  {
    name: 'macos',
    sys: 'darwin',
    platforms: [
      ['macos-x86_64', 'x86_64'],
      ['macos-arm64', 'arm64']
    ]
  },
  { name: 'windows', sys: 'win32', platforms: [['windows-x86_64', 'AMD64']] }
]

/** A marker true exactly on the given platforms (of the ones the knowledge tells apart). */
export function markerFor(platforms: WheelPlatform[]): string {
  const parts = OS.map(os => {
    const mine = os.platforms.filter(([p]) => platforms.includes(p))
    if (mine.length === 0) return { os, term: '' }
    if (mine.length === os.platforms.length) return { os, term: `sys_platform == "${os.sys}"` }
    return { os, term: mine.map(([, m]) => `sys_platform == "${os.sys}" and platform_machine == "${m}"`).join(' or ') }
  })
  const full = parts.filter(p => p.term === `sys_platform == "${p.os.sys}"`)
  const none = parts.filter(p => p.term === '')
  // Everything but one whole operating system reads best as an exclusion.
  if (none.length === 1 && full.length === OS.length - 1) return `sys_platform != "${none[0].os.sys}"`
  const terms = parts.filter(p => p.term !== '').map(p => p.term)
  return terms.length === 1 ? terms[0] : terms.map(t => (t.includes(' and ') ? `(${t})` : t)).join(' or ')
}

const labels = (platforms: WheelPlatform[]) => platforms.map(p => PLATFORM_LABELS[p]).join(', ')

/** Platforms where some allowed release of a covered package has a wheel (or an sdist pip could try). */
function platformsWithFiles(ctx: PreflightContext, key: string, versions: string[]): WheelPlatform[] {
  const found = new Set<WheelPlatform>()
  for (const v of versions) {
    const files = ctx.index.filesOf(key, v)
    if (files?.sdist || files?.pure) return [...WHEEL_PLATFORMS]
    for (const p of files?.platforms ?? []) found.add(p)
  }
  return WHEEL_PLATFORMS.filter(p => found.has(p))
}

/** Which other requirement's release pulls the package on the platforms it is made for (a pin copied from a freeze). */
function pulledBy(ctx: PreflightContext, req: Requirement, platforms: WheelPlatform[]): string | undefined {
  const python = ctx.target?.python ?? ctx.python
  if (!python) return undefined
  for (const other of ctx.requirements) {
    if (other === req || other.key === req.key || other.url || !ctx.view.covers(other.key)) continue
    const newest = (allowedVersions(ctx, other.key) ?? []).pop()
    if (!newest) continue
    for (const p of platforms) {
      const deps = ctx.view.dependencies(other.key, newest, targetOn(p, python)) ?? []
      if (deps.some(d => d.name === req.key)) return other.name
    }
  }
  return undefined
}

/**
 * A requirement (without a marker that keeps it away) for a package with no wheel for this platform at all:
 * tensorflow-metal and tensorflow-macos (macOS arm64), tensorflow-intel (Windows), tensorflow-io-gcs-filesystem
 * after 0.31 (no Windows), NVIDIA's CUDA wheels (no macOS). Typical of a `pip freeze` taken on another machine.
 */
export function platformUnsupported(ctx: PreflightContext): Finding[] {
  if (!ctx.target) return []
  const seen = new Set<string>()
  return ctx.requirements.flatMap(req => {
    if (req.kind !== 'requirement' || req.url || seen.has(req.key)) return []
    seen.add(req.key)
    if (ctx.view.covers(req.key)) return covered(ctx, req)
    const rule = platformOnly(req.key)
    if (!rule || !rule.noWheels.includes(ctx.target!.platform)) return []
    const made = WHEEL_PLATFORMS.filter(p => !rule.noWheels.includes(p))
    return [
      finding(ctx, req, {
        named: req.name,
        platforms: made,
        marker: rule.marker,
        note: ` ${rule.note} (${rule.source}, read ${rule.seen})`
      })
    ]
  })
}

function covered(ctx: PreflightContext, req: Requirement): Finding[] {
  const versions = allowedVersions(ctx, req.key)
  if (!versions || versions.length === 0) return []
  const platforms = platformsWithFiles(ctx, req.key, versions)
  if (platforms.length === 0 || platforms.includes(ctx.target!.platform)) return []
  const named = req.specifier ? `${req.name} ${versionList(versions, 3)}` : req.name
  const marker = markerFor(platforms)
  return [
    finding(ctx, req, { named, platforms, marker, by: pulledBy(ctx, req, platforms), twin: twin(ctx, req, versions) })
  ]
}

/**
 * For a TensorFlow package, the other TensorFlow package that does build this minor for this platform
 * (tensorflow-macos on Apple silicon before 2.13, tensorflow-intel on Windows, tensorflow-cpu-aws on Linux arm64).
 */
function twin(ctx: PreflightContext, req: Requirement, versions: string[]): string | undefined {
  if (!TENSORFLOW_PACKAGES.includes(req.key)) return undefined
  const minors = new Set(versions.map(minorOf))
  for (const other of TENSORFLOW_PACKAGES.filter(p => p !== req.key && ctx.view.covers(p))) {
    const match = installable(ctx, other)
      .filter(v => minors.has(minorOf(v)))
      .pop()
    if (match) return `${other}==${match}`
  }
  return undefined
}

interface Made {
  named: string
  platforms: WheelPlatform[]
  marker: string
  /** The requirement that installs the package where it is needed. */
  by?: string
  /** The TensorFlow package to pin on this platform instead (`tensorflow-macos==2.10.0`). */
  twin?: string
  note?: string
}

function finding(ctx: PreflightContext, req: Requirement, { named, platforms, marker, by, twin, note }: Made): Finding {
  const combined = req.marker ? `(${req.marker}) and (${marker})` : marker
  const here = PLATFORM_LABELS[ctx.target!.platform]
  const drop = by
    ? ` Or drop the line: ${by} installs ${req.name} itself where it is needed.`
    : twin
      ? ` On ${here}, TensorFlow of that minor comes as \`${twin}\`: add it with the opposite marker.`
      : ''
  return {
    id: 'platform-unsupported',
    severity: 'error',
    title: `${req.name} has no wheel for ${PLATFORM_LABELS[ctx.target!.platform]}`,
    explanation:
      `${named} is published for ${labels(platforms)} only, so pip on ${PLATFORM_LABELS[ctx.target!.platform]} answers ` +
      '"Could not find a version that satisfies the requirement".' +
      (note ?? '') +
      ' A pin like this usually comes from a `pip freeze` taken on another machine.',
    fix: `Keep the line to the platforms it is made for: \`${req.name}${req.specifier}; ${combined}\`.${drop}`,
    locations: where(ctx, req),
    evidence: '',
    edits: [changeLine(ctx, req, req.specifier, combined)],
    stage: 'preflight',
    provenBy: 'install'
  }
}
