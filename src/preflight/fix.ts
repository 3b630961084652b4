import { type Edit, type Location } from '../core/finding.js'
import { type Requirement } from '../requirements/types.js'
import { type PreflightContext } from './context.js'

/** The requirement written back with a new specifier, keeping its name, extras and marker. */
export function rewrite(req: Requirement, specifier: string): string {
  const extras = req.extras.length > 0 ? `[${req.extras.join(',')}]` : ''
  const marker = req.marker ? `; ${req.marker}` : ''
  return `${req.name}${extras}${specifier}${marker}`
}

export function changeLine(ctx: PreflightContext, req: Requirement, specifier: string): Edit {
  return {
    file: ctx.locator.relative(req.location.file),
    line: req.location.line,
    before: req.raw,
    after: rewrite(req, specifier)
  }
}

/** A line to add, in the file of `near` (the TensorFlow line, usually). */
export function addLine(ctx: PreflightContext, near: Requirement, text: string): Edit {
  return { file: ctx.locator.relative(near.location.file), before: '', after: text }
}

export function where(ctx: PreflightContext, ...reqs: (Requirement | undefined)[]): Location[] {
  return reqs
    .filter((r): r is Requirement => r !== undefined)
    .map(r => ({ file: ctx.locator.relative(r.location.file), line: r.location.line }))
}

/** `2.15.0, 2.15.1` style list of release versions, newest last. */
export function versionList(versions: string[], max = 6): string {
  return versions.length <= max
    ? versions.join(', ')
    : `${versions.slice(0, 2).join(', ')}, …, ${versions.slice(-3).join(', ')}`
}
