// Untrusted text in every field of a report, rendered the way GitHub renders a job summary (cmark-gfm, GitHub's
// Markdown parser, from the PyPI package cmarkgfm in a venv this file makes): none of it may become markup, all of
// it must show as text. Each case is also rendered with the same text made harmless (every character that is not
// a letter, digit or line break turned into `x`); the elements on the page must be the same, i.e. ours.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { report } from '../../__fixtures__/report.js'
import { FINDINGS_DOC } from '../../src/core/constants.js'
import { renderMatrixSummary } from '../../src/report/render/matrix.js'
import { escapeLine, inlineHtml } from '../../src/report/render/escape.js'
import { renderSummary } from '../../src/report/render/summary.js'
import { createGfm, type Gfm } from '../helpers/gfm.js'
import { between, census, decodeEntities, elements, otherMarkup, squash, visibleText } from '../helpers/html.js'
import { hostileMatrix, hostileReport, type Untrusted } from '../helpers/hostile-report.js'

jest.setTimeout(5 * 60_000)

interface Case extends Untrusted {
  /** Pieces that must show literally on the page. */
  literal: string[]
  /** What a reader should see of a multi-line text (default: line breaks as `\n`). */
  shown?: (text: string) => string
}

const PIXEL = '![pixel](https://evil.example/p.png)'
const lineBreaks = (text: string) => text.replace(/\r\n?/g, '\n')
const same = (text: string): Untrusted => ({ block: text, line: text })

const CASES: Record<string, Case> = {
  'a blank line, then Markdown': {
    ...same(
      `Collecting keras\n\n# Pwned\n\n${PIXEL}\n\n**bold** _em_ [link](https://evil.example/l)\n\n<img src=https://evil.example/i.png>\n\nend`
    ),
    literal: ['# Pwned', PIXEL, '**bold** _em_ [link](https://evil.example/l)', '<img src=https://evil.example/i.png>']
  },
  'backtick runs longer than a fence': {
    ...same(
      'before\n```\n\n# inside a fence of three\n```\n\n````html\n<b>four</b>\n\n# after four\n````\n\n`one` ``two`` ```three``` ````four```` ``````\n```'
    ),
    literal: ['# inside a fence of three', '````html', '<b>four</b>', '# after four', '``two`` ```three```']
  },
  'HTML tags': {
    ...same(
      '<img src=x onerror=alert(1)>\n<script>alert(2)</script>\n<iframe src="https://evil.example/f"></iframe>\n\n<a href="https://evil.example/a">a</a> <h1>h</h1>\n<table><tr><td>t</td></tr></table>\n<em>e</em><strong>s</strong><del>d</del>\n<!-- comment --><![CDATA[x]]><?pi?>\n<style>*{display:none}</style><textarea>'
    ),
    literal: [
      '<img src=x onerror=alert(1)>',
      '<script>alert(2)</script>',
      '<iframe src="https://evil.example/f"></iframe>',
      '<a href="https://evil.example/a">a</a> <h1>h</h1>',
      '<table><tr><td>t</td></tr></table>',
      '<!-- comment --><![CDATA[x]]><?pi?>'
    ]
  },
  'Markdown headings, links, images, tables, emphasis, autolinks': {
    ...same(
      '# H1\n\n## H2\n\nSetext\n===\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n*em* _em_ **strong** __strong__ ~~del~~ ~del~\n\nhttps://evil.example/x www.evil.example user@evil.example <https://evil.example/auto>\n\n> quote\n\n- [ ] task\n1. item\n\n    indented code\n\n[ref]\n\n[ref]: https://evil.example/r\n\n---\n\n@octocat #123 :smile:'
    ),
    literal: [
      '# H1',
      '| --- | --- |',
      '*em* _em_ **strong** __strong__ ~~del~~ ~del~',
      'https://evil.example/x www.evil.example user@evil.example <https://evil.example/auto>',
      '[ref]: https://evil.example/r',
      '- [ ] task'
    ]
  },
  'our own closing tags': {
    ...same(
      'before</pre></details></p></h4></td></tr></table></summary></code></sub>\n\n# escaped\n<details open><summary>fake</summary>\n\n<img src=https://evil.example/t.png>\n</details>\n</pre>'
    ),
    literal: [
      '</pre></details></p></h4></td></tr></table></summary></code></sub>',
      '# escaped',
      '<details open><summary>fake</summary>'
    ]
  },
  'NUL and control characters': {
    ...same(
      'nul\u0000 bel\u0007 esc\u001b[31mred\u001b[0m bs\u0008 vt\u000b ff\u000c del\u007f c1\u0085 rlo\u202egnp.exe ls\u2028ps\u2029end\n\n# after controls\n![x](https://evil.example/c.png)'
    ),
    // Controls show as their symbols, colour codes go, Unicode line separators break lines, and the invisible
    // ones that reorder or hide text show as their code point.
    shown: () =>
      'nul␀ bel␇ escred bs␈ vt␋ ff␌ del␡ c1<U+0085> rlo<U+202E>gnp.exe ls\nps\nend\n\n# after controls\n![x](https://evil.example/c.png)',
    literal: ['nul␀ bel␇ escred', 'rlo<U+202E>gnp.exe', '# after controls', '![x](https://evil.example/c.png)']
  },
  'CRLF and lone CR line breaks': {
    ...same(
      'crlf\r\n\r\n# CRLF heading\r\n![a](https://evil.example/a.png)\r\nlone\r\r# CR heading\r\r![b](https://evil.example/b.png)\r| t | u |\r|---|---|\r| 1 | 2 |'
    ),
    literal: ['# CRLF heading', '![a](https://evil.example/a.png)', '# CR heading', '![b](https://evil.example/b.png)']
  },
  'very long lines': {
    block:
      'a'.repeat(3000) +
      '😀'.repeat(1000) +
      ' <img src=https://evil.example/long.png> ' +
      '`'.repeat(600) +
      ' [l](https://evil.example/l)\n\n# long tail\n' +
      'b'.repeat(4000) +
      // The evidence keeps the last 6,000 UTF-16 units: the cut falls inside an emoji.
      '😀'.repeat(3001) +
      'z',
    line: 'c'.repeat(5000) + '\n\n# line tail <img src=x>' + '`'.repeat(300),
    literal: ['# long tail', '# line tail <img src=x>', '<img src=https://evil.example/long.png>']
  }
}

