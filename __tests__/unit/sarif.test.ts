// SARIF for code scanning, from real preflight-only reports (real interpreter query, real requirement files), checked
// against the official SARIF 2.1.0 schema: the fields code scanning reads, stable fingerprints, one run per version.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { finding, report } from '../../__fixtures__/report.js'
import { type Config } from '../../src/config/types.js'
import { FINDINGS_DOC } from '../../src/core/constants.js'
import { FINDING_IDS } from '../../src/core/ids.js'
import { silentLog } from '../../src/core/log.js'
import { fileLines } from '../../src/finish/line-text.js'
import { sarifCategory, sarifRuns } from '../../src/finish/sarif.js'
import { check } from '../../src/pipeline/check.js'
import { type MatrixReport } from '../../src/report/model.js'
import { RULE_TEXT } from '../../src/report/render/rules.js'
import { FINGERPRINT_KEY, renderSarif } from '../../src/report/render/sarif.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { configFor } from '../helpers/config.js'
import { sarifErrors } from '../helpers/sarif-schema.js'
import { scratchDir } from '../helpers/scratch.js'

async function checked(files: Record<string, string>, overrides: Partial<Config> = {}) {
  const dir = scratchDir('sarif')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  const config = configFor(dir, { preflightOnly: true, ...overrides })
  const deps = { runner: nodeProcessRunner, log: silentLog, tempRoot: os.tmpdir(), pathBase: dir, baseEnv: process.env }
  const result = await check(config, deps)
  return { dir, config, result, sarif: renderSarif(sarifRuns(result, config, dir), fileLines(dir)) }
}

const fingerprints = (log: ReturnType<typeof renderSarif>) =>
  log.runs[0].results!.map(r => r.partialFingerprints![FINGERPRINT_KEY])

