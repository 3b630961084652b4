import { findStep, StepRecord } from '../probe/contract.js'
import { overlaps } from '../versions/range.js'
import { compare } from '@renovatebot/pep440'
import { ProbeResult } from '../probe/run.js'
import { Finding } from '../core/finding.js'
import { Locator } from '../requirements/locate.js'
import { legacyKerasOn, minorOf, TENSORFLOW_PACKAGES } from '../core/packages.js'
import { matchSignature, Signature } from './signatures.js'
import { KNOWLEDGE } from '../knowledge/index.js'

export interface ProbeContext {
  probe: ProbeResult
  locator: Locator
  /** The environment the probe really ran with (after our clearing and the user's `env`). */
  probeEnv: Record<string, string | undefined>
  files: string[]
  timeoutMinutes: number
}

type KeyVersions = Record<string, string | null>

function keyVersions(probe: ProbeResult): KeyVersions {
  return ((findStep(probe, 'packages')?.data.key as KeyVersions | undefined) ?? {}) as KeyVersions
}

function errorText(step: StepRecord): string {
  return step.error ? `${step.error.type}: ${step.error.message}` : (step.reason ?? step.status)
}

function evidenceOf(step: StepRecord): string {
  return step.error ? `${step.error.traceback || errorText(step)}`.trim() : errorText(step)
}

/** Findings for a probe that did not reach its end: a hang, a crash by signal, or output that cannot be trusted. */
function incompleteFindings(ctx: ProbeContext): Finding[] {
  const { probe } = ctx
  if (probe.completed) return []
  const where = probe.unfinishedStep ? ` while running "${probe.unfinishedStep}"` : ''
  const tail = probe.log.split('\n').slice(-30).join('\n').trim()
  if (probe.timedOut) {
    return [
      {
        id: 'timeout',
        severity: 'error',
        title: `The smoke test did not finish within ${ctx.timeoutMinutes} minutes${where}`,
        explanation:
          'The probe was stopped at the time limit. An import that waits on the network or a lock, or a very slow machine, can cause this.',
        fix: 'Find what hangs in the step named above; raise timeout-minutes only if the machine is just slow.',
        locations: [],
        evidence: tail
      }
    ]
  }
  if (probe.signal) {
    const sigill = probe.signal === 'SIGILL'
    return [
      {
        id: 'crash',
        severity: 'error',
        title: `Python was killed by ${probe.signal}${where}`,
        explanation: sigill
          ? 'SIGILL means the CPU met an instruction it does not have: TensorFlow wheels need AVX, which this CPU lacks.'
          : 'A native extension crashed the interpreter; there is no Python traceback for this kind of failure.',
        fix: sigill
          ? 'Run on a CPU with AVX (all GitHub-hosted x86 runners have it) or build TensorFlow without AVX.'
          : 'Pin the packages involved in the step above to versions built for each other (numpy, protobuf and TensorFlow first).',
        locations: [],
        evidence: tail
      }
    ]
  }
  return [
    {
      id: 'probe-incomplete',
      severity: 'error',
      title: `The smoke test stopped before its end${where}`,
      explanation: `${incompleteWhy(probe)}, so none of its results can be counted as a pass.`,
      fix: 'Read the probe log below: a package that calls exit() at import time or kills the process is the usual cause.',
      locations: [],
      evidence: tail
    }
  ]
}

/** What is missing from a probe that did not finish cleanly: its closing record, records of steps, or clean lines. */
function incompleteWhy(probe: ProbeResult): string {
  const parts = [
    probe.exitCode !== 0 ? `exited with code ${probe.exitCode}` : '',
    probe.missing.length > 0 ? `wrote no record for ${probe.missing.slice(0, 5).join(', ')}` : '',
    probe.malformed ? `wrote ${probe.malformed} line(s) that are not records of this run` : ''
  ].filter(Boolean)
  return `The probe ${parts.length > 0 ? parts.join(', ') : 'did not write its closing record'}`
}

