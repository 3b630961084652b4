import { compare } from '@renovatebot/pep440'
import { type Finding } from '../../core/finding.js'
import { isPrerelease } from '../../knowledge/ecosystem.js'
import { type CompanionRule, type TensorflowRelease } from '../../knowledge/types.js'
import { contains, overlaps, parseRange } from '../../versions/range.js'
import { chosenVersion, minorInfo, type PreflightContext, requested, requiresOf, tfKerasComes } from '../context.js'
import { allowedVersions, pickNote } from '../tensorflow.js'
import { installable } from '../suggest.js'
import { addLine, changeLine, where } from '../fix.js'
import { type Requirement } from '../../requirements/types.js'

/**
 * The companion version pip will install: the resolver's pick when the set resolves; else (the companions declare
 * no TensorFlow requirement, or the set cannot resolve) the newest release its own lines allow.
 */
function companionVersion(ctx: PreflightContext, key: string): string | undefined {
  return (
    chosenVersion(ctx, key) ??
    allowedVersions(ctx, key)
      ?.filter(v => !isPrerelease(v))
      .pop()
  )
}

function ruleFor(ctx: PreflightContext, key: string, version: string): CompanionRule | undefined {
  return ctx.knowledge.companions.find(c => c.package === key && contains(parseRange(c.versions)!, version))
}

/** The newest release of a companion, installable here, whose rule says it works with this TensorFlow version. */
function madeFor(ctx: PreflightContext, key: string, tensorflow: string): string | undefined {
  return installable(ctx, key)
    .filter(v => {
      const rule = ruleFor(ctx, key, v)
      return rule !== undefined && contains(parseRange(rule.tensorflow)!, tensorflow)
    })
    .pop()
}

const isKeras3 = (ctx: PreflightContext, r: TensorflowRelease) => minorInfo(ctx, r.minor)?.tfKeras === 'keras3'

function companionFinding(
  ctx: PreflightContext,
  req: Requirement,
  version: string,
  rule: CompanionRule
): Finding | undefined {
  const tf = ctx.tensorflow!
  const tfLabel = `${tf.flavour} ${tf.candidates[tf.candidates.length - 1].version}`
  const base = {
    id: 'companion-incompatible' as const,
    locations: where(ctx, tf.requirement, req),
    evidence: '',
    stage: 'preflight' as const
  }
  if (tf.candidates.every(r => !contains(parseRange(rule.tensorflow)!, r.version))) {
    const target = tf.candidates[tf.candidates.length - 1]
    const made = madeFor(ctx, req.key, target.version)
    return {
      ...base,
      severity: rule.outside,
      title: `${req.name} ${version} does not work with ${tfLabel}`,
      explanation:
        `${req.name} ${rule.versions} works with TensorFlow ${rule.tensorflow}.${rule.message ? ` It says: "${rule.message}".` : ''}` +
        pickNote(ctx),
      fix: made
        ? `Pin the ${req.name} release made for ${tf.flavour} ${target.minor}, \`${req.name}==${made}\`, or move TensorFlow into ${rule.tensorflow}.`
        : `Move TensorFlow into ${rule.tensorflow} (no ${req.name} release is made for ${tf.flavour} ${target.minor}), or drop ${req.name}.`,
      edits: made ? [changeLine(ctx, req, `==${made}`)] : undefined,
      provenBy: rule.outside === 'error' ? 'probe' : undefined
    }
  }
  if (rule.needsTfKeras && !tfKerasComes(ctx) && tf.candidates.every(r => isKeras3(ctx, r))) {
    const pair = minorInfo(ctx, tf.candidates[tf.candidates.length - 1].minor)?.tfKerasPair ?? ''
    return {
      ...base,
      severity: 'error',
      title: `${req.name} ${version} needs tf-keras, which nothing installs`,
      explanation:
        `${req.name} ${version} uses Keras 2 from the tf-keras package (it does not support Keras 3), and ${tfLabel} ` +
        'does not bring tf-keras: its import fails with "Failed to import TF-Keras".',
      fix: `Add \`tf-keras${pair}\` (or install \`${req.name}[tf]\`).`,
      edits: [addLine(ctx, tf.requirement, `tf-keras${pair}`)],
      provenBy: 'probe'
    }
  }
  if (rule.keras2Layers && !ctx.legacy && tf.candidates.every(r => isKeras3(ctx, r))) {
    return {
      ...base,
      severity: 'warning',
      title: `${req.name} layers are Keras 2 layers; ${tfLabel} serves Keras 3`,
      explanation:
        `Layers from ${req.name} (e.g. hub.KerasLayer) are tf-keras (Keras 2) objects. Put into a Keras 3 model they fail with ` +
        '"Only instances of `keras.Layer` can be added to a Sequential model".',
      fix: 'Build those models with tf_keras, or set `TF_USE_LEGACY_KERAS=1` so that tf.keras is tf-keras.'
    }
  }
  return undefined
}

