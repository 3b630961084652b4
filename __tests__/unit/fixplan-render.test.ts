// The fix plan where users act: the summary opens with it (one diff, its proof on top), annotations on each changed
// line carry its edit, the terminal shows it, the outputs and the schema name it. Requirement text is untrusted:
// rendered by GitHub's own Markdown parser (cmark-gfm), a hostile plan adds no element to the page.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { finding, report } from '../../__fixtures__/report.js'
import { type FixPlan } from '../../src/fixplan/types.js'
import { type MatrixReport } from '../../src/report/model.js'
import { annotationsFor } from '../../src/report/render/annotations.js'
import { matrixTopLine, renderMatrixSummary } from '../../src/report/render/matrix.js'
import { outputsFor } from '../../src/report/render/outputs.js'
import { renderSummary } from '../../src/report/render/summary.js'
import { PLAIN, renderTerminal } from '../../src/report/render/terminal.js'
import { createGfm, type Gfm } from '../helpers/gfm.js'
import { census, elements, otherMarkup, visibleText } from '../helpers/html.js'
import { schemaErrors } from '../helpers/report-schema.js'

jest.setTimeout(5 * 60_000)

function plan(overrides: Partial<FixPlan> = {}): FixPlan {
  return {
    found: true,
    edits: [
      { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
      { file: 'requirements.txt', line: 2, before: 'keras==2.9.0', after: 'keras==2.12.0' }
    ],
    python: '3.11',
    env: {},
    tensorflow: 'tensorflow-cpu 2.12.1',
    summary: '`tensorflow-cpu==2.9.3` → `tensorflow-cpu==2.12.1`; `keras==2.9.0` → `keras==2.12.0`',
    verification: {
      status: 'verified',
      detail: 'installs and passes the smoke test on Python 3.11 (uv, 38 s)',
      proof: 'smoke-test',
      seconds: 38,
      tried: 1
    },
    patch:
      'diff --git a/requirements.txt b/requirements.txt\n--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1,2 +1,2 @@\n' +
      '-tensorflow-cpu==2.9.3\n-keras==2.9.0\n+tensorflow-cpu==2.12.1\n+keras==2.12.0\n',
    patchNotes: [],
    ...overrides
  }
}

const failing = (p: FixPlan = plan()) =>
  report({ status: 'fail', findings: [finding({ id: 'resolution-conflict' })], fixPlan: p })

describe('the job summary', () => {
  it('opens with the plan: its proof as the heading, then the change, then the one diff, before the findings', () => {
    const html = renderSummary(failing())
    const heading = '<h3>Fix plan: ✅ installs and passes the smoke test on Python 3.11 (uv, 38 s)</h3>'
    expect(html).toContain(heading)
    expect(html.indexOf(heading)).toBeLessThan(html.indexOf('<h3>Findings'))
    expect(html).toContain('<pre lang="diff">diff --git a/requirements.txt b/requirements.txt&#10;')
    expect(html).toContain('+keras==2.12.0&#10;</pre>')
    expect(html).toContain('<code>tensorflow-cpu==2.9.3</code> → <code>tensorflow-cpu==2.12.1</code>')
  })

  it('labels exactly what was proven, and says so when nothing was found', () => {
    const unproven = plan({
      verification: { status: 'not-verified', detail: 'preflight only', proof: 'none', seconds: 0, tried: 0 }
    })
    expect(renderSummary(failing(unproven))).toContain('<h3>Fix plan: ⚠️ not verified: preflight only</h3>')
    const python = plan({ python: '3.10', env: { TF_USE_LEGACY_KERAS: '1' }, patchNotes: ['pyproject.toml: left out'] })
    const html = renderSummary(failing(python))
    expect(html).toContain('Use Python 3.10 (this run used 3.11.7).')
    expect(html).toContain('<code>TF_USE_LEGACY_KERAS=1</code>')
    expect(html).toContain('Not in the patch: pyproject.toml: left out.')
    const none = plan({ found: false, edits: [], patch: '', summary: 'no change clears every error' })
    expect(renderSummary(failing(none))).toContain('<h3>Fix plan: none found</h3>\n<p>no change clears every error</p>')
    expect(renderSummary(report())).not.toContain('Fix plan')
  })
})

describe('untrusted requirement text in the plan, rendered by cmark-gfm', () => {
  let gfm: Gfm
  let pages: string[]
  const evil = 'keras==2.9.0 # <img src=x onerror=alert(1)>\n\n# Pwned\n![p](https://evil.example/p.png) `x` **b**'
  const harmless = (t: string) => t.replace(/[^A-Za-z0-9\n]/g, 'x')
  const hostile = (t: (s: string) => string) =>
    plan({
      edits: [{ file: 'requirements.txt', line: 2, before: t(evil), after: 'keras==2.12.0' }],
      summary: `\`${t(evil)}\` → \`keras==2.12.0\``,
      patch: `diff --git a/r b/r\n@@ -2 +2 @@\n-${t(evil)}\n+keras==2.12.0\n`,
      verification: { status: 'failed', detail: t(evil), proof: 'smoke-test', seconds: 1, tried: 1, evidence: t(evil) },
      patchNotes: [t(evil)],
      env: { [t('K<b>')]: t(evil) }
    })
  beforeAll(() => {
    gfm = createGfm()
    pages = gfm.render([renderSummary(failing(hostile(s => s))), renderSummary(failing(hostile(harmless)))])
  }, 5 * 60_000)
  afterAll(() => gfm?.dispose())

  it('adds no element, and shows the lines literally', () => {
    const [html, calm] = pages
    expect(census(html, ['code', 'br'])).toEqual(census(calm, ['code', 'br']))
    expect(elements(html).filter(e => ['img', 'h1', 'script', 'em'].includes(e.name))).toEqual([])
    expect(otherMarkup(html)).toEqual([])
    expect(visibleText(html)).toContain('-keras==2.9.0 # <img src=x onerror=alert(1)>')
    expect(visibleText(html)).toContain('# Pwned')
  })
})

describe('annotations', () => {
  it('carry the plan’s edit on each changed line: on the findings there, or as a notice of their own', () => {
    const f = finding({ id: 'resolution-conflict', locations: [{ file: 'requirements.txt', line: 1 }] })
    const notes = annotationsFor([f], plan())
    const onLine1 = notes.find(a => a.line === 1)!
    expect(onLine1.level).toBe('error')
    expect(onLine1.message).toMatch(
      /\nFix plan: change this line to tensorflow-cpu==2\.12\.1 \(one change with the plan's other lines; installs and passes/
    )
    expect(notes.find(a => a.line === 2)).toMatchObject({
      level: 'notice',
      title: 'fix-plan: change this line',
      file: 'requirements.txt'
    })
    const added = annotationsFor([], plan({ edits: [{ file: 'requirements.txt', before: '', after: 'numpy<2' }] }))
    expect(added).toEqual([
      expect.objectContaining({
        title: 'fix-plan: add a line to this file',
        message: expect.stringMatching(/add numpy<2/)
      })
    ])
    expect(annotationsFor([f], plan({ found: false }))).toHaveLength(1)
  })
})

describe('terminal, outputs, schema, matrix', () => {
  it('prints the plan first with its diff and how to apply it', () => {
    const text = renderTerminal(failing(), PLAIN)
    const lines = text.split('\n')
    expect(lines[2]).toBe('Fix plan ✓ installs and passes the smoke test on Python 3.11 (uv, 38 s)')
    expect(lines).toContain('  +keras==2.12.0')
    expect(text).toContain('apply: keras-compat DIR --fix')
  })

  it('names the patch file in fix-patch', () => {
    expect(outputsFor(failing(), '/tmp/r.json', '/tmp/fix.patch')['fix-patch']).toBe('/tmp/fix.patch')
    expect(outputsFor(report(), '/tmp/r.json')['fix-patch']).toBe('')
  })

  it('is in the schema: a report and a matrix with a plan pass, a made-up proof does not', () => {
    expect(schemaErrors('report', failing())).toEqual([])
    const bad = failing(plan({ verification: { ...plan().verification, proof: 'vibes' as 'none' } }))
    expect(schemaErrors('report', bad).join('\n')).toMatch(
      /fixPlan\/verification\/proof must be equal to one of the allowed values/
    )
    const matrix: MatrixReport = {
      schemaVersion: 1,
      kind: 'matrix',
      status: 'fail',
      matrixPass: 'all',
      entries: [{ requested: 'latest', report: failing() }],
      newestPassing: '2.15.1',
      toNewest: 'tensorflow-cpu==2.15.1 → tensorflow-cpu==2.21.0 (resolves (uv 0.13.9 dry run))',
      newestPlan: plan()
    }
    expect(schemaErrors('report', matrix)).toEqual([])
    expect(matrixTopLine(matrix)).toBe(
      'Newest TensorFlow that works with the pins as they are: 2.15.1. To reach the newest requested, one change: tensorflow-cpu==2.15.1 → tensorflow-cpu==2.21.0 (resolves (uv 0.13.9 dry run))'
    )
    expect(renderMatrixSummary(matrix)).toContain('<h3>Fix plan: ✅')
  })
})
