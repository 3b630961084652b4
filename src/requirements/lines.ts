/** One logical line of a requirements file: continuations joined, comment removed, first physical line kept. */
export interface LogicalLine {
  line: number
  text: string
}

/**
 * Splits text into pip's logical lines. pip joins a line ending in `\` with the next one and drops `#` comments
 * that start the line or follow whitespace (so `pkg#egg` URLs keep their fragment).
 */
export function logicalLines(text: string): LogicalLine[] {
  const physical = text.split(/\r\n|\n|\r/)
  const out: LogicalLine[] = []
  let buffer = ''
  let start = 0
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]
    if (buffer === '') start = i + 1
    if (raw.endsWith('\\') && i < physical.length - 1) {
      buffer += raw.slice(0, -1) + ' '
      continue
    }
    const joined = stripComment(buffer + raw).trim()
    buffer = ''
    if (joined !== '') out.push({ line: start, text: joined })
  }
  return out
}

function stripComment(line: string): string {
  const match = /(^|\s)#/.exec(line)
  return match ? line.slice(0, match.index) : line
}
