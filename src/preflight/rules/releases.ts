import { compare, valid } from '@renovatebot/pep440'
import { nearestVersions, pinnedVersion } from '../../versions/nearest.js'
import { type Finding } from '../../core/finding.js'
import { type PreflightContext } from '../context.js'
import { changeLine, versionList, where } from '../fix.js'

/** An exact pin of a version the index never published (e.g. tensorflow==2.16.0), with the real ones nearby. */
export function versionNotFound(ctx: PreflightContext): Finding[] {
  // A pin repeated on many lines is looked up once (a file may repeat one 50,000 times).
  const unknown = new Map<string, boolean>()
  const neverReleased = (key: string, released: string[], wanted: string) => {
    const id = `${key} ${wanted}`
    if (!unknown.has(id)) {
      // Newer than anything the table knows: it may have been released since. Only the index can tell (at install).
      const newestKnown = [...released].sort(compare)[released.length - 1]
      unknown.set(id, !released.some(v => compare(v, wanted) === 0) && compare(wanted, newestKnown) <= 0)
    }
    return unknown.get(id)
  }
  return ctx.requirements.flatMap(req => {
    const released = ctx.knowledge.released[req.key]
    const wanted = pinnedVersion(req.specifier)
    if (!released || released.length === 0 || !valid(wanted) || req.url) return []
    if (!neverReleased(req.key, released, wanted)) return []
    const near = nearestVersions(wanted, released)
    const suggestion = near.find(v => compare(v, wanted) > 0) ?? near[near.length - 1]
    return [
      {
        id: 'version-not-found' as const,
        severity: 'error' as const,
        title: `${req.name} ${wanted} was never released`,
        explanation: `The index has no ${req.name} ${wanted}; the nearest releases are ${near.join(', ')}.`,
        fix: `Pin a real release, e.g. \`${req.name}==${suggestion}\`.`,
        locations: where(ctx, req),
        evidence: '',
        edits: [changeLine(ctx, req, `==${suggestion}`)],
        stage: 'preflight' as const,
        provenBy: 'install' as const
      }
    ]
  })
}

/** The pinned TensorFlow exists, but not for this Python. */
export function pythonUnsupported(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  if (!tf || !ctx.python || !tf.pinned || tf.allowed.length === 0 || tf.candidates.length > 0) return []
  const pythons = [...new Set(tf.allowed.flatMap(r => r.python))].sort((a, b) => compare(`${a}.0`, `${b}.0`))
  const forThisPython = ctx.knowledge.tensorflow.releases.filter(
    r => r.packages.includes(tf.flavour) && r.python.includes(ctx.python!)
  )
  const nearest =
    forThisPython.find(r => compare(r.version, tf.allowed[0].version) > 0) ?? forThisPython[forThisPython.length - 1]
  const move = nearest ? ` or move to a release built for it, e.g. \`${tf.flavour}==${nearest.version}\`` : ''
  return [
    {
      id: 'python-unsupported',
      severity: 'error',
      title: `${tf.flavour} ${versionList(
        tf.allowed.map(r => r.version),
        3
      )} has no wheel for Python ${ctx.python}`,
      explanation:
        `${tf.flavour} ${versionList(tf.allowed.map(r => r.version))} was published for Python ${pythons.join(', ')}; ` +
        `this run uses Python ${ctx.python}, so pip will answer "Could not find a version that satisfies the requirement".`,
      fix: `Use Python ${pythons[pythons.length - 1]} (e.g. actions/setup-python with python-version: '${pythons[pythons.length - 1]}')${move}.`,
      locations: where(ctx, tf.requirement),
      evidence: '',
      edits: nearest ? [changeLine(ctx, tf.requirement, `==${nearest.version}`)] : undefined,
      stage: 'preflight',
      provenBy: 'install'
    }
  ]
}

/** tensorflow-gpu is a deprecation banner since 2.12: installing it fails. */
export function tensorflowGpu(ctx: PreflightContext): Finding[] {
  const req = ctx.requirements.find(r => r.key === 'tensorflow-gpu' && r.kind === 'requirement')
  if (!req) return []
  return [
    {
      id: 'tensorflow-gpu-deprecated',
      severity: 'error',
      title: 'tensorflow-gpu is deprecated and no longer installs',
      explanation:
        'Since December 2022 the tensorflow-gpu package is a stub whose installation fails with ' +
        '"The \\"tensorflow-gpu\\" package has been deprecated!". The regular tensorflow package has included GPU support since 2.1.',
      fix: 'Replace it with `tensorflow[and-cuda]` on Linux with NVIDIA GPUs (TensorFlow 2.14+), or `tensorflow` / `tensorflow-cpu` elsewhere.',
      locations: where(ctx, req),
      evidence: '',
      edits: [{ ...changeLine(ctx, req, req.specifier), after: `tensorflow[and-cuda]${req.specifier}` }],
      stage: 'preflight',
      provenBy: 'install'
    }
  ]
}
