import { describe, expect, it } from '@jest/globals'
import { finding, report, step } from '../../__fixtures__/report.js'
import { annotationsFor } from '../../src/report/render/annotations.js'
import { outputsFor } from '../../src/report/render/outputs.js'
import { renderSummary } from '../../src/report/render/summary.js'
import { renderMatrixSummary } from '../../src/report/render/matrix.js'
import { PLAIN, renderTerminal } from '../../src/report/render/terminal.js'

const HOSTILE = '<img src=x onerror=alert(1)>'

describe('job summary', () => {
  it('shows the verdict, versions, every step and the findings with their fix', () => {
    const html = renderSummary(report({ status: 'fail', findings: [finding()] }))
    expect(html).toContain('❌ fail')
    expect(html).toContain('<td><code>tensorflow</code></td><td>2.21.0</td>')
    expect(html).toContain('<td><code>tf.keras</code></td><td>keras3</td>')
    expect(html).toContain('tf.keras (attribute access)</td><td>✓</td>')
    expect(html).toContain('<strong>Fix:</strong> Add <code>tf-keras~=2.21.0</code> to your requirements.')
    expect(html).toContain('<code>requirements.txt:1</code>')
    expect(html).toContain('findings.md#legacy-keras-missing')
  })

  it('puts the verdict, the reason and the findings before the step table, and folds the version table', () => {
    const html = renderSummary(report({ status: 'fail', findings: [finding()] }))
    const at = (text: string) => html.indexOf(text)
    expect(at('❌ fail')).toBeLessThan(at('<h3>Findings'))
    expect(at('<h3>Findings')).toBeLessThan(at('<h3>Smoke steps'))
    expect(html).toMatch(/<p>Python <code>3\.11\.\d+<\/code> · TensorFlow <code>2\.21\.0<\/code>/)
    expect(html).toMatch(/<details><summary>Installed versions<\/summary>\n\n<table>/)
    // Three columns a row, so it fits a phone-width page.
    const stepRow = html.split('\n').find(l => l.startsWith('<tr><td>tf.keras (attribute access)'))!
    expect(stepRow.match(/<td>/g)).toHaveLength(3)
  })

  it('escapes everything that came from packages, pip or Python', () => {
    const html = renderSummary(
      report({
        steps: [
          step(
            `import:${HOSTILE}`,
            'error',
            {},
            { error: { type: 'E', module: 'm', message: HOSTILE, traceback: HOSTILE } }
          )
        ],
        environment: { ...report().environment, keras: HOSTILE },
        installer: {
          name: 'pip',
          version: '23.2.1',
          ok: false,
          command: [],
          log: `${HOSTILE}</pre></details><script>x</script>`
        },
        findings: [finding({ title: HOSTILE, explanation: HOSTILE, evidence: HOSTILE, locations: [{ file: HOSTILE }] })]
      })
    )
    expect(html).not.toMatch(/<img|<script|<\/pre><\/details><script/)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('brings no line break of a log, evidence or message into the source, where a blank line would end our HTML', () => {
    const text = 'first\r\n\r\n# Pwned\r\r![x](https://evil.example/x.png)\n\nlast'
    const blankLines = (html: string) => html.split('\n').filter(l => l.trim() === '').length
    const calm = renderSummary(report({ status: 'fail', findings: [finding()] }))
    const html = renderSummary(
      report({
        status: 'fail',
        installer: { name: 'pip', version: '23.2.1', ok: false, command: [], log: text },
        probeLog: text,
        findings: [
          finding({
            title: text,
            explanation: text,
            fix: text,
            evidence: text,
            edits: [{ file: text, line: 1, before: text, after: text }],
            verification: { status: 'failed', detail: text, evidence: text }
          })
        ]
      })
    )
    expect(blankLines(html)).toBe(blankLines(calm))
    expect(html).not.toContain('\r')
    expect(html).toContain('<pre>first&#10;&#10;# Pwned&#10;&#10;![x](https://evil.example/x.png)&#10;&#10;last</pre>')
    expect(html).toContain(
      '<p>first<br><br># Pwned<br><br>!&#91;x&#93;(https&#58;//evil.example/x.png)<br><br>last</p>'
    )
    expect(html).toMatch(/<p><strong>Fix check:<\/strong> ✗ first {2}# Pwned/)
    expect(html).toMatch(/<\/p>\n<details><summary>resolver output<\/summary>\n<pre>first&#10;/)
  })

  it('keeps only the tail of a huge log', () => {
    const html = renderSummary(
      report({
        installer: { name: 'pip', version: '23.2.1', ok: false, command: [], log: 'x'.repeat(2_000_000) + 'THE END' }
      })
    )
    expect(html.length).toBeLessThan(100_000)
    expect(html).toContain('THE END')
    expect(html).toMatch(/earlier characters cut/)
  })
})

describe('annotations', () => {
  it('puts one annotation on each line a finding names, with its fix', () => {
    const both = finding({
      locations: [
        { file: 'requirements.txt', line: 1 },
        { file: 'requirements.txt', line: 2 }
      ]
    })
    const out = annotationsFor([both, finding({ severity: 'info', locations: [] })])
    expect(out.map(a => [a.level, a.file, a.line])).toEqual([
      ['error', 'requirements.txt', 1],
      ['error', 'requirements.txt', 2],
      ['notice', undefined, undefined]
    ])
    expect(out[0].message).toContain('Fix: Add tf-keras~=2.21.0')
    expect(out[0].title).toBe('legacy-keras-missing: TF_USE_LEGACY_KERAS is set but tf-keras is not installed')
  })

  it('keeps within 10 per level and says how many more there are', () => {
    const many = Array.from({ length: 14 }, (_, i) => finding({ locations: [{ file: 'r.txt', line: i + 1 }] }))
    const out = annotationsFor(many)
    expect(out.filter(a => a.level === 'error')).toHaveLength(10)
    expect(out[out.length - 1]).toMatchObject({
      level: 'notice',
      message: '4 more annotation(s) left out (the runner shows 10 per level): see the job summary and the JSON report.'
    })
  })

  it('cuts messages longer than the runner takes', () => {
    const [a] = annotationsFor([finding({ explanation: 'y'.repeat(10_000) })])
    expect(a.message.length).toBeLessThanOrEqual(4096)
    expect(a.message).toMatch(/\[cut: full text in the job summary\]$/)
  })
})

describe('outputs and terminal', () => {
  it('sets every output by its contract name', () => {
    const out = outputsFor(report({ findings: [finding()] }), '/tmp/r.json')
    expect(out).toEqual({
      status: 'pass',
      'python-version': '3.11.7',
      'tensorflow-version': '2.21.0',
      'keras-version': '3.15.1',
      'tf-keras': 'keras3',
      findings: JSON.stringify([finding()]),
      report: '/tmp/r.json',
      override: '',
      'fix-patch': ''
    })
  })

  it('prints the verdict, the steps and each finding with where and how to fix', () => {
    const text = renderTerminal(report({ status: 'fail', findings: [finding()] }), PLAIN)
    expect(text.split('\n')[0]).toMatch(/^keras-compat FAIL {2}TensorFlow 2.21.0 with Keras 3.15.1/)
    expect(text).toContain('✓ tf.keras (attribute access)')
    expect(text).toContain('at requirements.txt:1')
    expect(text).toContain('fix: Add tf-keras~=2.21.0 to your requirements.')
  })
})

describe('summary size', () => {
  it('stays under GitHub’s 1 MiB with thousands of findings and huge logs, and says what it left out', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      finding({ title: `line ${i} is bad`, evidence: 'e'.repeat(2000), locations: [{ file: 'r.txt', line: i + 1 }] })
    )
    const html = renderSummary(report({ status: 'fail', findings: many, probeLog: 'p'.repeat(500_000) }))
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024)
    expect(html).toMatch(/\d+ more finding\(s\) left out .* the JSON report/)
    expect(html).toContain('line 0 is bad')
    expect(html).toContain('<h3>Smoke steps</h3>')
  })
})

describe('matrix summary', () => {
  it('has five short columns, links each finding to its section, and folds each version’s report', () => {
    const failing = report({ status: 'fail', findings: [finding({ id: 'keras-tf-mismatch' })] })
    const html = renderMatrixSummary({
      schemaVersion: 1,
      kind: 'matrix',
      status: 'fail',
      matrixPass: 'all',
      entries: [
        { requested: '2.21', report: report() },
        { requested: '2.16', report: failing }
      ],
      newestPassing: '2.21.0',
      toNewest: ''
    })
    const rows = html.split('\n').filter(l => l.startsWith('<tr>'))
    expect(rows[0]).toBe(
      '<tr><th>TensorFlow</th><th>status</th><th>tf.keras / keras</th><th>build, fit, save</th><th>findings</th></tr>'
    )
    expect(rows[1]).toMatch(/^<tr><td>2\.21 → 2\.21\.0<\/td><td>✅ pass<\/td>/)
    expect(rows[2]).toContain('findings.md#keras-tf-mismatch">keras-tf-mismatch</a>')
    expect(html).toContain('<details><summary>TensorFlow 2.16: ❌ fail</summary>')
  })

  it('keeps each untrusted cell on its line, escaped', () => {
    const odd = report({ environment: { ...report().environment, tensorflow: '2.21.0\n\n# Pwned', keras: '<b>3</b>' } })
    const html = renderMatrixSummary({
      schemaVersion: 1,
      kind: 'matrix',
      status: 'pass',
      matrixPass: 'all',
      entries: [{ requested: '2.21\n\n|a|b|', report: odd }],
      newestPassing: '2.21.0\n\n# x',
      toNewest: ''
    })
    const rows = html.split('\n').filter(l => l.startsWith('<tr>'))
    expect(rows[1]).toMatch(
      /^<tr><td>2\.21 {2}&#124;a&#124;b&#124; → 2\.21\.0 {2}# Pwned<\/td><td>✅ pass<\/td><td>keras3 3\.15\.1 \/ &lt;b&gt;3&lt;\/b&gt;<\/td>/
    )
    expect(html).toContain('<p>Newest TensorFlow that works with the pins as they are: 2.21.0  # x.</p>')
  })
})
