// The import graph of src/: no circles, and no import from a lower layer up to a higher one. The layers, lowest
// first, are the order below; a folder may import its own files and anything lower, never anything higher.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src')

const LAYERS: string[][] = [
  ['core', 'util', 'versions'],
  ['knowledge', 'requirements'],
  ['preflight', 'override'],
  ['environment', 'cache'],
  ['install'],
  ['probe'],
  ['diagnose'],
  ['verify', 'fixplan'],
  ['report'],
  ['config'],
  ['pipeline'],
  ['finish'],
  ['action', 'cli', 'bundle.ts', 'bundle-cli.ts']
]

const rankOf = (file: string): number => {
  const top = path.relative(SRC, file).split(path.sep)[0]
  const rank = LAYERS.findIndex(l => l.includes(top))
  if (rank < 0) throw new Error(`${path.relative(SRC, file)} is in no layer: add its folder to LAYERS`)
  return rank
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/**
 * Every relative module a file imports or re-exports, types included, as absolute .ts paths: `from` clauses, bare
 * imports for their side effects (`import './x.js'`) and dynamic `import('./x.js')`.
 */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const patterns = [
    /(?:^|\n)\s*(?:import|export)[^'";]*?from\s*'(\.{1,2}\/[^']+)'/g,
    /(?:^|\n)\s*import\s*'(\.{1,2}\/[^']+)'/g,
    /\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g
  ]
  const specs = patterns.flatMap(p => [...text.matchAll(p)].map(m => m[1]))
  return specs.map(s => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')))
}

const files = sources(SRC)
const graph = new Map(files.map(f => [f, importsOf(f).filter(i => i.endsWith('.ts'))]))
const rel = (f: string) => path.relative(SRC, f)

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(rel(w))
      } while (w !== v)
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort())
    }
  }
  for (const f of graph.keys()) if (!idx.has(f)) visit(f)
  return found
}

describe('the layers of src/', () => {
  it('has no import circle', () => {
    expect(cycles()).toEqual([])
  })

  it('never imports from a higher layer', () => {
    const upward = [...graph].flatMap(([from, tos]) =>
      tos.filter(to => graph.has(to) && rankOf(to) > rankOf(from)).map(to => `${rel(from)} → ${rel(to)}`)
    )
    expect(upward).toEqual([])
  })

  it('imports @actions/* only at the action edge', () => {
    const offenders = files.filter(
      f =>
        !rel(f).startsWith(`action${path.sep}`) && /(?:from|import)\s*\(?\s*'@actions\//.test(readFileSync(f, 'utf8'))
    )
    expect(offenders.map(rel)).toEqual([])
  })

  it("keeps the CLI's bundle clear of the action's edge: nothing under action/ is reachable from it", () => {
    const reached = new Set<string>()
    const walk = (f: string): void => {
      if (reached.has(f) || !graph.has(f)) return
      reached.add(f)
      for (const to of graph.get(f) ?? []) walk(to)
    }
    walk(path.join(SRC, 'bundle-cli.ts'))
    expect(reached.size).toBeGreaterThan(50) // the walk did follow the CLI's imports
    expect([...reached].map(rel).filter(f => f.startsWith(`action${path.sep}`))).toEqual([])
  })

  it('can fail: a planted upward import and a planted circle are both seen', () => {
    const a = path.join(SRC, 'core', 'x.ts')
    const b = path.join(SRC, 'report', 'y.ts')
    graph.set(a, [b])
    graph.set(b, [a])
    try {
      expect(cycles()).toContainEqual(['core/x.ts', 'report/y.ts'])
      expect(rankOf(b)).toBeGreaterThan(rankOf(a))
    } finally {
      graph.delete(a)
      graph.delete(b)
    }
  })
})
