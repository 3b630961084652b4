/**
 * Reads the coverage strings of knowledge/index/ (written by scripts/knowledge/coverage.py): comma-separated items,
 * each "M.N" (one minor), "M.N-M.K" (N to K), "M.N+" (N and every later minor of M: abi3 and pyMN wheels) or "pyM"
 * (every M.x: pure py3 / py2 wheels).
 */

function minorOf(text: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(text)
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

function itemIncludes(item: string, major: number, minor: number): boolean {
  if (item.startsWith('py')) return Number(item.slice(2)) === major
  if (item.endsWith('+')) {
    const from = minorOf(item.slice(0, -1))
    return from !== undefined && from[0] === major && minor >= from[1]
  }
  const [low, high = low] = item.split('-')
  const a = minorOf(low)
  const b = minorOf(high)
  return a !== undefined && b !== undefined && a[0] === major && minor >= a[1] && minor <= b[1]
}

/** Whether a coverage string names a CPython ("3.11"). */
export function coverageIncludes(coverage: string, python: string): boolean {
  const target = minorOf(python)
  if (!target) return false
  return coverage.split(',').some(item => item !== '' && itemIncludes(item, target[0], target[1]))
}

/** The known CPython minors a coverage string names (open ends and pure items cut to the known ones). */
export function expandCoverage(coverage: string, known: readonly string[]): string[] {
  const named = new Set(known.filter(python => coverageIncludes(coverage, python)))
  // Exact minors are kept even when the known list lacks them (it is built from the same data, so it should not).
  for (const item of coverage.split(',')) {
    if (minorOf(item)) named.add(item)
    const range = /^(\d+)\.(\d+)-\d+\.(\d+)$/.exec(item)
    if (range) for (let n = Number(range[2]); n <= Number(range[3]); n++) named.add(`${range[1]}.${n}`)
  }
  return [...named].sort(comparePythons)
}

export function comparePythons(a: string, b: string): number {
  const [x, y] = [minorOf(a) ?? [0, 0], minorOf(b) ?? [0, 0]]
  return x[0] - y[0] || x[1] - y[1]
}
