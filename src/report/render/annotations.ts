import { type Finding, type Severity } from '../../core/finding.js'
import { type FixPlan } from '../../fixplan/types.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  title: string
  message: string
  file?: string
  line?: number
}

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' }
// The runner shows at most 10 annotations of each level per step; the rest would vanish silently.
const PER_LEVEL = 10
const MAX_MESSAGE = 4096

function clip(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 40)}\n[cut: full text in the job summary]`
}

/** What the plan does at one place, in an annotation's words (backticks dropped, as in the others). */
function planNote(plan: FixPlan, before: string, after: string): string {
  const proof =
    plan.verification.status === 'verified' ? plan.verification.detail : `not proven: ${plan.verification.detail}`
  const what = before ? `change this line to ${after}` : `add ${after}`
  return `Fix plan: ${what} (one change with the plan's other lines; ${proof}).`
}

/**
 * Each line the plan changes carries its edit: appended to the annotations already there, or as a notice of its
 * own (an added line as a notice on its file).
 */
function withPlan(all: Annotation[], plan: FixPlan | undefined): Annotation[] {
  if (!plan?.found) return all
  const own: Annotation[] = []
  for (const e of plan.edits) {
    const note = planNote(plan, e.before, e.after).replace(/`/g, '')
    const here = e.line !== undefined ? all.filter(a => a.file === e.file && a.line === e.line) : []
    for (const a of here) a.message = clip(`${a.message}\n${note}`)
    if (here.length === 0)
      own.push({
        level: 'notice',
        title: e.before ? 'fix-plan: change this line' : 'fix-plan: add a line to this file',
        message: clip(note),
        file: e.file,
        line: e.line
      })
  }
  return [...own, ...all]
}

/** One annotation per finding and line, most severe first, within the runner's limits; the plan on its lines. */
export function annotationsFor(findings: Finding[], plan?: FixPlan): Annotation[] {
  let all: Annotation[] = []
  for (const f of findings) {
    const base = {
      level: LEVEL[f.severity],
      title: `${f.id}: ${f.title}`.slice(0, 255),
      message: clip(`${f.explanation}\nFix: ${f.fix}`.replace(/`/g, ''))
    }
    if (f.locations.length === 0) all.push(base)
    for (const loc of f.locations) all.push({ ...base, file: loc.file, line: loc.line })
  }
  all = withPlan(all, plan)
  const kept: Annotation[] = []
  const count: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 }
  let dropped = 0
  for (const a of all) {
    if (count[a.level] < (a.level === 'notice' ? PER_LEVEL - 1 : PER_LEVEL)) {
      count[a.level]++
      kept.push(a)
    } else dropped++
  }
  if (dropped > 0) {
    kept.push({
      level: 'notice',
      title: 'keras-compat',
      message: `${dropped} more annotation(s) left out (the runner shows 10 per level): see the job summary and the JSON report.`
    })
  }
  return kept
}
