import { type InstallResult } from '../install/types.js'
import { type ProbeResult } from '../probe/run.js'
import { type ParseProblem, type RequirementSet } from '../requirements/types.js'
import { bySeverity, type Finding } from '../core/finding.js'
import { installFindings, pipCheckFindings } from './install.js'
import { Locator } from '../requirements/locate.js'
import { foldFailures, mergeStatic } from './merge.js'
import { probeFindings } from './probe.js'
import { ProbeView } from '../probe/view.js'

export interface DiagnoseInput {
  requirements: RequirementSet
  /** Static findings from the preflight stage, merged with what the real install and probe showed. */
  preflight?: Finding[]
  /** Static findings on the set the resolver picked (full mode): merged with `preflight`, each problem once. */
  resolved?: Finding[]
  /** The resolver found a solution: a static claim that the set cannot resolve is disproven. */
  resolvedOk?: boolean
  /** Directory that report paths are relative to (the repository root on a runner). */
  pathBase: string
  venvError?: string
  install?: InstallResult
  probe?: ProbeResult
  pipCheck: string[]
  probeEnv: Record<string, string | undefined>
  timeoutMinutes: number
  /** The run's Python (e.g. 3.11.7), to tell "not released" from "not for this Python". */
  python?: string
}

/** Turns what each stage saw into findings, most severe first. */
export function diagnose(input: DiagnoseInput): Finding[] {
  const locator = new Locator(input.requirements.requirements, input.pathBase)
  const files = input.requirements.files
  // A conda export is one finding of its own (preflight's conda-export), not a parse error per line.
  const findings: Finding[] = input.requirements.problems
    .filter(p => p.kind !== 'conda-export')
    .map(p => problemFinding(p, locator))
  if (input.venvError) {
    findings.push({
      id: 'venv-failed',
      severity: 'error',
      title: 'The virtual environment could not be created',
      explanation: input.venvError,
      fix: 'Point the python input (CLI: --python) at a working interpreter, for example one set up by actions/setup-python, and run again.',
      locations: [],
      evidence: ''
    })
  }
  if (input.install && !input.install.ok && input.install.error) {
    findings.push(...installFindings(input.install.error, locator, files, input.python))
  }
  if (input.probe) {
    findings.push(
      ...probeFindings({
        probe: input.probe,
        view: new ProbeView(input.probe.steps),
        locator,
        probeEnv: input.probeEnv,
        files,
        timeoutMinutes: input.timeoutMinutes
      })
    )
  }
  findings.push(...pipCheckFindings(input.pipCheck, locator))
  return mergePreflight(input, findings, locator).sort(bySeverity)
}

/**
 * Keeps the static findings the real run did not disprove: a claim that the set cannot resolve is dropped when
 * the resolution or the install succeeded, a claim about import or run time when the probe ran every step
 * cleanly. When the real run found the same problem, its finding (with evidence) stands and takes the preflight's
 * concrete edits; a generic installer failure that a specific static finding explains is folded into it.
 */
function mergePreflight(input: DiagnoseInput, runtime: Finding[], locator: Locator): Finding[] {
  const resolves = input.install?.ok === true || input.resolvedOk === true
  const probeClean = input.probe?.completed === true && !runtime.some(f => f.severity === 'error')
  const standing = mergeStatic(input.preflight ?? [], input.resolved ?? []).filter(
    f => !(f.provenBy === 'install' && resolves) && !(f.provenBy === 'probe' && probeClean)
  )
  const sameAsRuntime = (f: Finding) => runtime.some(r => r.id === f.id)
  // The real run's finding keeps its evidence; the preflight's line edits are the more concrete fix.
  const merged = runtime.map(r => {
    const stat = standing.find(f => f.id === r.id && f.edits)
    return stat && !r.edits ? { ...r, edits: stat.edits, fix: stat.fix } : r
  })
  // Read from the requirement lines only when a failure is to be folded (a file may hold 50,000 lines).
  let at: ((place: string) => string[]) | undefined
  const packagesAt = (place: string) => (at ??= packagesAtLines(input.requirements, locator))(place)
  const folded = foldFailures(
    standing.filter(f => !sameAsRuntime(f)),
    merged,
    packagesAt
  )
  return [...folded.specific, ...folded.failures]
}

/** The packages asked for at a `file:line` place (as findings locate them). */
function packagesAtLines(set: RequirementSet, locator: Locator): (place: string) => string[] {
  const at = new Map<string, string[]>()
  for (const r of set.requirements) {
    const place = `${locator.relative(r.location.file)}:${r.location.line}`
    at.set(place, [...(at.get(place) ?? []), r.key])
  }
  return place => at.get(place) ?? []
}

/** A requirement-file problem: a line pip would reject, or an include keras-compat refused to read. */
function problemFinding(p: ParseProblem, locator: Locator): Finding {
  const locations = [{ file: locator.relative(p.location.file), line: p.location.line }]
  if (p.kind === 'include') {
    return {
      id: 'include-refused',
      severity: 'error',
      title: `This include was not read: ${p.message.slice(0, 200)}`,
      explanation: `${p.message}. Nothing in it was checked, so the requirements cannot be judged as a whole.`,
      fix:
        'Include a regular file inside the repository by a relative path, or set allow-outside-workspace: true ' +
        '(CLI: --allow-outside-workspace) when reading outside the repository is intended.',
      locations,
      evidence: ''
    }
  }
  return {
    id: 'parse-error',
    severity: 'error',
    title: `pip would reject this line: ${p.message.slice(0, 200)}`,
    explanation: p.message,
    fix: 'Write one requirement per line as name[extras]<specifier>; marker, or fix the include.',
    locations,
    evidence: ''
  }
}
