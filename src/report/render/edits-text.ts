import { type Edit, type Finding } from '../../core/finding.js'

/** Where an edit goes: `file:line`, or the file with "(new line)" for a line to add. */
export function editPlace(e: Edit): string {
  return e.line ? `${e.file}:${e.line}` : `${e.file} (new line)`
}

/** A finding's line edits as a unified-diff-like plan: `# file:line`, `- before`, `+ after`. */
export function planText(f: Finding): string {
  return (f.edits ?? [])
    .map(e =>
      [`# ${editPlace(e)}`, ...(e.before ? [`- ${e.before}`] : []), ...(e.after ? [`+ ${e.after}`] : [])].join('\n')
    )
    .join('\n')
}