function legacyKerasMissing(ctx: ProbeContext, versions: KeyVersions): Finding | undefined {
  const tfImport = findStep(ctx.probe, 'tensorflow.import')
  if (!legacyKerasOn(ctx.probeEnv.TF_USE_LEGACY_KERAS) || versions['tf-keras'] || tfImport?.status !== 'ok')
    return undefined
  const tfVersion = String(tfImport.data.version ?? '')
  const attribute = findStep(ctx.probe, 'tf.keras.attribute')
  const byImport = findStep(ctx.probe, 'tf.keras.import')
  const silently =
    byImport?.status === 'ok'
      ? ` Meanwhile \`from tensorflow.keras import ...\` silently gave ${byImport.data.kind} (${byImport.data.module}), so code written for Keras 2 runs on the wrong Keras.`
      : ''
  const pin = `tf-keras~=${minorOf(tfVersion)}.0`
  return {
    id: 'legacy-keras-missing',
    severity: 'error',
    title: 'TF_USE_LEGACY_KERAS is set but tf-keras is not installed',
    explanation:
      `TF_USE_LEGACY_KERAS asks TensorFlow ${tfVersion} to serve Keras 2 from the tf-keras package as tf.keras, ` +
      `but tf-keras is not installed: tf.keras raises ${attribute?.error?.type ?? 'ImportError'}.${silently}`,
    fix: `Add \`${pin}\` to your requirements (tf-keras must match TensorFlow's minor release), or drop TF_USE_LEGACY_KERAS to use Keras 3.`,
    locations: ctx.locator.forPackages(TENSORFLOW_PACKAGES).slice(0, 1),
    evidence: attribute ? evidenceOf(attribute) : ''
  }
}

/** Which requirement lines a failing step is about. */
function locationsFor(step: string, ctx: ProbeContext) {
  const tf = ctx.locator.forPackages(TENSORFLOW_PACKAGES)
  if (step.startsWith('keras.')) {
    const keras = ctx.locator.forPackages(['keras'])
    return keras.length > 0 ? keras : tf
  }
  if (step.startsWith('import:')) return []
  return tf
}

const STEP_TITLES: Record<string, string> = {
  'tensorflow.import': '`import tensorflow` failed',
  'tf.keras.attribute': '`tf.keras` is unavailable',
  'tf.keras.import': '`from tensorflow.keras import layers` failed',
  'keras.import': '`import keras` failed',
  mixing: 'Checking whether tf.keras and keras mix failed'
}

function stepFinding(step: StepRecord, ctx: ProbeContext): Finding {
  const isImport =
    step.step.endsWith('.import') || step.step.startsWith('import:') || step.step === 'tf.keras.attribute'
  const title =
    STEP_TITLES[step.step] ??
    (step.step.startsWith('import:') ? `\`import ${step.step.slice(7)}\` failed` : `${step.step} failed`)
  return {
    id: isImport ? 'import-failed' : 'smoke-failed',
    severity: 'error',
    title: `${title}: ${errorText(step).split('\n')[0].slice(0, 200)}`,
    explanation: isImport
      ? 'The module could not be imported in the installed environment. The traceback below shows where it stopped.'
      : 'A minimal model (two Dense layers) could not be built, trained for one step, or saved and loaded back.',
    fix: 'Read the traceback below; a version mismatch between TensorFlow, Keras, numpy or protobuf is the usual cause.',
    locations: locationsFor(step.step, ctx),
    evidence: evidenceOf(step)
  }
}

function mixingFinding(ctx: ProbeContext): Finding | undefined {
  const mixing = findStep(ctx.probe, 'mixing')
  if (mixing?.status !== 'incompatible') return undefined
  const tfKind = findStep(ctx.probe, 'tf.keras.attribute')?.data.kind
  const kerasKind = (findStep(ctx.probe, 'keras.import')?.data.dense as { kind?: string } | undefined)?.kind
  return {
    id: 'keras-mixing',
    severity: 'info',
    title: `tf.keras (${tfKind}) and keras (${kerasKind}) objects cannot share a model`,
    explanation:
      'tf.keras and the standalone keras package are different Keras implementations here, so a layer made with one ' +
      'cannot be added to a model made with the other. Code that imports from both will fail when it mixes them.',
    fix: 'Import Keras through one name only throughout the code base (tf.keras under TF_USE_LEGACY_KERAS, keras otherwise).',
    locations: [],
    evidence: JSON.stringify(mixing.data, null, 2)
  }
}

