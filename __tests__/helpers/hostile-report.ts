// Reports whose every untrusted field holds the same text: what pip, Python, the user's packages and the
// repository's files could put there. `block` goes where multi-line text belongs (logs, evidence, explanations),
// `line` where a short value belongs (versions, file names, step names, titles).
import { finding, report, step } from '../../__fixtures__/report.js'
import { type MatrixReport } from '../../src/report/model.js'
import { type Report } from '../../src/report/model.js'

export interface Untrusted {
  block: string
  line: string
}

function steps({ block, line }: Untrusted): Report['steps'] {
  return [
    step('tensorflow.import', 'ok', { version: line }),
    step('tf.keras.attribute', 'ok', { kind: line, module: line, version: line }),
    step('keras.import', 'skipped', {}, { reason: line }),
    step('keras.fit', 'ok', { version: line }),
    step(`import:${line}`, 'error', {}, { error: { type: line, module: line, message: block, traceback: block } }),
    step(line, 'error', {}, { error: { type: 'RuntimeError', module: line, message: line, traceback: block } })
  ]
}

function findings({ block, line }: Untrusted): Report['findings'] {
  return [
    // Titles that quote installer text, plain and inside our own code spans.
    finding({
      title: `pip would reject this line: ${line}`,
      explanation: block,
      fix: block,
      evidence: block,
      locations: [{ file: line, line: 3 }, { file: line }],
      edits: [
        { file: line, line: 2, before: line, after: line },
        { file: line, before: '', after: line }
      ],
      verification: { status: 'failed', detail: line, evidence: block }
    }),
    finding({
      id: 'keras-tf-mismatch',
      severity: 'warning',
      title: `\`${line}\` cannot be installed beside \`tensorflow==2.15.0\``,
      explanation: `The resolver said: ${block}`,
      fix: `Pin \`${line}\` to a release that works with \`tensorflow==2.15.0\`.`,
      evidence: block,
      locations: [{ file: line, line: 1 }],
      verification: { status: 'verified', detail: line }
    }),
    finding({ id: 'import-failed', title: `\`import ${line}\` failed: ${line}`, evidence: '', locations: [] })
  ]
}

export function hostileReport(text: Untrusted): Report {
  const { block, line } = text
  const base = report()
  return report({
    status: 'fail',
    override: line,
    installer: { name: 'pip', version: line, ok: false, command: [line], log: block },
    probeLog: block,
    environment: {
      python: line,
      tensorflow: line,
      keras: line,
      tfKeras: base.environment.tfKeras,
      packages: Object.fromEntries(Object.keys(base.environment.packages).map(p => [p, line]))
    },
    stages: [{ name: line, seconds: 1, ok: false }],
    steps: steps(text),
    findings: findings(text)
  })
}

export function hostileMatrix(text: Untrusted): MatrixReport {
  return {
    schemaVersion: 1,
    kind: 'matrix',
    status: 'fail',
    matrixPass: 'all',
    entries: [
      { requested: text.line, report: hostileReport(text) },
      { requested: '2.16', report: report() }
    ],
    newestPassing: text.line,
    toNewest: text.line
  }
}