/** The same text with nothing that could be markup: every character but letters, digits and line breaks is `x`. */
const harmless = (text: string) => text.replace(/[^A-Za-z0-9\r\n]/g, 'x')

// Elements never ours: any of them on the page came from the untrusted text.
const FOREIGN = ['h1', 'h5', 'h6', 'img', 'script', 'iframe', 'em', 'del', 'blockquote', 'ul', 'ol', 'li', 'hr']
// Code spans and line breaks inside our own paragraphs may follow the text's backticks and line breaks.
const LOOSE = ['code', 'br']

const HUGE_LOG = `${'x'.repeat(300_000)}${'`'.repeat(30_000)}\n\n# Pwned at the end\n${PIXEL}\n${'`'.repeat(10_000)}\nthe last line`

interface Rendered {
  markdown: string
  html: string
  harmlessHtml: string
}

let gfm: Gfm
const rendered = new Map<string, Rendered>()

function documents(): Map<string, [string, string]> {
  const docs = new Map<string, [string, string]>()
  for (const [name, c] of Object.entries(CASES)) {
    const calm = { block: harmless(c.block), line: harmless(c.line) }
    docs.set(`report: ${name}`, [renderSummary(hostileReport(c)), renderSummary(hostileReport(calm))])
    docs.set(`matrix: ${name}`, [renderMatrixSummary(hostileMatrix(c)), renderMatrixSummary(hostileMatrix(calm))])
  }
  const huge = (log: string) =>
    renderSummary(report({ installer: { name: 'pip', version: '25.0', ok: false, command: [], log } }))
  docs.set('huge log', [huge(HUGE_LOG), huge(harmless(HUGE_LOG))])
  // One-line escapes in plain Markdown paragraphs, outside any HTML block (no harmless twin needed). A value never
  // starts a line of the summary, so here neither.
  for (const [name, c] of Object.entries(CASES)) {
    const line = `Seen: ${escapeLine(c.block)}`
    docs.set(`escaped line: ${name}`, [line, line])
    const message = inlineHtml(`Pin \`tf-keras\` or ${c.block}`, true)
    docs.set(`message: ${name}`, [message, message])
  }
  return docs
}

beforeAll(() => {
  gfm = createGfm()
  const docs = documents()
  // One Python process for every document.
  const html = gfm.render([...docs.values()].flat())
  ;[...docs.entries()].forEach(([name, [markdown]], i) =>
    rendered.set(name, { markdown, html: html[2 * i], harmlessHtml: html[2 * i + 1] })
  )
}, 5 * 60_000)

afterAll(() => gfm?.dispose())

function get(name: string): Rendered {
  const r = rendered.get(name)
  if (!r) throw new Error(`no rendering for ${name}`)
  return r
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f\ufffd]/