function missingTensorflow(ctx: ProbeContext, versions: KeyVersions): Finding | undefined {
  const tf = findStep(ctx.probe, 'tensorflow.import')
  if (tf?.status !== 'skipped' || tf.reason !== 'tensorflow is not installed') return undefined
  const kerasPresent = Boolean(versions['keras'])
  return {
    id: 'tensorflow-not-installed',
    severity: kerasPresent ? 'warning' : 'error',
    title: kerasPresent
      ? 'TensorFlow is not installed; only standalone Keras was tested'
      : 'Neither TensorFlow nor Keras is installed',
    explanation: 'The requirements did not install TensorFlow, so the tf.keras steps could not run.',
    fix: 'Add TensorFlow to your requirements (for example tensorflow-cpu on CI), or check the file you pointed keras-compat at.',
    locations: ctx.locator.fileOnly(ctx.files),
    evidence: ''
  }
}

/** TensorFlow's version: from the import, or (when the import itself failed) from the installed package's metadata. */
function tensorflowVersion(ctx: ProbeContext): string {
  const tf = findStep(ctx.probe, 'tensorflow.import')
  if (tf?.status === 'ok') return String(tf.data.version ?? '')
  const versions = keyVersions(ctx.probe)
  return TENSORFLOW_PACKAGES.map(p => versions[p]).find((v): v is string => Boolean(v)) ?? ''
}

/** A recognised failure class: what it means, where, and the line that fixes it. */
function signatureFinding(sig: Signature, steps: StepRecord[], ctx: ProbeContext, versions: KeyVersions): Finding {
  const fix = sig.fix({ versions, tensorflow: tensorflowVersion(ctx), log: ctx.probe.log })
  const edit = fix.requirement
    ? ctx.locator.edit(fix.requirement.name, fix.requirement.specifier, ctx.files)
    : undefined
  // The package that failed to import (`import:tensorflow_probability` → tensorflow-probability) is part of the story.
  const imported = steps
    .filter(s => s.step.startsWith('import:'))
    .map(s => s.step.slice(7).split('.')[0].replace(/_/g, '-'))
  const named = ctx.locator.forPackages([...(fix.requirement ? [fix.requirement.name] : []), ...imported])
  return {
    id: sig.id,
    severity: 'error',
    title: `${sig.title} (${steps.map(s => s.step).join(', ')})`,
    explanation: sig.explanation,
    fix: fix.text,
    locations: named.length > 0 ? named : ctx.locator.forPackages(TENSORFLOW_PACKAGES).slice(0, 1),
    evidence: steps.map(evidenceOf).join('\n\n'),
    edits: edit ? [edit] : undefined,
    stage: 'probe'
  }
}

/** Installed versions that cannot work together, whatever the smoke steps managed (Keras-2 libraries break later). */
function versionMismatches(ctx: ProbeContext, versions: KeyVersions): Finding[] {
  const tf = tensorflowVersion(ctx)
  const release = KNOWLEDGE.tensorflow.releases.find(r => r.version === tf)
  const findings: Finding[] = []
  const keras = versions['keras']
  if (release && keras && release.requires.keras && overlaps(release.requires.keras, `==${keras}`) === false) {
    const edit = ctx.locator.edit('keras', release.requires.keras, ctx.files)
    findings.push({
      id: 'keras-tf-mismatch',
      severity: 'error',
      title: `keras ${keras} is installed beside TensorFlow ${tf}, which requires keras${release.requires.keras}`,
      explanation:
        (compare(`${minorOf(tf)}.0`, '2.15.0') <= 0 && keras.startsWith('3.')
          ? `Under TensorFlow ${minorOf(tf)}, Keras 3 takes over tf.keras, and libraries written for Keras 2 break (e.g. "module 'keras._tf_keras.keras' has no attribute '__internal__'").`
          : `TensorFlow ${minorOf(tf)} works only with keras${release.requires.keras}.`) +
        ' An install in several steps (or a loose metadata check) left this pair behind.',
      fix: `Pin \`keras${release.requires.keras}\` beside this TensorFlow.`,
      locations: ctx.locator.forPackages(['keras', ...TENSORFLOW_PACKAGES]),
      evidence: `tensorflow ${tf}, keras ${keras}`,
      edits: edit ? [edit] : undefined,
      stage: 'probe'
    })
  }
  const tfKeras = versions['tf-keras']
  if (tf && tfKeras && minorOf(tfKeras) !== minorOf(tf) && !(minorOf(tf) === '2.15' && minorOf(tfKeras) === '2.15')) {
    const pair = `~=${minorOf(tf)}.0`
    const edit = ctx.locator.edit('tf-keras', pair, ctx.files)
    findings.push({
      id: 'tf-keras-mismatch',
      severity: 'error',
      title: `tf-keras ${tfKeras} is installed beside TensorFlow ${tf}`,
      explanation:
        "tf-keras must come from TensorFlow's own minor release; across minors it calls TensorFlow internals that differ.",
      fix: `Pin \`tf-keras${pair}\`.`,
      locations: ctx.locator.forPackages(['tf-keras', ...TENSORFLOW_PACKAGES]),
      evidence: `tensorflow ${tf}, tf-keras ${tfKeras}`,
      edits: edit ? [edit] : undefined,
      stage: 'probe'
    })
  }
  return findings
}

