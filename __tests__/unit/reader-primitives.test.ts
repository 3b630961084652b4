// The reader's small parts against the real Python they imitate (the machine's python3, stdlib only, and the
// pip it carries for expand_env_variables): whitespace and line breaks, codec names and strict decoding, shlex,
// and ${VAR} expansion. Inputs are seeded random strings built from the characters that matter to each.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { lookupCodec } from '../../src/requirements/codecs.js'
import { decodeRequirementsBytes } from '../../src/requirements/decode.js'
import { expandVariables } from '../../src/requirements/expand.js'
import { isPySpace, splitLines } from '../../src/requirements/py-text.js'
import { shlexSplit } from '../../src/requirements/shlex.js'

function python(script: string, input: unknown, env: Record<string, string> = {}): unknown {
  const out = execFileSync('python3', ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8', ...env }
  })
  return JSON.parse(out)
}

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0
    return a / 2 ** 32
  }
}

function strings(seed: number, count: number, alphabet: string[], maxLength: number): string[] {
  const rng = random(seed)
  return Array.from({ length: count }, () =>
    Array.from(
      { length: Math.floor(rng() * (maxLength + 1)) },
      () => alphabet[Math.floor(rng() * alphabet.length)]
    ).join('')
  )
}

describe('Python text rules', () => {
  it('whitespace is exactly what str.isspace() says, over the whole BMP', () => {
    const py = python(
      'import json; print(json.dumps([c for c in range(0x10000) if chr(c).isspace()]))',
      null
    ) as number[]
    const ours = Array.from({ length: 0x10000 }, (_, c) => c).filter(c => isPySpace(String.fromCharCode(c)))
    expect(ours).toEqual(py)
  })

  it('splits lines where str.splitlines() does', () => {
    const alphabet = [
      'a',
      ' ',
      '\n',
      '\r',
      '\r\n',
      '\v',
      '\f',
      '\x1c',
      '\x1d',
      '\x1e',
      '\x1f',
      '\x85',
      '\u2028',
      '\u2029',
      '\t',
      '\u00a0'
    ]
    const inputs = strings(1, 400, alphabet, 12)
    const py = python('import json,sys; print(json.dumps([s.splitlines() for s in json.load(sys.stdin)]))', inputs)
    expect(inputs.map(s => splitLines(s).map(l => l.text))).toEqual(py)
  })
})