/** Everything that must hold of any summary, whatever the untrusted text was. */
function expectNoForeignMarkup({ markdown, html, harmlessHtml }: Rendered): void {
  expect(census(html, LOOSE)).toEqual(census(harmlessHtml, LOOSE))
  expect(elements(html).filter(e => FOREIGN.includes(e.name))).toEqual([])
  const links = elements(html).filter(e => e.name === 'a')
  expect(links.filter(a => !a.attrs.startsWith(` href="${FINDINGS_DOC}#`))).toEqual([])
  expect(elements(html).filter(e => /\bsrc=/i.test(e.attrs))).toEqual([])
  expect(otherMarkup(html)).toEqual([])
  // Code spans hold text only.
  expect(html.match(/<code>(?:(?!<\/code>).)*<(?!\/code>)/gs) ?? []).toEqual([])
  // No raw control character or carriage return reaches the page (cmark-gfm would turn NUL into U+FFFD).
  expect(markdown).not.toMatch(RAW_CONTROL)
  expect(html).not.toMatch(RAW_CONTROL)
  // Nor half of a character cut in two (it would reach the page as U+FFFD).
  expect(markdown).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
  expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024)
}

describe('untrusted text in the job summary, rendered by cmark-gfm', () => {
  describe.each(Object.keys(CASES))('%s', name => {
    const c = CASES[name]
    const shown = c.shown ?? lineBreaks

    it('adds no element to a single report', () => expectNoForeignMarkup(get(`report: ${name}`)))

    it('adds no element to a matrix summary', () => expectNoForeignMarkup(get(`matrix: ${name}`)))

    it('shows every piece literally', () => {
      for (const kind of ['report', 'matrix']) {
        const text = visibleText(get(`${kind}: ${name}`).html)
        for (const piece of c.literal) expect(text).toContain(piece)
      }
    })

    it('shows a log as it was, line breaks and all', () => {
      const { html } = get(`report: ${name}`)
      for (const summary of ['<summary>Install log</summary>', '<summary>Probe log</summary>']) {
        expect(decodeEntities(between(html, summary, '<pre>', '</pre>') ?? '')).toBe(shown(c.block))
      }
    })

    it('shows a title and a table cell whole, on one line', () => {
      const noTicks = (text: string) => squash(text.replace(/`/g, ''))
      const title = between(get(`report: ${name}`).html, '<h4>', '<h4>', '</h4>') ?? ''
      expect(noTicks(visibleText(title))).toContain(noTicks(`pip would reject this line: ${shown(c.line)}`))
      const cell = between(get(`matrix: ${name}`).html, '<td>', '<td>', '</td>') ?? ''
      expect(noTicks(visibleText(cell))).toContain(noTicks(shown(c.line)))
    })
  })

  // Inside our HTML no Markdown is read at all (the tests above); a one-line value stays text even in Markdown
  // proper, but for `~` (strikethrough: `~=` is a version operator we show as is) and e-mail addresses (cmark-gfm
  // links them after decoding character references).
  const MARKDOWN_MARKUP = [...FOREIGN.filter(n => n !== 'del'), 'h2', 'h3', 'h4', 'strong', 'table', 'pre']

  it.each(Object.keys(CASES))('keeps a one-line value text in Markdown proper: %s', name => {
    for (const kind of ['escaped line', 'message']) {
      const { html } = get(`${kind}: ${name}`)
      expect(elements(html).filter(e => MARKDOWN_MARKUP.includes(e.name))).toEqual([])
      expect(elements(html).filter(e => e.name === 'a' && !e.attrs.startsWith(' href="mailto:'))).toEqual([])
      expect(otherMarkup(html)).toEqual([])
      // Code spans only where inlineHtml put <code> (our `tf-keras` and what it took for ours), none from Markdown.
      const ours = get(`${kind}: ${name}`).markdown.match(/<code>/g) ?? []
      expect(elements(html).filter(e => e.name === 'code')).toHaveLength(ours.length)
    }
  })

  it('keeps a huge log within the size limit, its end shown and nothing in it markup', () => {
    const huge = get('huge log')
    expectNoForeignMarkup(huge)
    const log = decodeEntities(between(huge.html, '<summary>Install log</summary>', '<pre>', '</pre>') ?? '')
    expect(log).toMatch(/^\[\.\.\. \d+ earlier characters cut \.\.\.\]\n/)
    expect(log).toContain(`\n\n# Pwned at the end\n${PIXEL}\n`)
    expect(log).toMatch(/\nthe last line$/)
  })
})
