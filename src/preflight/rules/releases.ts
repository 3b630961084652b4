import { type Finding } from '../../core/finding.js'
import { comparePythons } from '../../knowledge/coverage.js'
import { type Requirement } from '../../requirements/types.js'
import { nearestVersions, pinnedVersion } from '../../versions/nearest.js'
import { intersect, isEmpty, parseRange } from '../../versions/range.js'
import { chosenVersion, type PreflightContext } from '../context.js'
import { changeLine, versionList, where } from '../fix.js'
import { parseSpecifier, parseVersion } from '../../knowledge/pep440.js'
import { installable, nearestInstallable, runLabel } from '../suggest.js'
import { allowedVersions, versionMasks } from '../tensorflow.js'
import { PLATFORM_LABELS } from '../target.js'

/** The first requirement line of each package the knowledge covers (direct references aside). */
export function coveredLines(ctx: PreflightContext): Requirement[] {
  const seen = new Set<string>()
  return ctx.requirements.filter(
    r =>
      r.kind === 'requirement' && !r.url && ctx.view.covers(r.key) && !seen.has(r.key) && seen.add(r.key) !== undefined
  )
}

/** Where a range starts (`>=2.16.0,<2.16.1` → 2.16.0): the fix looks for the release nearest to it. */
function lowerBound(specifier: string): string | undefined {
  return parseRange(specifier)?.intervals[0]?.lower?.version
}

/** Whether the user's lines for a package admit any release the index ever had (else version-not-found speaks). */
export function anyRelease(ctx: PreflightContext, key: string): boolean {
  const specs = [...new Set(ctx.requirements.filter(r => r.key === key).map(r => r.specifier))]
  const masks = versionMasks(ctx.view.allVersions(key) ?? [])
  const joint = specs.map(s => masks.mask(s))
  return masks.offers.some((_, i) => joint.every(m => m[i] === 1))
}

/** A range past the newest release, within its major series: the release may have come out since the data was read. */
function mayComeLater(versions: string[], specifier: string): boolean {
  const newest = versions[versions.length - 1]
  const range = parseRange(specifier)
  const major = parseVersion(newest ?? '')?.written[0]
  if (!newest || !range || major === undefined) return false
  return !isEmpty(intersect(range, parseRange(`>${newest},<${major + 1}`)!))
}

function matchesAny(ctx: PreflightContext, key: string, specifier: string): boolean {
  if (!parseSpecifier(specifier)) return true // unreadable: the parse-error and the installer speak for it
  return versionMasks(ctx.view.allVersions(key) ?? []).admitsAny(specifier)
}

/**
 * A pin (exact or range) of a covered package that no release on the index matches: never released, or removed
 * since. A version past the newest known one within its major series is left to the installer (it may be new).
 */
export function versionNotFound(ctx: PreflightContext): Finding[] {
  // A pin repeated on many lines is looked up once (a file may repeat one 50,000 times).
  const seen = new Set<string>()
  const installed = new Set(ctx.requirements.filter(r => r.kind === 'requirement').map(r => r.key))
  return ctx.requirements.flatMap(req => {
    const id = `${req.key} ${req.specifier}`
    if (!req.specifier || req.url || !installed.has(req.key) || seen.has(id) || !ctx.view.covers(req.key)) return []
    seen.add(id)
    if (matchesAny(ctx, req.key, req.specifier)) return []
    const wanted = pinnedVersion(req.specifier)
    const removed = wanted ? ctx.index.removedFromIndex(req.key, wanted) : undefined
    const finals = (ctx.view.allVersions(req.key) ?? []).filter(v => !v.pre).map(v => v.version)
    if (!removed && mayComeLater(finals, req.specifier)) return []
    return [notFound(ctx, req, wanted, finals, removed)]
  })
}

