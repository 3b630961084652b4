// Suppressions where the report is finished: an entry covers findings by id, package and file; the reason goes with
// them; an expired entry stops suppressing and says so; an entry that matches nothing is reported; the status counts
// only what is left. End to end through finishReport with a real config file and a real preflight check.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { finding, report } from '../../__fixtures__/report.js'
import { readActionSettings } from '../../src/config/action.js'
import { INPUTS } from '../../src/config/inputs.js'
import { silentLog } from '../../src/core/log.js'
import { finishMatrix, finishReport } from '../../src/finish/finish.js'
import { check } from '../../src/pipeline/check.js'
import { gatedStatus } from '../../src/report/gate.js'
import { type LineText, packageOfLine } from '../../src/report/lines.js'
import { renderFinishedSummary } from '../../src/report/render/gate.js'
import { globToRegExp, type IgnoreRule, suppress } from '../../src/report/suppress.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { configFor } from '../helpers/config.js'
import { scratchDir } from '../helpers/scratch.js'

const LINES: Record<string, string[]> = {
  'requirements.txt': ['tensorflow-cpu==2.15.1', 'Keras>=3  # new', 'tf_keras==2.15.0'],
  'services/api/requirements-dev.txt': ['numpy>=2']
}
const lineText: LineText = (file, line) => LINES[file]?.[line - 1]
const source = { file: '.github/keras-compat.yml', line: 3 }
const rule = (over: Partial<IgnoreRule>): IgnoreRule => ({ id: 'keras-tf-mismatch', reason: 'r', source, ...over })

const mismatch = finding({
  id: 'keras-tf-mismatch',
  locations: [
    { file: 'requirements.txt', line: 1 },
    { file: 'requirements.txt', line: 2 }
  ]
})
const numpy = finding({ id: 'numpy-range', locations: [{ file: 'services/api/requirements-dev.txt', line: 1 }] })

describe('suppress', () => {
  it('matches by id, by package (any spelling, from the lines) and by file glob', () => {
    const run = (r: IgnoreRule) => suppress([mismatch, numpy], [r], lineText, '2026-01-01')
    expect(run(rule({})).suppressed.map(f => f.id)).toEqual(['keras-tf-mismatch'])
    expect(run(rule({ package: 'KERAS' })).suppressed).toHaveLength(1)
    expect(run(rule({ package: 'tensorflow_cpu' })).suppressed).toHaveLength(1)
    expect(run(rule({ package: 'numpy' })).suppressed).toHaveLength(0)
    expect(run(rule({ id: 'numpy-range', file: 'services/**/requirements*.txt' })).suppressed).toHaveLength(1)
    expect(run(rule({ id: 'numpy-range', file: 'requirements*.txt' })).suppressed).toHaveLength(0)
  })

  it('carries the reason with the finding, and keeps the rest', () => {
    const out = suppress(
      [mismatch, numpy],
      [rule({ reason: 'migrating', until: '2026-03-01' })],
      lineText,
      '2026-01-01'
    )
    expect(out.kept).toEqual([numpy])
    expect(out.suppressed[0].suppression).toEqual({ reason: 'migrating', until: '2026-03-01', source })
    expect(out.entries[0]).toMatchObject({ state: 'used', matched: 1 })
  })

  it('honours until: the last day still suppresses, the day after the entry is expired and the finding counts', () => {
    const r = rule({ until: '2026-01-31' })
    expect(suppress([mismatch], [r], lineText, '2026-01-31').suppressed).toHaveLength(1)
    const after = suppress([mismatch], [r], lineText, '2026-02-01')
    expect(after.suppressed).toHaveLength(0)
    expect(after.kept).toEqual([mismatch])
    expect(after.entries[0]).toMatchObject({ state: 'expired', matched: 1 })
  })

  it('reports an entry that matches nothing as unused', () => {
    const out = suppress([numpy], [rule({})], lineText, '2026-01-01')
    expect(out.entries.map(e => [e.state, e.matched])).toEqual([['unused', 0]])
  })

  it('reads package names off requirement and pyproject lines, and not off options', () => {
    expect(packageOfLine('Tensorflow_CPU==2.15.1 ; python_version<"3.12"')).toBe('tensorflow-cpu')
    expect(packageOfLine('    "keras>=3",')).toBe('keras')
    expect(packageOfLine('-r other.txt')).toBeUndefined()
    expect(globToRegExp('**/requirements*.txt').test('a/b/requirements-dev.txt')).toBe(true)
    expect(globToRegExp('**/requirements*.txt').test('requirements.txt')).toBe(true)
    expect(globToRegExp('req?.txt').test('req/.txt')).toBe(false)
  })
})

