import { compare } from '@renovatebot/pep440'
import { type Finding } from '../../core/finding.js'
import { type FindingId } from '../../core/ids.js'
import { type TensorflowRelease } from '../../knowledge/types.js'
import { overlaps } from '../../versions/range.js'
import { chosenVersion, minorInfo, type PreflightContext, requested, requiresOf } from '../context.js'
import { addLine, changeLine, versionList, where } from '../fix.js'
import { pickNote } from '../tensorflow.js'

const RANGE_RULES: { key: string; id: FindingId }[] = [
  { key: 'numpy', id: 'numpy-range' },
  { key: 'protobuf', id: 'protobuf-range' },
  { key: 'ml-dtypes', id: 'ml-dtypes-range' },
  { key: 'h5py', id: 'h5py-range' }
]

/** A pin of numpy, protobuf, ml-dtypes or h5py outside what every allowed TensorFlow requires: unresolvable. */
export function dependencyRanges(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  if (!tf || tf.candidates.length === 0) return []
  return RANGE_RULES.flatMap(({ key, id }) => {
    const req = requested(ctx, key)
    if (!req || req.specifier === '' || req.url) return []
    const verdicts = tf.candidates.map(r =>
      requiresOf(ctx, r)[key] === undefined ? true : overlaps(req.specifier, requiresOf(ctx, r)[key])
    )
    if (verdicts.some(v => v !== false)) return []
    const target = tf.candidates[tf.candidates.length - 1]
    const range = requiresOf(ctx, target)[key]
    return [
      {
        id,
        severity: 'error' as const,
        title: `\`${req.raw}\` is outside what ${tf.flavour} ${target.minor} accepts (${key}${range})`,
        explanation:
          `${tf.flavour} ${versionList(tf.candidates.map(r => r.version))} requires ${key}${range}; ` +
          `no ${key} version satisfies that and \`${req.raw}\`, so the resolver must fail.`,
        fix: `Change the ${key} line to \`${req.name}${range}\`, or move TensorFlow to a release whose ${key} range includes your pin.`,
        locations: where(ctx, tf.requirement, req),
        evidence: '',
        edits: [changeLine(ctx, req, range)],
        stage: 'preflight' as const,
        provenBy: 'install' as const
      }
    ]
  })
}

const admitsNumpy2 = (spec: string) => overlaps(spec, '>=2') === true

/**
 * TensorFlow built for numpy 1 beside numpy 2: the release the resolver picks does not cap numpy (2.14.0, 2.10,
 * 2.11, every 2.x before), so numpy 2 is installed and `import tensorflow` fails. Judged on the versions picked when
 * the set resolves, else on every candidate.
 */
export function numpyAbi(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  if (!tf || tf.candidates.length === 0) return []
  const numpy = requested(ctx, 'numpy')
  if (numpy && (numpy.url || !admitsNumpy2(numpy.specifier))) return []
  const picked = chosenVersion(ctx, 'numpy')
  const exposed = (r: TensorflowRelease) =>
    minorInfo(ctx, r.minor)?.numpyAbi === 1 &&
    (tf.chosen
      ? picked !== undefined && compare(picked, '2.0.0rc1') >= 0
      : admitsNumpy2(requiresOf(ctx, r).numpy ?? ''))
  if (!tf.candidates.every(exposed)) return []
  const last = tf.candidates[tf.candidates.length - 1]
  const declared = requiresOf(ctx, last).numpy
  const fixSpec = '<2'
  return [
    {
      id: 'numpy-abi',
      severity: 'error',
      title: `${tf.flavour} ${last.minor} was built for numpy 1 but does not cap it: numpy 2 will be installed`,
      explanation:
        `${tf.flavour} ${versionList(tf.candidates.map(r => r.version))} declares ${declared ? `numpy${declared}` : 'numpy'} with no upper bound, ` +
        `so the resolver picks numpy ${picked ?? '2'}, and \`import tensorflow\` then fails with "A module that was compiled using NumPy 1.x ` +
        'cannot be run in NumPy 2.x" and `AttributeError: _ARRAY_API not found`.' +
        pickNote(ctx),
      fix: numpy
        ? `Change the numpy line to \`${numpy.name}${fixSpec}\`.`
        : `Add \`numpy${fixSpec}\` to your requirements.`,
      locations: where(ctx, tf.requirement, numpy),
      evidence: '',
      edits: [numpy ? changeLine(ctx, numpy, fixSpec) : addLine(ctx, tf.requirement, `numpy${fixSpec}`)],
      stage: 'preflight',
      provenBy: 'probe'
    }
  ]
}
