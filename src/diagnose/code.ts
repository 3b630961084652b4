import { type Finding } from '../core/finding.js'
import { minorOf } from '../core/packages.js'
import { type NameProblem, STEP } from '../probe/steps.js'
import { renameFor } from './keras-renames.js'
import { type ProbeContext } from './probe-context.js'
import { legacyKerasFix, type SignatureFix } from './signature-types.js'

/** Each name gets its own finding up to this many; the rest share one, so the summary stays readable. */
const MAX_NAME_FINDINGS = 25
const MAX_LOCATIONS = 20

/** The distribution that provides an import root (for "add it to your requirements"). */
const DISTRIBUTIONS: Record<string, string> = {
  tf_keras: 'tf-keras',
  tensorflow_hub: 'tensorflow-hub',
  tensorflow_probability: 'tensorflow-probability',
  keras: 'keras',
  tensorflow: 'tensorflow'
}

/** What the name's root is here: "tf.keras is keras3 (keras._tf_keras.keras)", "keras 3.12.0". */
function whatItIs(ctx: ProbeContext, name: string): string {
  if (name.startsWith('tensorflow.keras')) {
    const d = ctx.view.data(STEP.tfKerasAttribute)
    return d.kind ? `tensorflow.keras is ${d.kind}${d.version ? ` ${d.version}` : ''} here` : ''
  }
  if (name.startsWith('keras')) {
    const v = ctx.view.kerasVersion()
    return v ? `keras is ${v} here` : ''
  }
  return ''
}

function notInstalled(p: NameProblem): string | undefined {
  return p.status === 'missing' && p.at === p.name.split('.')[0] && / is not installed$/.test(p.detail)
    ? p.at
    : undefined
}

const capital = (t: string) => `${t[0].toUpperCase()}${t.slice(1)}`

/** The Keras major behind a name's root here: 3, 2, or 0 when the root is not Keras or did not import. */
function kerasMajorFor(ctx: ProbeContext, name: string): number {
  const kind = name.startsWith('tensorflow.keras')
    ? ctx.view.data(STEP.tfKerasAttribute).kind
    : /^keras(\.|$)/.test(name)
      ? ctx.view.data(STEP.kerasImport).dense?.kind
      : undefined
  return kind === 'keras3' ? 3 : kind === 'keras2' || kind === 'tf_keras' ? 2 : 0
}

function fixFor(ctx: ProbeContext, p: NameProblem): SignatureFix {
  const root = notInstalled(p)
  const tf = ctx.view.tensorflowVersion()
  if (root === 'tf_keras' && tf)
    return {
      text: `Add \`tf-keras~=${minorOf(tf)}.0\` (tf-keras must match TensorFlow's minor release).`,
      requirement: { name: 'tf-keras', specifier: `~=${minorOf(tf)}.0` }
    }
  if (root) return { text: `Add \`${DISTRIBUTIONS[root] ?? root}\` to your requirements.` }
  const rename = renameFor(p.name)
  const major = kerasMajorFor(ctx, p.name)
  if (major === 3 && p.tf_keras_has_it !== false)
    return legacyKerasFix(
      { versions: ctx.view.keyVersions(), tensorflow: tf, log: '' },
      `${rename ? `use ${rename.use} instead` : 'port the code to the Keras 3 API'}.`
    )
  if (major === 2)
    return {
      text: 'Keras 2 has no such name: if the code was written for Keras 3, move to TensorFlow 2.16 or later (Keras 3); otherwise correct the name.'
    }
  return {
    text: `${capital(rename ? `use ${rename.use} instead` : 'port the code to the names the installed packages have')}.`
  }
}

function explanation(p: NameProblem, context: string): string {
  const where = context ? ` (${context})` : ''
  if (p.status === 'stub')
    return `The installed Keras keeps \`${p.name}\` only as a stub that raises when used${where}: ${p.detail}`
  if (p.status === 'broken') return `\`${p.at}\` exists but fails when the code reaches it${where}: ${p.detail}`
  if (notInstalled(p)) return `The code imports \`${p.at}\`, and nothing installed provides it.`
  return `The installed packages have no \`${p.at}\`${where}, so this line fails when it runs (${p.detail}).`
}

function nameFinding(ctx: ProbeContext, p: NameProblem): Finding {
  const fix = fixFor(ctx, p)
  const edit = fix.requirement
    ? ctx.locator.edit(fix.requirement.name, fix.requirement.specifier, ctx.files)
    : undefined
  const state = p.status === 'stub' ? 'is a stub that raises' : p.status === 'broken' ? 'fails to import' : 'is missing'
  return {
    id: 'code-import-missing',
    severity: 'error',
    title: `\`${p.name}\` ${notInstalled(p) ? 'is not installed' : state}`,
    explanation: explanation(p, whatItIs(ctx, p.name)),
    fix: fix.text,
    locations: p.locations.slice(0, MAX_LOCATIONS).map(l => ({ file: l.file, line: l.line })),
    evidence: [
      `${p.name} (${p.form === 'import' ? 'import statement' : 'attribute access'}): ${p.detail}`,
      `used at ${p.locations.map(l => `${l.file}:${l.line}`).join(', ')}`
    ].join('\n'),
    edits: edit ? [edit] : undefined,
    stage: 'probe'
  }
}

function rollup(rest: NameProblem[]): Finding {
  return {
    id: 'code-import-missing',
    severity: 'error',
    title: `${rest.length} more names the code uses are missing`,
    explanation: `Besides the names above, the code uses these, which the installed packages do not give it: ${rest
      .slice(0, 50)
      .map(p => `\`${p.name}\``)
      .join(', ')}.`,
    fix: 'Each is fixed as the names above are: port the code, or keep the Keras it was written for.',
    locations: rest.flatMap(p => p.locations.slice(0, 1)).slice(0, MAX_LOCATIONS),
    evidence: rest.map(p => `${p.name}: ${p.detail}`).join('\n'),
    stage: 'probe'
  }
}

/** `code-import-missing` for every name the repository's code uses that the venv does not give it. */
export function codeFindings(ctx: ProbeContext): Finding[] {
  // In the order of the code (the probe resolves attribute chains first), file by file, line by line.
  const first = (p: NameProblem) => p.locations[0] ?? { file: '', line: 0 }
  const problems = (ctx.view.data(STEP.code).problems ?? [])
    .filter(p => p.status !== 'root-failed')
    .sort((a, b) => first(a).file.localeCompare(first(b).file) || first(a).line - first(b).line)
  const own = problems.slice(0, MAX_NAME_FINDINGS).map(p => nameFinding(ctx, p))
  const rest = problems.slice(MAX_NAME_FINDINGS)
  return rest.length > 0 ? [...own, rollup(rest)] : own
}
