import { describe, expect, it } from '@jest/globals'
import { escapeBlock, escapeLine, inlineHtml, tail, visible } from '../../src/report/render/escape.js'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('visible', () => {
  it('shows controls as their symbols, drops terminal colour codes, and unifies line breaks', () => {
    expect(visible('a\u0000b\u0007c\u001b[1;31mred\u001b[0m\u001bx\u007f')).toBe('a␀b␇cred␛x␡')
    expect(visible('1\r\n2\r3\u20284\u20295\n6\t7')).toBe('1\n2\n3\n4\n5\n6\t7')
  })

  it('shows the marks that reorder or hide text as code points, and drops half characters', () => {
    expect(visible('evil\u202egnp.exe\u2066x\u0085')).toBe('evil<U+202E>gnp.exe<U+2066>x<U+0085>')
    expect(visible('a\ud83d b\ude00 😀')).toBe('a b 😀')
  })
})

describe('escapeLine', () => {
  it('escapes HTML and keeps a value on one line', () => {
    expect(escapeLine('<img src=x onerror=alert(1)>\n\n# "x" & \'y\'')).toBe(
      '&lt;img src=x onerror=alert(1)&gt;  # &quot;x&quot; &amp; &#39;y&#39;'
    )
  })

  it('turns what would open Markdown into references, but leaves names and version operators readable', () => {
    expect(escapeLine('*a* _b_ `c` [d](e) \\ | f')).toBe(
      '&#42;a&#42; &#95;b&#95; &#96;c&#96; &#91;d&#93;(e) &#92; &#124; f'
    )
    expect(escapeLine('https://evil.example www.evil.example WWW.x')).toBe(
      'https&#58;//evil.example www&#46;evil.example WWW&#46;x'
    )
    expect(escapeLine('ml_dtypes TF_USE_LEGACY_KERAS tf-keras~=2.21.0 requirements.txt:1')).toBe(
      'ml_dtypes TF_USE_LEGACY_KERAS tf-keras~=2.21.0 requirements.txt:1'
    )
  })
})

describe('escapeBlock', () => {
  it('writes a multi-line text as one line whose breaks are references', () => {
    const html = escapeBlock('a\r\n\r\n# b\r</pre>')
    expect(html).toBe('a&#10;&#10;# b&#10;&lt;/pre&gt;')
    expect(html).not.toMatch(/[\r\n]/)
  })
})

describe('inlineHtml', () => {
  it('turns our code spans into <code>', () => {
    expect(inlineHtml('Add `tf-keras~=2.21.0` to your requirements.')).toBe(
      'Add <code>tf-keras~=2.21.0</code> to your requirements.'
    )
    expect(inlineHtml('(`import x` failed), or `y`.')).toBe('(<code>import x</code> failed), or <code>y</code>.')
  })

  it('shows a backtick inside a word or in a run as itself, so ours still pair up', () => {
    // A requirement line `keras`==3` quoted by a preflight rule between our own backticks.
    expect(inlineHtml('`keras`==3` cannot be installed beside `tensorflow==2.15.0`')).toBe(
      '&#96;keras&#96;==3&#96; cannot be installed beside <code>tensorflow==2.15.0</code>'
    )
    expect(inlineHtml('a ``` b ```` c ``d``')).toBe('a &#96;&#96;&#96; b &#96;&#96;&#96;&#96; c &#96;&#96;d&#96;&#96;')
  })

  it('escapes what a code span holds, and cannot reach past it', () => {
    expect(inlineHtml('`a <b>` then `c`')).toBe('<code>a &lt;b&gt;</code> then <code>c</code>')
    expect(inlineHtml('`a\n\nb`')).toBe('&#96;a  b&#96;')
  })

  it('makes line breaks <br> in a paragraph and spaces elsewhere, never source line breaks', () => {
    expect(inlineHtml('one\r\n\r\n# two\n', true)).toBe('one<br><br># two')
    expect(inlineHtml('one\n\n# two')).toBe('one  # two')
  })
})

describe('tail', () => {
  it('keeps the end and says how much it cut', () => {
    expect(tail('abcdef', 3)).toBe('[... 3 earlier characters cut ...]\ndef')
    expect(tail('abc', 3)).toBe('abc')
  })

  it('never keeps half of a character', () => {
    // 'a' then five emoji (two UTF-16 units each): the last 5 units start with the second half of one.
    const kept = tail(`a${'😀'.repeat(5)}`, 5)
    expect(kept).toBe('[... 7 earlier characters cut ...]\n😀😀')
    expect(kept).not.toMatch(LONE_SURROGATE)
  })
})
