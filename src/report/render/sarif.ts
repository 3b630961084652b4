import { createHash } from 'node:crypto'
import type * as Sarif from 'sarif'
import { FINDINGS_DOC } from '../../core/constants.js'
import { type Edit, type Finding, type Location, type Severity } from '../../core/finding.js'
import { FINDING_IDS, type FindingId } from '../../core/ids.js'
import { VERSION } from '../../core/version.js'
import { type LineText, normalizeLine } from '../lines.js'
import { type Report } from '../model.js'
import { type SuppressedFinding } from '../suppress.js'
import { ruleText } from './rules.js'
import { planText } from './edits-text.js'

/** One SARIF run: one report, under a category that tells it from the other runs code scanning keeps. */
export interface SarifRun {
  report: Report
  /** `keras-compat`, `keras-compat/tensorflow-2.21`, …: the run's automationDetails id (without the run part). */
  category: string
  /** Where a finding with no place of its own is shown: the first requirement file, relative to the root. */
  defaultFile: string
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const FINGERPRINT_KEY = 'kerasCompatFinding/v1'
const INFORMATION_URI = 'https://github.com/keras-compat/keras-compat'
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' }
// Evidence is the installer's or Python's words: its end (where the error is) says enough in an alert.
const EVIDENCE_CHARS = 2000

/** PascalCase of an id, as SARIF rule names are written: keras-tf-mismatch → KerasTfMismatch. */
const ruleName = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())

function rule(id: FindingId): Sarif.ReportingDescriptor {
  const text = ruleText(id)
  const helpUri = `${FINDINGS_DOC}#${id}`
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    helpUri,
    help: {
      text: `${text.full} What it means and how to fix it: ${helpUri}`,
      markdown: `${text.full}\n\n[${id} in the findings documentation](${helpUri})`
    },
    defaultConfiguration: { level: LEVEL[text.level] },
    properties: { tags: ['dependencies', 'tensorflow', 'keras'] }
  }
}

/** The explanation, the fix and the fix plan in the message: what a reviewer needs without leaving the alert. */
function messageText(f: Finding | SuppressedFinding): string {
  const diff = planText(f)
  const v = f.verification
  const evidence = f.evidence.length > EVIDENCE_CHARS ? `…${f.evidence.slice(-EVIDENCE_CHARS)}` : f.evidence
  return [
    `${f.title}.`,
    f.explanation,
    f.fix ? `Fix: ${f.fix}` : '',
    diff ? `Line edits:\n${diff}` : '',
    v ? `Fix check: ${v.status}: ${v.detail}` : '',
    f.baseline === 'pre-existing'
      ? 'Pre-existing: the base of this change has it too, so it does not fail the check.'
      : '',
    'suppression' in f
      ? `Suppressed by ${f.suppression.source.file}:${f.suppression.source.line}: ${f.suppression.reason}`
      : '',
    evidence ? `Evidence:\n${evidence}` : ''
  ]
    .filter(Boolean)
    .join('\n\n')
}

function physical(loc: Location, lineText: LineText): Sarif.PhysicalLocation {
  const text = loc.line ? lineText(loc.file, loc.line) : undefined
  return {
    artifactLocation: { uri: encodeURI(loc.file) },
    region: { startLine: loc.line ?? 1, ...(text !== undefined ? { snippet: { text } } : {}) }
  }
}

/** The id, the file and the line's text (not its number): a line that moves keeps its alert. */
function fingerprint(id: string, loc: Location, lineText: LineText, seen: Map<string, number>): string {
  const text = loc.line ? (lineText(loc.file, loc.line) ?? `line ${loc.line}`) : ''
  const hash = createHash('sha256')
    .update(`${id}\0${loc.file}\0${normalizeLine(text)}`)
    .digest('hex')
    .slice(0, 32)
  const n = (seen.get(hash) ?? 0) + 1
  seen.set(hash, n)
  return n === 1 ? hash : `${hash}:${n}`
}

/** A line edit as a SARIF replacement of the whole line (added lines have no place yet, and are left out). */
function fixOf(f: Finding, lineText: LineText): Sarif.Fix[] {
  const changes = (f.edits ?? [])
    .filter((e): e is Edit & { line: number } => e.line !== undefined)
    .map(e => ({ e, text: lineText(e.file, e.line) }))
    .filter(
      (x): x is { e: Edit & { line: number }; text: string } => x.text !== undefined && x.text.includes(x.e.before)
    )
    .map(({ e, text }) => ({
      artifactLocation: { uri: encodeURI(e.file) },
      replacements: [
        {
          deletedRegion: { startLine: e.line, startColumn: 1, endLine: e.line, endColumn: text.length + 1 },
          insertedContent: { text: text.replace(e.before, e.after) }
        }
      ]
    }))
  return changes.length > 0 ? [{ description: { text: f.fix || f.title }, artifactChanges: changes }] : []
}

function resultsOf(f: Finding | SuppressedFinding, run: SarifRun, lineText: LineText, seen: Map<string, number>) {
  const places = f.locations.length > 0 ? f.locations : [{ file: run.defaultFile }]
  const fixes = fixOf(f, lineText)
  return places.map((loc, i): Sarif.Result => ({
    ruleId: f.id,
    ruleIndex: FINDING_IDS.indexOf(f.id),
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [{ physicalLocation: physical(loc, lineText) }],
    ...(places.length > 1
      ? {
          relatedLocations: places
            .filter((_, j) => j !== i)
            .map((l, j) => ({ id: j + 1, physicalLocation: physical(l, lineText) }))
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f.id, loc, lineText, seen) },
    ...(f.baseline ? { baselineState: f.baseline === 'pre-existing' ? 'unchanged' : 'new' } : {}),
    ...('suppression' in f
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: f.suppression.reason,
              location: { physicalLocation: physical(f.suppression.source, () => undefined) }
            }
          ]
        }
      : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
    properties: { stage: f.stage ?? 'run', ...(f.verification ? { fixCheck: f.verification.status } : {}) }
  }))
}

function runOf(run: SarifRun, lineText: LineText): Sarif.Run {
  const seen = new Map<string, number>()
  const r = run.report
  const findings = [...r.findings, ...(r.suppressed ?? [])]
  return {
    tool: {
      driver: {
        name: 'keras-compat',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: FINDING_IDS.map(rule)
      }
    },
    automationDetails: { id: `${run.category}/` },
    invocations: [{ executionSuccessful: true }],
    columnKind: 'utf16CodeUnits',
    results: findings.flatMap(f => resultsOf(f, run, lineText, seen)),
    properties: {
      status: r.status,
      mode: r.mode,
      override: r.override,
      tensorflow: r.environment.tensorflow,
      keras: r.environment.keras
    }
  }
}

/**
 * The SARIF 2.1.0 log for code scanning: one run per report (one per version of a matrix), one rule per finding
 * id, one result per finding and place. Findings an `ignore:` entry covers are results with an accepted suppression
 * and its reason; pre-existing ones have baselineState `unchanged`.
 */
export function renderSarif(runs: SarifRun[], lineText: LineText): Sarif.Log {
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: runs.map(run => runOf(run, lineText)) }
}