function notFound(
  ctx: PreflightContext,
  req: Requirement,
  wanted: string,
  finals: string[],
  removed: { source: string; note: string } | undefined
): Finding {
  const suggestion = nearestInstallable(ctx, req.key, wanted || lowerBound(req.specifier))
  const near = wanted ? nearestVersions(wanted, finals) : finals.slice(-3)
  const title = removed
    ? `${req.name} ${wanted} was removed from the index`
    : wanted
      ? `${req.name} ${wanted} was never released`
      : `No ${req.name} release matches \`${req.specifier}\``
  const explanation = removed
    ? `The index once offered ${req.name} ${wanted} and no longer does (${removed.note}; ${removed.source}), so pip cannot find it.`
    : wanted
      ? `The index has no ${req.name} ${wanted}; the nearest releases are ${near.join(', ')}.`
      : `${req.name} has releases up to ${finals[finals.length - 1]} (index read ${ctx.index.gathered()}); none matches \`${req.specifier}\`, so pip cannot install it.`
  const onThis = ctx.target ? ` (it has a wheel for ${runLabel(ctx)})` : ''
  return {
    id: 'version-not-found',
    severity: 'error',
    title,
    explanation,
    fix: suggestion
      ? `Pin a real release, e.g. \`${req.name}==${suggestion}\`${onThis}.`
      : `Drop the ${req.name} line.`,
    locations: where(ctx, req),
    evidence: '',
    edits: suggestion ? [changeLine(ctx, req, `==${suggestion}`)] : undefined,
    stage: 'preflight',
    provenBy: 'install'
  }
}

/** Every Python minor with a wheel of any of the versions on this platform, in order. */
function pythonsFor(ctx: PreflightContext, key: string, versions: string[]): string[] {
  const platform = ctx.target!.platform
  const all = new Set(versions.flatMap(v => ctx.index.pythonsWithWheels(key, v, platform) ?? []))
  return [...all].sort(comparePythons)
}

/** The Python nearest the run's among those with wheels: what the fix and the second look use. */
export function nearestPython(pythons: string[], python: string): string | undefined {
  const above = pythons.find(p => comparePythons(p, python) > 0)
  const below = [...pythons].reverse().find(p => comparePythons(p, python) < 0)
  return comparePythons(python, pythons[pythons.length - 1] ?? python) > 0 ? below : (above ?? below)
}

function subject(req: Requirement, versions: string[]): string {
  if (!req.specifier) return `No ${req.name} release`
  return `${req.name} ${versionList(versions, 3)}`
}

/**
 * A covered package whose allowed releases have no wheel for this Python (on this platform; other platforms are
 * platform-unsupported's), or whose chosen release would be built from source here.
 */
export function pythonUnsupported(ctx: PreflightContext): Finding[] {
  if (!ctx.target) return []
  return coveredLines(ctx).flatMap(req => {
    const versions = allowedVersions(ctx, req.key)
    if (!versions || versions.length === 0) return []
    const offers = (ctx.view.offered(req.key, ctx.target!) ?? []).filter(o => versions.includes(o.version))
    if (offers.length === 0) {
      const pythons = pythonsFor(ctx, req.key, versions)
      return pythons.length > 0 ? [noWheel(ctx, req, versions, pythons)] : []
    }
    // A source build matters only for the release pip will really take (in a set that cannot resolve, it takes none).
    const version = chosenVersion(ctx, req.key)
    const offer = version ? offers.find(o => o.version === version) : undefined
    return offer?.availability === 'sdist-only' ? sourceBuild(ctx, req, offer.version) : []
  })
}

function noWheel(ctx: PreflightContext, req: Requirement, versions: string[], pythons: string[]): Finding {
  const python = nearestPython(pythons, ctx.target!.python)!
  const move = nearestInstallable(ctx, req.key, versions[0])
  const named = subject(req, versions)
  const moveText = move
    ? `, or move to a release built for Python ${ctx.target!.python}, e.g. \`${req.name}==${move}\``
    : ''
  return {
    id: 'python-unsupported',
    severity: 'error',
    title: `${named} has no wheel for Python ${ctx.target!.python}`,
    explanation:
      `${req.specifier ? `${req.name} ${versionList(versions)} was` : `${req.name} releases were`} published for Python ` +
      `${pythons.join(', ')} on ${PLATFORM_LABELS[ctx.target!.platform]}; this run uses Python ${ctx.target!.python}, so pip ` +
      'will answer "Could not find a version that satisfies the requirement".',
    fix: `Use Python ${python} (e.g. actions/setup-python with python-version: '${python}')${moveText}.`,
    locations: where(ctx, req),
    evidence: '',
    edits: move && req.specifier ? [changeLine(ctx, req, `==${move}`)] : undefined,
    stage: 'preflight',
    provenBy: 'install'
  }
}