/** tensorflow-probability, -hub, -addons and -io against the TensorFlow and Keras in play. */
export function companionIncompatible(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  if (!tf || tf.candidates.length === 0) return []
  const packages = [...new Set(ctx.knowledge.companions.map(c => c.package))]
  return packages.flatMap(key => {
    const req = requested(ctx, key)
    const version = req && !req.url ? companionVersion(ctx, key) : undefined
    const rule = version ? ruleFor(ctx, key, version) : undefined
    const finding = req && version && rule ? companionFinding(ctx, req, version, rule) : undefined
    return finding ? [finding] : []
  })
}

/** setuptools 82 removed pkg_resources, which tensorflow-hub 0.16 and tensorboard ≤2.20 still import. */
export function setuptoolsPkgResources(ctx: PreflightContext): Finding[] {
  const tf = ctx.tensorflow
  const setuptools = requested(ctx, 'setuptools')
  const importers = ctx.knowledge.companions
    .filter(c => c.importsPkgResources)
    .map(c => ({ rule: c, req: requested(ctx, c.package) }))
    .filter(
      ({ rule, req }) =>
        req &&
        !req.url &&
        companionVersion(ctx, rule.package) &&
        contains(parseRange(rule.versions)!, companionVersion(ctx, rule.package)!)
    )
  const tensorboard =
    tf && tf.candidates.length > 0 && tf.candidates.every(r => requiresOf(ctx, r).tensorboard !== undefined)
  if (importers.length === 0 && !tensorboard) return []
  const certain = setuptools && !setuptools.url && overlaps(setuptools.specifier, '<82') === false
  // Python 3.12+ venvs have no setuptools: TensorFlow's unpinned `setuptools` requirement then installs the newest.
  const likely = !setuptools && ctx.python !== undefined && compare(`${ctx.python}.0`, '3.12.0') >= 0
  if (!certain && !likely) return []
  const who = [...importers.map(i => i.req!.name), ...(tensorboard ? ['tensorboard (pulled by TensorFlow)'] : [])].join(
    ', '
  )
  const anchor = setuptools ?? importers[0]?.req ?? tf!.requirement
  return [
    {
      id: 'setuptools-pkg-resources',
      severity: certain && importers.length > 0 ? 'error' : 'warning',
      title: `setuptools 82+ will be installed, but ${who} import pkg_resources`,
      explanation:
        'setuptools 82 removed the pkg_resources module. ' +
        (certain
          ? 'Your setuptools pin allows only 82 and later. '
          : `A Python ${ctx.python} venv has no setuptools, so the newest is installed. `) +
        `Importing ${who} then fails with "ModuleNotFoundError: No module named 'pkg_resources'".`,
      fix: setuptools ? 'Change the setuptools line to `setuptools<82`.' : 'Add `setuptools<82` to your requirements.',
      locations: where(ctx, anchor),
      evidence: '',
      edits: [setuptools ? changeLine(ctx, setuptools, '<82') : addLine(ctx, anchor, 'setuptools<82')],
      stage: 'preflight',
      provenBy: 'probe'
    }
  ]
}
