import { type Edit, type Location } from '../core/finding.js'
import { type Requirement } from '../requirements/types.js'
import { type PreflightContext } from './context.js'

/** The requirement written back with a new specifier (and marker), keeping its name and extras. */
export function rewrite(req: Requirement, specifier: string, marker = req.marker): string {
  const extras = req.extras.length > 0 ? `[${req.extras.join(',')}]` : ''
  return `${req.name}${extras}${specifier}${marker ? `; ${marker}` : ''}`
}

export function changeLine(ctx: PreflightContext, req: Requirement, specifier: string, marker = req.marker): Edit {
  return {
    file: ctx.locator.relative(req.location.file),
    line: req.location.line,
    before: req.raw,
    after: rewrite(req, specifier, marker)
  }
}

/** A line to add, in the file of `near` (the TensorFlow line, usually). */
export function addLine(ctx: PreflightContext, near: Requirement, text: string): Edit {
  return { file: ctx.locator.relative(near.location.file), before: '', after: text }
}

export function where(ctx: PreflightContext, ...reqs: (Requirement | undefined)[]): Location[] {
  const seen = new Set<string>()
  return reqs
    .filter((r): r is Requirement => r !== undefined)
    .map(r => ({ file: ctx.locator.relative(r.location.file), line: r.location.line }))
    .filter(l => !seen.has(`${l.file}:${l.line}`) && seen.add(`${l.file}:${l.line}`) !== undefined)
}

/** `2.15.0, 2.15.1` style list of release versions, each once, in the order given (newest last). */
export function versionList(versions: string[], max = 6): string {
  const distinct = [...new Set(versions)]
  return distinct.length <= max
    ? distinct.join(', ')
    : `${distinct.slice(0, 2).join(', ')}, …, ${distinct.slice(-3).join(', ')}`
}

/** Where a line is, for explanations: `requirements.txt` line 3. */
export function lineRef(ctx: PreflightContext, req: Requirement): string {
  return `${ctx.locator.relative(req.location.file)} line ${req.location.line}`
}
