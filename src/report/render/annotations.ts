import { type Finding, type Severity } from '../../core/finding.js'

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

/** One annotation per finding and line, most severe first, within the runner's limits. */
export function annotationsFor(findings: Finding[]): Annotation[] {
  const all: Annotation[] = []
  for (const f of findings) {
    const base = {
      level: LEVEL[f.severity],
      title: `${f.id}: ${f.title}`.slice(0, 255),
      message: clip(`${f.explanation}\nFix: ${f.fix}`.replace(/`/g, ''))
    }
    if (f.locations.length === 0) all.push(base)
    for (const loc of f.locations) all.push({ ...base, file: loc.file, line: loc.line })
  }
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