/** The release pip takes has only an sdist here: it builds it, which a compiled package rarely survives. */
function sourceBuild(ctx: PreflightContext, req: Requirement, version: string): Finding[] {
  const info = ctx.index.release(req.key, version)
  if (!info || info.pure || Object.keys(info.wheels).length === 0) return [] // pure: builds anywhere; no wheels at all: a stub
  const own = info.wheels[ctx.target!.platform] ?? []
  const predates = own.length > 0 && comparePythons(own[own.length - 1], ctx.target!.python) < 0
  const move = installable(ctx, req.key)
    .filter(v => versionsAllow(ctx, req, v))
    .pop()
  return [
    {
      id: 'python-unsupported',
      severity: predates ? 'error' : 'warning',
      title: `${req.name} ${version} has no wheel for Python ${ctx.target!.python}: pip will build it from source`,
      explanation:
        `${req.name} ${version} has wheels for Python ${own.join(', ') || 'other platforms only'} on ${PLATFORM_LABELS[ctx.target!.platform]}, ` +
        `so pip downloads its source and compiles it, which needs a C/C++ toolchain and the package's build requirements. ` +
        (predates
          ? `The release predates Python ${ctx.target!.python}; such builds generally fail.`
          : 'That is slow, and fails without the toolchain.'),
      fix: move
        ? `Pin a release with a wheel for Python ${ctx.target!.python}, e.g. \`${req.name}==${move}\`.`
        : `Use a Python ${req.name} ${version} publishes wheels for (${own.join(', ')}).`,
      locations: where(ctx, req),
      evidence: '',
      edits: move ? [changeLine(ctx, req, `==${move}`)] : undefined,
      stage: 'preflight',
      provenBy: 'install'
    }
  ]
}

/** A release the line itself allows (a fix that keeps the user's range when it can). */
function versionsAllow(ctx: PreflightContext, req: Requirement, version: string): boolean {
  return (allowedVersions(ctx, req.key) ?? []).includes(version)
}

/** tensorflow-gpu: since 2.12 an sdist that fails on purpose; earlier releases were real wheels. */
export function tensorflowGpu(ctx: PreflightContext): Finding[] {
  const req = coveredLines(ctx).find(r => r.key === 'tensorflow-gpu')
  const versions = req && allowedVersions(ctx, req.key)
  if (!req || !versions || versions.length === 0) return []
  const offered = ctx.target
    ? (ctx.view.offered(req.key, ctx.target) ?? []).filter(o => versions.includes(o.version))
    : []
  const version = chosenVersion(ctx, req.key) ?? offered[offered.length - 1]?.version ?? versions[versions.length - 1]
  const files = ctx.index.filesOf(req.key, version)
  if (!files) return []
  const stub = files.sdist && files.platforms.length === 0 && !files.pure
  const lastReal = (ctx.view.allVersions(req.key) ?? [])
    .filter(v => !v.pre && (ctx.index.filesOf(req.key, v.version)?.platforms.length ?? 0) > 0)
    .pop()?.version
  const cuda = ctx.target?.platform.startsWith('linux') ?? true
  const replacement = `tensorflow${cuda ? '[and-cuda]' : ''}`
  return [
    {
      id: 'tensorflow-gpu-deprecated',
      severity: stub ? 'error' : 'info',
      title: stub
        ? `tensorflow-gpu ${version} is a deprecation stub: it does not install`
        : `tensorflow-gpu ${version} is a real release, but the package ended at ${lastReal}`,
      explanation: stub
        ? `tensorflow-gpu ${version} is only a source package whose build stops with ` +
          '"The \\"tensorflow-gpu\\" package has been deprecated!" (every tensorflow-gpu release after ' +
          `${lastReal} is). The regular tensorflow package has included GPU support since 2.1.`
        : `Releases up to ${lastReal} were real GPU builds and still install where they have wheels. Newer TensorFlow ` +
          'ships GPU support in the tensorflow package itself.',
      fix: `Use \`${replacement}\`${cuda ? ' (Linux with NVIDIA GPUs, TensorFlow 2.14+)' : ''} or \`tensorflow-cpu\`.`,
      locations: where(ctx, req),
      evidence: '',
      edits: stub ? [{ ...changeLine(ctx, req, req.specifier), after: `${replacement}${req.specifier}` }] : undefined,
      stage: 'preflight',
      provenBy: stub ? 'install' : undefined
    }
  ]
}