/** Platform packages that legitimately come in pairs: `tensorflow` pulls these on Windows, macOS and Linux ARM. */
const COMPANION_FLAVOURS = ['tensorflow-intel', 'tensorflow-macos', 'tensorflow-cpu-aws']

/** Two TensorFlow distributions in one environment write the same files: what loads is a mix of two builds. */
function duplicateTensorflow(ctx: ProbeContext, versions: KeyVersions): Finding[] {
  const installed = TENSORFLOW_PACKAGES.filter(p => versions[p] && !COMPANION_FLAVOURS.includes(p))
  if (installed.length < 2) return []
  const who = installed.map(p => `${p} ${versions[p]}`).join(' and ')
  return [
    {
      id: 'tensorflow-duplicate',
      severity: 'error',
      title: `Two TensorFlow packages are installed: ${who}`,
      explanation:
        'Both install the same `tensorflow` module, so their files overwrite each other and TensorFlow loads a mix of two builds ' +
        '(typically "undefined symbol" from libtensorflow_cc.so, or it works by luck of the install order). ' +
        'The usual cause: tf-keras 2.16+ and other packages require the `tensorflow` package itself, beside a pinned `tensorflow-cpu`.',
      fix: 'Use one TensorFlow package: pin `tensorflow` instead of `tensorflow-cpu` when you need tf-keras, or install tf-keras with `--no-deps` in your own setup.',
      locations: ctx.locator.forPackages([...installed, 'tf-keras']),
      evidence: who,
      stage: 'probe'
    }
  ]
}

/** "Keras cannot be imported" from TensorFlow hides the cause; the separate `import keras` step shows it. */
function explainedByKerasImport(step: StepRecord, ctx: ProbeContext): boolean {
  const keras = findStep(ctx.probe, 'keras.import')
  return (
    step.step.startsWith('tf.keras.') &&
    /Keras cannot be imported/.test(step.error?.message ?? '') &&
    keras?.status === 'error'
  )
}

export function probeFindings(ctx: ProbeContext): Finding[] {
  const versions = keyVersions(ctx.probe)
  const findings: Finding[] = []
  const explained = new Set<string>()
  const legacy = legacyKerasMissing(ctx, versions)
  if (legacy) {
    findings.push(legacy)
    explained.add('tf.keras.attribute')
  }
  const bySignature = new Map<Signature, StepRecord[]>()
  for (const step of ctx.probe.steps) {
    if (step.status !== 'error' || explained.has(step.step) || explainedByKerasImport(step, ctx)) continue
    const sig = matchSignature(step, ctx.probe.log)
    if (sig) bySignature.set(sig, [...(bySignature.get(sig) ?? []), step])
    else findings.push(stepFinding(step, ctx))
  }
  for (const [sig, steps] of bySignature) findings.push(signatureFinding(sig, steps, ctx, versions))
  const mismatches = versionMismatches(ctx, versions).filter(m => !findings.some(f => f.id === m.id))
  // A mixed install explains whatever import failure came with it: it leads.
  findings.unshift(...duplicateTensorflow(ctx, versions))
  findings.push(...mismatches)
  for (const f of [missingTensorflow(ctx, versions), mixingFinding(ctx)]) if (f) findings.push(f)
  // A crash, a hang or a cut-off probe is the headline: it comes first among equals.
  findings.unshift(...incompleteFindings(ctx))
  return findings
}
