// The reader against pip itself: 360 generated adversarial repositories are read by keras-compat and by pip's own
// parse_requirements (pip pinned to PIP_VERSION, in a venv this test makes, one Python process for all files), and
// every requirement line must come out the same: name, specifiers, marker, URL (as pip sees them, variables
// expanded), extras, editable, requirement or constraint, file and line. Where pip fails, the reader must report a
// problem at the same file and line, and agree on every requirement pip read before it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expandVariables } from '../../src/requirements/expand.js'
import { isUrl, stripExtras, VCS_NAMES } from '../../src/requirements/links.js'
import { canonicalMarker, parseMarker } from '../../src/requirements/markers.js'
import { parsePep508 } from '../../src/requirements/pep508.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { type Requirement, type RequirementSet } from '../../src/requirements/types.js'
import { createPipVenv, PIP_VERSION, type PipVenv, runPython } from '../helpers/pip-venv.js'
import { CORPUS_ENV, type CorpusCase, generateCase } from '../helpers/req-corpus.js'
import { scratchDir } from '../helpers/scratch.js'

// Fixed, so a failure can be replayed; KC_DIFF_SEED / KC_DIFF_CASES explore other corpora by hand.
const SEED = Number(process.env.KC_DIFF_SEED ?? 20_240_612)
const CASES = Number(process.env.KC_DIFF_CASES ?? 360)
// Another pip (KC_DIFF_PIP=24.3.1, 23.2.1) shows by hand where older pips read files differently.
const PIP = process.env.KC_DIFF_PIP ?? PIP_VERSION
const HARNESS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'helpers', 'pip-parse.py')

interface Line {
  file: string
  line: number
  constraint: boolean
  editable: boolean
  name: string | null
  specifier: string[]
  marker: string | null
  url: string | null
  extras: string[]
}

interface PipResult {
  id: number
  items: Line[]
  error: null | { where: { file: string; line: number } | null; message: string }
}

let venv: PipVenv
let root: string

beforeAll(() => {
  venv = createPipVenv(PIP)
  root = scratchDir('differential')
}, 300_000)

afterAll(() => {
  venv?.remove()
  if (root) rmSync(root, { recursive: true, force: true })
})

function materialise(c: CorpusCase): string {
  const dir = path.join(root, `case-${c.id}`)
  for (const d of c.dirs) mkdirSync(path.join(dir, d), { recursive: true })
  for (const f of c.files) writeFileSync(path.join(dir, f.rel), f.bytes)
  return dir
}

/** The URL pip reports for a requirement line, from the URL as the reader keeps it (as written). */
function pipUrl(req: Requirement, cwd: string): string | null {
  if (!req.url) return null
  const url = expandVariables(req.url, CORPUS_ENV)
  const raw = expandVariables(req.raw, CORPUS_ENV)
  if (req.editable) {
    const vcs = VCS_NAMES.find(v => url.toLowerCase().startsWith(`${v}:`))
    if (vcs) return `${vcs}+${url}`
    if (isUrl(url) || parsePep508(raw).ok) return url
    return pathToFileURL(path.resolve(cwd, url)).href
  }
  if (isUrl(url)) return url
  const direct = parsePep508(raw.split(';')[0].trim())
  if (direct.ok && direct.value.url) return url
  return pathToFileURL(path.resolve(cwd, stripExtras(url)[0])).href
}

function marker(text: string): string | null {
  if (!text) return null
  const parsed = parseMarker(text)
  return parsed.ok ? canonicalMarker(parsed.marker) : `unparsable: ${text}`
}

function toolLine(req: Requirement, cwd: string): Line {
  return {
    file: req.location.file,
    line: req.location.line,
    constraint: req.kind === 'constraint',
    editable: req.editable,
    name: req.name || null,
    specifier: [...new Set(req.specifier.split(',').filter(Boolean))].sort(),
    marker: marker(req.marker),
    url: pipUrl(req, cwd),
    extras: [...new Set(req.extras)].sort()
  }
}

interface Mismatch {
  id: number
  label: string
  why: string
  pip: unknown
  tool: unknown
}

function compare(c: CorpusCase, cwd: string, pip: PipResult, set: RequirementSet): Mismatch | undefined {
  const tool = set.requirements.map(r => toolLine(r, cwd))
  const miss = (why: string, p: unknown, t: unknown): Mismatch => ({ id: c.id, label: c.label, why, pip: p, tool: t })
  // Only the first pair of lines that differ is shown: enough to see why.
  const differ = (why: string, a: Line[], b: Line[]) => {
    const i = a.findIndex((x, k) => JSON.stringify(x) !== JSON.stringify(b[k]))
    const at = i < 0 ? Math.min(a.length, b.length) : i
    return miss(`${why} (line ${at + 1} of ${a.length} from pip, ${b.length} from the reader)`, a[at], b[at])
  }
  if (!pip.error) {
    if (set.problems.length > 0) return miss('pip read the file without error', pip.items.length, set.problems)
    if (JSON.stringify(tool) !== JSON.stringify(pip.items)) return differ('requirement lines differ', pip.items, tool)
    return undefined
  }
  const prefix = tool.slice(0, pip.items.length)
  if (JSON.stringify(prefix) !== JSON.stringify(pip.items)) {
    return differ('requirement lines before pip’s error differ', pip.items, prefix)
  }
  const first = set.problems[0]
  const where = pip.error.where
  if (!first) return miss('pip failed, the reader reported no problem', pip.error, tool)
  if (where && (first.location.file !== where.file || first.location.line !== where.line)) {
    return miss('first problem is not where pip failed', pip.error, first)
  }
  if (!where && first.location.file !== path.join(cwd, c.top))
    return miss('pip failed on the file itself', pip.error, first)
  return undefined
}

describe(`requirement files read as pip ${PIP_VERSION} reads them`, () => {
  it(`agrees with pip's parse_requirements on ${CASES} generated files`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => generateCase(SEED, i))
    const dirs = cases.map(materialise)
    const manifest = { cases: cases.map((c, i) => ({ id: c.id, cwd: dirs[i], file: path.join(dirs[i], c.top) })) }
    const out = JSON.parse(runPython(venv, [HARNESS], JSON.stringify(manifest), CORPUS_ENV)) as {
      pip: string
      results: PipResult[]
    }
    expect(out.pip).toBe(PIP)
    const mismatches: Mismatch[] = []
    let pipErrors = 0
    let lines = 0
    cases.forEach((c, i) => {
      const set = readRequirementFiles([path.join(dirs[i], c.top)], { env: CORPUS_ENV, cwd: dirs[i], root: dirs[i] })
      const pip = out.results[i]
      if (pip.error) pipErrors++
      lines += pip.items.length
      const mismatch = compare(c, dirs[i], pip, set)
      if (mismatch) mismatches.push(mismatch)
    })
    if (process.env.KC_DIFF_SEED)
      console.log({ seed: SEED, cases: CASES, pipErrors, lines, mismatches: mismatches.length })
    // The corpus must exercise both outcomes, or it proves little.
    expect(pipErrors).toBeGreaterThan(CASES / 5)
    expect(CASES - pipErrors).toBeGreaterThan(CASES / 10)
    expect(lines).toBeGreaterThan(CASES)
    expect({ count: mismatches.length, first: mismatches.slice(0, 6) }).toEqual({ count: 0, first: [] })
  })
})