describe('the status once findings are suppressed or pre-existing', () => {
  const gating = (findings = [numpy]) => ({ findings, suppressed: [], entries: [] })
  it('counts only what is left', () => {
    expect(gatedStatus('fail', [mismatch, numpy], gating([]))).toBe('pass')
    expect(gatedStatus('fail', [mismatch, numpy], gating())).toBe('fail')
    expect(gatedStatus('fail', [mismatch], gating([{ ...mismatch, baseline: 'pre-existing' }]))).toBe('pass')
    expect(gatedStatus('fail', [mismatch], gating([{ ...numpy, severity: 'warning' }]))).toBe('warn')
  })
  it('never passes a failure that no finding explains (nothing installed, a probe that stopped)', () => {
    expect(gatedStatus('fail', [], gating([]))).toBe('fail')
    expect(gatedStatus('fail', [{ ...numpy, severity: 'warning' }], gating([]))).toBe('fail')
  })
})

describe('finishing a real report with a real config file', () => {
  it('suppresses, lists the suppressed apart, reports expired and unused entries, and passes', async () => {
    const ws = scratchDir('sup')
    writeFileSync(path.join(ws, 'requirements.txt'), 'tensorflow-cpu==2.15.1\nkeras>=3\n')
    mkdirSync(path.join(ws, '.github'))
    writeFileSync(
      path.join(ws, '.github/keras-compat.yml'),
      [
        'preflight-only: true',
        'ignore:',
        '  - id: keras-tf-mismatch',
        '    package: keras',
        '    reason: Keras 3 migration in progress',
        '  - id: numpy-range',
        '    reason: old',
        '    until: 2020-01-01',
        '  - id: pip-check',
        '    reason: nothing matches this'
      ].join('\n')
    )
    const defaults = Object.fromEntries(Object.values(INPUTS).map(r => [r.input, r.default]))
    const settings = readActionSettings(name => defaults[name] ?? '', ws)
    const deps = {
      runner: nodeProcessRunner,
      log: silentLog,
      tempRoot: os.tmpdir(),
      pathBase: ws,
      baseEnv: process.env
    }
    const checked = await check(settings.config, deps)
    expect(checked.status).toBe('fail')
    const done = await finishReport(checked, { settings, deps, event: { name: '', repository: '' }, now: new Date() })
    expect(done.status).toBe('pass')
    expect(done.findings).toEqual([])
    expect(done.suppressed!.map(f => [f.id, f.suppression.reason, f.suppression.source.line])).toEqual([
      ['keras-tf-mismatch', 'Keras 3 migration in progress', 3]
    ])
    expect(done.ignoreEntries!.map(e => e.state)).toEqual(['used', 'expired', 'unused'])
    expect(done.tensorflowMatrix).toEqual(expect.arrayContaining(['2.21']))
    const summary = renderFinishedSummary(done)
    expect(summary).toContain('<h3>Suppressed findings (1)</h3>')
    expect(summary).toContain('Keras 3 migration in progress')
    expect(summary).toContain('expired on 2020-01-01')
    expect(summary).toContain('matched no finding')
    expect(summary).toContain('<h3>Findings (0)</h3>')
  })
})

describe('finishing a matrix', () => {
  it('suppresses in each version and recomputes the matrix status from the versions', async () => {
    const ws = scratchDir('supm')
    const failing = report({ status: 'fail', findings: [finding({ id: 'keras-tf-mismatch', locations: [] })] })
    const matrix = {
      schemaVersion: 1 as const,
      kind: 'matrix' as const,
      status: 'fail' as const,
      matrixPass: 'all' as const,
      entries: [
        { requested: '2.15', report: report() },
        { requested: '2.21', report: failing }
      ],
      newestPassing: '',
      toNewest: ''
    }
    const settings = {
      config: configFor(ws, { tensorflowVersions: [] }),
      file: { name: '.github/keras-compat.yml', values: {}, ignore: [rule({ until: '2999-01-01' })] },
      notes: []
    }
    const deps = {
      runner: nodeProcessRunner,
      log: silentLog,
      tempRoot: os.tmpdir(),
      pathBase: ws,
      baseEnv: process.env
    }
    const done = await finishMatrix(matrix, { settings, deps, event: { name: '', repository: '' }, now: new Date() })
    expect(done.status).toBe('pass')
    expect(done.entries.map(e => [e.requested, e.report.status, e.report.suppressed?.length])).toEqual([
      ['2.15', 'pass', 0],
      ['2.21', 'pass', 1]
    ])
  })
})
