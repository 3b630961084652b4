// docs/report.schema.json against the code: the same ids, reports built the way the renderers see them accepted,
// and drift refused. Real reports from every integration run are checked by the integration helpers.
import { describe, expect, it } from '@jest/globals'
import { finding, report, step } from '../../__fixtures__/report.js'
import { FINDING_IDS } from '../../src/core/ids.js'
import { matrixOutputs } from '../../src/report/render/matrix.js'
import { outputsFor } from '../../src/report/render/outputs.js'
import { type MatrixReport } from '../../src/report/model.js'
import { REPORT_SCHEMA, schemaErrors } from '../helpers/report-schema.js'

const full = report({
  steps: [step('python', 'ok', { version: '3.11.7' }), step('tensorflow.import', 'error')],
  findings: [
    finding({
      edits: [{ file: 'requirements.txt', line: 2, before: 'keras>=3', after: 'keras>=2.15.0,<2.16' }],
      verification: { status: 'verified', detail: 'resolves (uv 0.13.9 dry run)' },
      stage: 'preflight',
      provenBy: 'install'
    })
  ]
})

describe('docs/report.schema.json', () => {
  it('lists exactly the finding ids the code can report', () => {
    expect(REPORT_SCHEMA.$defs.findingId.enum).toEqual([...FINDING_IDS])
  })

  it('accepts a report, its findings output, and a matrix report with its matrix output', () => {
    expect(schemaErrors('report', full)).toEqual([])
    expect(schemaErrors('findings', JSON.parse(outputsFor(full, '/tmp/r.json').findings))).toEqual([])
    const matrix: MatrixReport = {
      schemaVersion: 1,
      kind: 'matrix',
      status: 'fail',
      matrixPass: 'all',
      entries: [{ requested: '2.15', report: full }],
      newestPassing: '',
      toNewest: ''
    }
    expect(schemaErrors('report', matrix)).toEqual([])
    const outputs = matrixOutputs(matrix, '/tmp/r.json')
    expect(schemaErrors('matrix', JSON.parse(outputs.matrix))).toEqual([])
    expect(schemaErrors('findings', JSON.parse(outputs.findings))).toEqual([])
  })

  it('refuses drift: an unknown finding id, a missing field, a field it does not know', () => {
    const badId = { ...full, findings: [{ ...full.findings[0], id: 'keras-too-new' }] }
    expect(schemaErrors('report', badId).join('\n')).toMatch(
      /findings\/0\/id must be equal to one of the allowed values/
    )
    const noStatus: Partial<typeof full> = { ...full }
    delete noStatus.status
    expect(schemaErrors('report', noStatus).join('\n')).toMatch(/must have required property 'status'/)
    expect(schemaErrors('report', { ...full, verdict: 'pass' }).join('\n')).toMatch(/additional properties/)
  })

  it('accepts a finished report: suppressed findings with their reason, the entries, the baseline, the plan', () => {
    const finished = {
      ...full,
      findings: [{ ...full.findings[0], baseline: 'pre-existing' as const }],
      suppressed: [
        {
          ...finding(),
          suppression: {
            reason: 'accepted',
            until: '2030-01-01',
            source: { file: '.github/keras-compat.yml', line: 3 }
          }
        }
      ],
      ignoreEntries: [
        {
          id: 'pip-check' as const,
          reason: 'x',
          source: { file: '.github/keras-compat.yml', line: 5 },
          state: 'unused' as const,
          matched: 0
        }
      ],
      baseline: {
        ref: 'origin/main',
        commit: 'a'.repeat(40),
        status: 'compared' as const,
        detail: 'x',
        preExisting: 1
      },
      tensorflowMatrix: ['2.21', '2.20']
    }
    expect(schemaErrors('report', finished)).toEqual([])
    expect(schemaErrors('tensorflowMatrix', finished.tensorflowMatrix)).toEqual([])
    expect(schemaErrors('tensorflowMatrix', ['latest'])).not.toEqual([])
    const noReason = {
      ...finished,
      suppressed: [{ ...finished.suppressed[0], suppression: { source: { file: 'f' } } }]
    }
    expect(schemaErrors('report', noReason).join('\n')).toMatch(/must have required property 'reason'/)
    const stray = { ...finished, findings: [{ ...full.findings[0], suppression: finished.suppressed[0].suppression }] }
    expect(schemaErrors('report', stray).join('\n')).toMatch(/unevaluated properties/)
  })
})