describe('codecs', () => {
  const NAMES = [
    'utf-8',
    'UTF8',
    'u8',
    'utf_8',
    'utf',
    'cp65001',
    'utf-8-sig',
    'latin-1',
    'Latin1',
    'ISO-8859-1',
    'iso8859_1',
    'l1',
    'cp819',
    '8859',
    'latin',
    'cp1252',
    'windows-1252',
    '1252',
    'ascii',
    'US-ASCII',
    '646',
    'utf-16',
    'UTF16',
    'utf-16-le',
    'utf_16be',
    'utf-32',
    'utf-32le',
    'utf-32-BE',
    'klingon',
    'utf-8.x',
    'utf--8',
    '_utf_8_',
    'rot13'
  ]

  it('names resolve as codecs.lookup resolves them (for the codecs read), and unknown names are refused', () => {
    const py = python(
      `import codecs, json, sys
out = []
for n in json.load(sys.stdin):
    try:
        info = codecs.lookup(n)
        out.append(info.name if info._is_text_encoding else None)
    except LookupError:
        out.append(None)
print(json.dumps(out))`,
      NAMES
    ) as (string | null)[]
    // Python's CodecInfo names, in the module names the reader uses.
    const canonical: Record<string, string> = { 'iso8859-1': 'latin_1' }
    const expected = py.map(n => (n === null ? null : (canonical[n] ?? n.replace(/-/g, '_'))))
    expect(NAMES.map(n => (lookupCodec(n).ok ? (lookupCodec(n) as { name: string }).name : null))).toEqual(expected)
  })

  it('decodes bytes exactly as bytes.decode(codec) does, failing at the same offset', () => {
    const codecs = [
      'utf-8',
      'latin-1',
      'cp1252',
      'ascii',
      'utf-16',
      'utf-16-le',
      'utf-16-be',
      'utf-32',
      'utf-32-le',
      'utf-32-be',
      'utf-8-sig'
    ]
    const rng = random(7)
    const interesting = [
      0x00, 0x0a, 0x0d, 0x23, 0x41, 0x80, 0x81, 0x8d, 0x9d, 0xa0, 0xc3, 0xa9, 0xd8, 0xdc, 0xdf, 0xe2, 0xed, 0xef, 0xbb,
      0xbf, 0xf0, 0x9f, 0xfe, 0xff, 0x10, 0x11
    ]
    const cases = Array.from({ length: 600 }, (_, i) => ({
      codec: codecs[i % codecs.length],
      bytes: Array.from({ length: Math.floor(rng() * 13) }, () => interesting[Math.floor(rng() * interesting.length)])
    }))
    const py = python(
      `import json, sys
out = []
for c in json.load(sys.stdin):
    try:
        out.append({"text": [ord(ch) for ch in bytes(c["bytes"]).decode(c["codec"])]})
    except UnicodeDecodeError as e:
        out.append({"error": e.start})
print(json.dumps(out))`,
      cases
    ) as ({ text: number[] } | { error: number })[]
    const ours = cases.map(c => {
      const found = lookupCodec(c.codec)
      if (!found.ok) throw new Error(found.reason)
      const result = found.codec.decode(Uint8Array.from(c.bytes))
      return result.ok ? { text: [...result.text].map(ch => ch.codePointAt(0)) } : { error: result.offset }
    })
    expect(ours).toEqual(py)
  })

  it('decodes whole files as pip does: BOMs, coding lines in the first two \\n lines only, UTF-8 otherwise', () => {
    const files = [
      [0xef, 0xbb, 0xbf, 0x61],
      [0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00],
      [0xff, 0xfe, 0x61, 0x00],
      [0xfe, 0xff, 0x00, 0x61],
      [0x00, 0x00, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x61],
      [...Buffer.from('# coding: latin-1\n\xe9', 'latin1')],
      [...Buffer.from('x\n# -*- coding: cp1252 -*-\n\x80', 'latin1')],
      [...Buffer.from('x\ny\n# coding: latin-1\n\xe9', 'latin1')],
      [...Buffer.from(' # coding: latin-1\n\xe9', 'latin1')],
      [...Buffer.from('x\r# coding: latin-1\n\xe9', 'latin1')],
      [...Buffer.from('#vim: fileencoding=ascii\n\xe9', 'latin1')],
      [...Buffer.from('# coding: utf-16\nab', 'latin1')]
    ]
    const py = python(
      `import json, sys
from pip._internal.utils.encoding import auto_decode
out = []
for b in json.load(sys.stdin):
    try:
        out.append([ord(c) for c in auto_decode(bytes(b))])
    except (UnicodeDecodeError, LookupError):
        out.append(None)
print(json.dumps(out))`,
      // pip 23's auto_decode tries UTF-16 before UTF-32; the UTF-32 LE file is compared with pip 25's order below.
      files.filter((_, i) => i !== 1)
    ) as (number[] | null)[]
    const ours = files.map(b => {
      const d = decodeRequirementsBytes(Uint8Array.from(b))
      return d.ok ? [...d.text].map(ch => ch.codePointAt(0)) : null
    })
    expect(ours[1]).toEqual([0x61])
    expect(ours.filter((_, i) => i !== 1)).toEqual(py)
  })
})

describe('shlex.split', () => {
  it('splits option text exactly as Python does, errors included', () => {
    const inputs = strings(3, 800, ['a', 'b', ' ', '\t', '"', "'", '\\', '=', '-', '#'], 10)
    const py = python(
      `import json, shlex, sys
out = []
for s in json.load(sys.stdin):
    try:
        out.append(shlex.split(s))
    except ValueError as e:
        out.append(str(e))
print(json.dumps(out))`,
      inputs
    )
    expect(
      inputs.map(s => {
        const r = shlexSplit(s)
        return r.ok ? r.words : r.message
      })
    ).toEqual(py)
  })
})

describe('${VAR} expansion', () => {
  it('replaces as pip does, in order, including values that hold other variables or braces', () => {
    const env = { A: 'x', B: '${A}', C: '$', D: '{A}', E: '', F: '${F}y', G: 'a b', H: '}' }
    const inputs = strings(
      5,
      600,
      ['${A}', '${B}', '${C}', '${D}', '${E}', '${F}', '${G}', '${H}', '${a}', '$A', '${', '}', 'z', '{A}'],
      6
    )
    const py = python(
      `import json, sys
from pip._internal.req.req_file import expand_env_variables
print(json.dumps([line for _, line in expand_env_variables(enumerate(json.load(sys.stdin)))]))`,
      inputs,
      env
    )
    expect(inputs.map(s => expandVariables(s, env))).toEqual(py)
  })
})
