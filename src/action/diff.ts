/**
 * The lines of the new file that a pull request's diff shows (added and context lines of every hunk): the only
 * lines a review comment, and so a suggestion, can be placed on.
 */
export function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>()
  let next = 0
  for (const row of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row)
    if (hunk) {
      next = Number(hunk[1])
      continue
    }
    if (next === 0) continue
    if (row.startsWith('+') || row.startsWith(' ')) lines.add(next++)
    // `-` lines are the old file's; `\ No newline at end of file` is neither.
  }
  return lines
}