describe('SARIF', () => {
  it('a failing set: valid SARIF 2.1.0 with ruleId, location, fingerprint, helpUri and the fix in the message', async () => {
    const { sarif, result } = await checked({ 'requirements.txt': '# pins\ntensorflow-cpu==2.15.1\nkeras>=3\n' })
    expect(sarifErrors(sarif)).toEqual([])
    const run = sarif.runs[0]
    const results = run.results!
    expect(results.map(r => [r.ruleId, r.level, r.locations![0].physicalLocation!.region!.startLine])).toEqual([
      ['keras-tf-mismatch', 'error', 2],
      ['keras-tf-mismatch', 'error', 3]
    ])
    expect(results[0].locations![0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'requirements.txt' },
      region: { startLine: 2, snippet: { text: 'tensorflow-cpu==2.15.1' } }
    })
    expect(results[0].relatedLocations?.[0].physicalLocation?.region?.startLine).toBe(3)
    const rule = run.tool.driver.rules![results[0].ruleIndex!]
    expect(rule).toMatchObject({
      id: 'keras-tf-mismatch',
      helpUri: `${FINDINGS_DOC}#keras-tf-mismatch`,
      defaultConfiguration: { level: 'error' }
    })
    expect(rule.shortDescription!.text.length).toBeGreaterThan(10)
    expect(fingerprints(sarif).every(f => /^[0-9a-f]{32}$/.test(f))).toBe(true)
    const text = results[0].message.text!
    expect(text).toContain('Fix: Change the keras line')
    // The message carries the finding's line edits, and SARIF's `fixes` the same replacements. (The fix plan may
    // drop an edit that contradicts it: then neither shows one.)
    const edits = ('findings' in result ? result.findings : []).find(f => f.id === 'keras-tf-mismatch')?.edits ?? []
    for (const e of edits) expect(text).toContain(`- ${e.before}\n+ ${e.after}`)
    const inserted = results.flatMap(r => r.fixes ?? []).flatMap(f => f.artifactChanges[0].replacements)
    expect(inserted.map(r => r.insertedContent?.text)).toEqual(expect.arrayContaining(edits.map(e => e.after)))
    expect(run.automationDetails?.id).toBe('keras-compat/')
  })

  it("a finding's line edits: in the message as a diff, and as SARIF fixes on the changed line", () => {
    const dir = scratchDir('sarif-edits')
    writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow-cpu==2.15.1\nkeras>=3\n')
    const withEdit = finding({
      id: 'keras-tf-mismatch',
      locations: [{ file: 'requirements.txt', line: 2 }],
      edits: [{ file: 'requirements.txt', line: 2, before: 'keras>=3', after: 'keras>=2.15.0,<2.16' }]
    })
    const config = configFor(dir, { preflightOnly: true })
    const log = renderSarif(sarifRuns(report({ findings: [withEdit] }), config, dir), fileLines(dir))
    const [result] = log.runs[0].results!
    expect(result.message.text).toContain('- keras>=3\n+ keras>=2.15.0,<2.16')
    expect(result.fixes?.[0].artifactChanges[0].replacements![0].insertedContent?.text).toBe('keras>=2.15.0,<2.16')
  })

  it('fingerprints follow the line text, not its number: a moved line keeps them, a changed line does not', async () => {
    const a = await checked({ 'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras>=3\n' })
    const moved = await checked({ 'requirements.txt': '# a comment\n\nkeras >= 3   # why\ntensorflow-cpu==2.15.1\n' })
    const changed = await checked({ 'requirements.txt': 'tensorflow-cpu==2.15.0\nkeras>=3\n' })
    expect(new Set(fingerprints(moved.sarif))).toEqual(new Set(fingerprints(a.sarif)))
    expect(fingerprints(changed.sarif)[0]).not.toBe(fingerprints(a.sarif)[0])
    expect(fingerprints(changed.sarif)[1]).toBe(fingerprints(a.sarif)[1])
  })

  it('one rule per finding id, each described, with the level docs/findings.md names first', () => {
    const docs = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8')
    const log = renderSarif(
      [{ report: report(), category: 'keras-compat', defaultFile: 'requirements.txt' }],
      () => undefined
    )
    expect(log.runs[0].tool.driver.rules!.map(r => r.id)).toEqual([...FINDING_IDS])
    for (const id of FINDING_IDS) {
      const section = docs.split(`\n## ${id}\n`)[1]?.split('\n## ')[0] ?? ''
      const first = /\*\*(error|warning|info)\b/.exec(section)?.[1]
      expect({ id, level: RULE_TEXT[id]?.level }).toEqual({ id, level: first })
    }
  })

  it('a suppressed finding is a result with an accepted suppression and its reason; a pre-existing one is unchanged', () => {
    const r = report({
      status: 'pass',
      findings: [finding({ baseline: 'pre-existing' })],
      suppressed: [
        {
          ...finding({ id: 'pip-check', severity: 'warning', locations: [] }),
          suppression: {
            reason: 'known upstream',
            until: '2030-01-01',
            source: { file: '.github/keras-compat.yml', line: 5 }
          }
        }
      ]
    })
    const log = renderSarif([{ report: r, category: 'keras-compat', defaultFile: 'requirements.txt' }], () => undefined)
    expect(sarifErrors(log)).toEqual([])
    const [old, hidden] = log.runs[0].results!
    expect(old.baselineState).toBe('unchanged')
    expect(hidden.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', status: 'accepted', justification: 'known upstream' })
    ])
    // A finding with no place of its own is shown on the first requirement file.
    expect(hidden.locations![0].physicalLocation!.artifactLocation!.uri).toBe('requirements.txt')
  })

  it('a matrix: one run per version, each with its own category', () => {
    const matrix: MatrixReport = {
      schemaVersion: 1,
      kind: 'matrix',
      status: 'fail',
      matrixPass: 'all',
      entries: ['2.15', '2.21'].map(v => ({ requested: v, report: report({ findings: [finding()] }) })),
      newestPassing: '',
      toNewest: ''
    }
    const config = configFor('/ws/examples/app')
    const log = renderSarif(sarifRuns(matrix, config, '/ws'), () => undefined)
    expect(sarifErrors(log)).toEqual([])
    expect(log.runs.map(r => r.automationDetails!.id)).toEqual([
      'keras-compat/examples/app/tensorflow-2.15/',
      'keras-compat/examples/app/tensorflow-2.21/'
    ])
    expect(sarifCategory(configFor('/ws'), '/ws', 'tensorflow-cpu 2.21')).toBe('keras-compat/tensorflow-cpu-2.21')
  })

  it('the schema check can fail: a result without a message, a bad level, a bad URI are each refused', () => {
    const log = renderSarif(
      [{ report: report({ findings: [finding()] }), category: 'k', defaultFile: 'r.txt' }],
      () => undefined
    )
    const broken = JSON.parse(JSON.stringify(log))
    delete broken.runs[0].results[0].message
    broken.runs[0].results[0].level = 'fatal'
    broken.runs[0].tool.driver.informationUri = 'not a uri'
    const errors = sarifErrors(broken).join('\n')
    expect(errors).toContain("must have required property 'message'")
    expect(errors).toContain('must be equal to one of the allowed values')
    expect(errors).toContain('must match format "uri"')
  })
})
