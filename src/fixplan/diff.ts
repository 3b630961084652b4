/**
 * A unified diff of two versions of one file, byte for byte, as `git apply` reads it: lines split at `\n` with
 * their own endings kept (a CRLF line stays CRLF in the patch), a last line without a newline marked so, hunks
 * with three lines of context. Lines are compared with Myers' shortest edit script.
 */

const CONTEXT = 3
// An edit script longer than this (a rewritten file) is written as one hunk that replaces everything.
const MAX_EDIT_DISTANCE = 4000

type Op = { kind: ' ' | '-' | '+'; line: string }

/** A file's lines as git sees them, each with its `\n` (latin1 keeps every byte as one character). */
export function gitLines(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1')
  const lines = text.split(/(?<=\n)/)
  return lines.length === 1 && lines[0] === '' ? [] : lines
}

/**
 * The traces of Myers' greedy search, for the walk back: before step d, the V entries for diagonals -d-1..d+1 (all
 * that step reads; an entry never written is 0). Only that window is kept, so memory grows with the edit distance
 * squared, not with the file's length times the distance.
 */
function traces(a: string[], b: string[]): Int32Array[] | undefined {
  const max = a.length + b.length
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < a.length && y < b.length && a[x] === b[y]) [x, y] = [x + 1, y + 1]
      v[offset + k] = x
      if (x >= a.length && y >= b.length) return trace
    }
  }
  return undefined
}

/** The edit script of two line lists that differ from first line to last, first line first. */
function myers(a: string[], b: string[]): Op[] {
  // Nothing in common (every line rewritten): the search could only end in the same replacement, slowly.
  const old = new Set(a)
  const trace = b.some(line => old.has(line)) ? traces(a, b) : undefined
  if (!trace)
    return [...a.map(line => ({ kind: '-' as const, line })), ...b.map(line => ({ kind: '+' as const, line }))]
  const ops: Op[] = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    // trace[d] holds diagonals -d-1..d+1: diagonal k sits at k + d + 1.
    const at = (k: number) => trace[d][k + d + 1]
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const prevK = down ? k + 1 : k - 1
    const prevX = d === 0 ? 0 : at(prevK)
    const prevY = prevX - prevK
    // The snake back to where this step's single move ended, then the move itself.
    while (x > prevX && y > prevY) {
      x--
      y--
      ops.push({ kind: ' ', line: a[x] })
    }
    if (d === 0) break
    if (down) ops.push({ kind: '+', line: b[--y] })
    else ops.push({ kind: '-', line: a[--x] })
  }
  return ops.reverse()
}

/** The edit script, first line first: lines both ends share are kept as they are, the middle is searched. */
function script(a: string[], b: string[]): Op[] {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const same = (lines: string[]) => lines.map(line => ({ kind: ' ' as const, line }))
  return [
    ...same(a.slice(0, head)),
    ...myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...same(a.slice(a.length - tail))
  ]
}

/** A hunk line: the marker, the line's bytes, and git's note when the line has no newline of its own. */
function hunkLine(op: Op): string {
  return op.line.endsWith('\n') ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n\\ No newline at end of file\n`
}

const range = (start: number, count: number) => `${count === 0 ? start - 1 : start},${count}`

/** Groups the script into hunks: changes with up to three lines of context around them, near ones merged. */
function hunks(ops: Op[]): string[] {
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter(i => i >= 0)
  // Old and new line numbers before each op, counted once (a count per hunk would make many hunks quadratic).
  const oldBefore = new Int32Array(ops.length + 1)
  const newBefore = new Int32Array(ops.length + 1)
  ops.forEach((op, i) => {
    oldBefore[i + 1] = oldBefore[i] + (op.kind !== '+' ? 1 : 0)
    newBefore[i + 1] = newBefore[i] + (op.kind !== '-' ? 1 : 0)
  })
  const out: string[] = []
  let i = 0
  while (i < changed.length) {
    let end = i
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * CONTEXT) end++
    const from = Math.max(0, changed[i] - CONTEXT)
    const to = Math.min(ops.length, changed[end] + CONTEXT + 1)
    const oldRange = range(oldBefore[from] + 1, oldBefore[to] - oldBefore[from])
    const newRange = range(newBefore[from] + 1, newBefore[to] - newBefore[from])
    out.push(`@@ -${oldRange} +${newRange} @@\n${ops.slice(from, to).map(hunkLine).join('')}`)
    i = end + 1
  }
  return out
}

/** A path as git writes it in a patch header: quoted, with C escapes, when it holds quotes, controls or non-ASCII. */
export function gitPath(prefix: string, file: string): string {
  const bytes = Buffer.from(`${prefix}${file}`, 'utf8')
  if (!bytes.some(b => b < 0x20 || b >= 0x7f || b === 0x22 || b === 0x5c)) return `${prefix}${file}`
  const named: Record<number, string> = {
    0x07: 'a',
    0x08: 'b',
    0x09: 't',
    0x0a: 'n',
    0x0b: 'v',
    0x0c: 'f',
    0x0d: 'r',
    0x22: '"',
    0x5c: '\\'
  }
  let out = ''
  for (const b of bytes) {
    if (named[b]) out += `\\${named[b]}`
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`
    else out += String.fromCharCode(b)
  }
  return `"${out}"`
}

/** The patch of one file (`file` relative to the repository, `/` separators), latin1-encoded; '' when equal. */
export function unifiedDiff(file: string, before: Uint8Array, after: Uint8Array): string {
  const ops = script(gitLines(before), gitLines(after))
  if (ops.every(op => op.kind === ' ')) return ''
  const [a, b] = [gitPath('a/', file), gitPath('b/', file)]
  return `diff --git ${a} ${b}\n--- ${a}\n+++ ${b}\n${hunks(ops).join('')}`
}
