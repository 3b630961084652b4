/**
 * The Python codecs a requirements file can be read with, decoding strictly as Python's `bytes.decode` does (an
 * undecodable byte is an error at its offset, never a replacement character), and encoding back for edited
 * copies. Names are looked up as Python's `codecs.lookup` does; a codec Python has but keras-compat does not is
 * reported as such rather than guessed at.
 */

export type Decoded =
  | { ok: true; text: string; /** Bytes the codec itself consumed as a BOM. */ skipped: number; encode: Encoder }
  | { ok: false; offset: number; reason: string }

export type Encoder = (text: string) => Uint8Array

export interface Codec {
  decode(bytes: Uint8Array): Decoded
}

const fail = (offset: number, reason: string): Decoded => ({ ok: false, offset, reason })

/** Offset of the first byte that does not start a valid UTF-8 sequence (the same bytes Python rejects), or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]
    if (c < 0x80) {
      i++
      continue
    }
    let n: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) n = 1
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      if (c === 0xe0) lo = 0xa0
      if (c === 0xed) hi = 0x9f
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      if (c === 0xf0) lo = 0x90
      if (c === 0xf4) hi = 0x8f
    } else return i
    for (let k = 1; k <= n; k++) {
      const d = b[i + k]
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i
    }
    i += n + 1
  }
  return -1
}

const utf8Encode: Encoder = text => new Uint8Array(Buffer.from(text, 'utf8'))

const UTF8: Codec = {
  decode(bytes) {
    const bad = firstInvalidUtf8(bytes)
    if (bad >= 0) return fail(bad, `byte 0x${bytes[bad].toString(16)} is not valid UTF-8`)
    return {
      ok: true,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
      skipped: 0,
      encode: utf8Encode
    }
  }
}

const UTF8_SIG: Codec = {
  decode(bytes) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const inner = UTF8.decode(bytes.subarray(bom))
    return inner.ok ? { ...inner, skipped: bom } : { ...inner, offset: inner.offset + bom }
  }
}

function singleByte(table: (byte: number) => string | undefined, label: string): Codec {
  const reverse = new Map<string, number>()
  for (let b = 0; b < 256; b++) {
    const ch = table(b)
    if (ch !== undefined) reverse.set(ch, b)
  }
  const encode: Encoder = text => {
    const out = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) {
      const b = reverse.get(text[i])
      if (b === undefined) throw new Error(`${JSON.stringify(text[i])} cannot be written in ${label}`)
      out[i] = b
    }
    return out
  }
  return {
    decode(bytes) {
      const chars: string[] = []
      for (let i = 0; i < bytes.length; i++) {
        const ch = table(bytes[i])
        if (ch === undefined) return fail(i, `byte 0x${bytes[i].toString(16)} is not defined in ${label}`)
        chars.push(ch)
      }
      return { ok: true, text: chars.join(''), skipped: 0, encode }
    }
  }
}

const ASCII = singleByte(b => (b < 0x80 ? String.fromCharCode(b) : undefined), 'ASCII')
const LATIN1 = singleByte(b => String.fromCharCode(b), 'Latin-1')
// Python's cp1252 leaves five bytes undefined, where the WHATWG table maps them to C1 controls.
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])
const CP1252_TEXT = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i))
const CP1252 = singleByte(b => (CP1252_UNDEFINED.has(b) ? undefined : CP1252_TEXT[b]), 'cp1252')

function utf16(little: boolean): { decode: (bytes: Uint8Array, from: number) => Decoded; encode: Encoder } {
  const unit = (b: Uint8Array, i: number) => (little ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1])
  const encode: Encoder = text => {
    const out = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i)
      out[2 * i + (little ? 0 : 1)] = u & 0xff
      out[2 * i + (little ? 1 : 0)] = u >> 8
    }
    return out
  }
  const decode = (b: Uint8Array, from: number): Decoded => {
    const units: number[] = []
    let i = from
    for (; i + 1 < b.length; i += 2) {
      const u = unit(b, i)
      if (u >= 0xdc00 && u <= 0xdfff) return fail(i, 'an unpaired UTF-16 surrogate')
      if (u >= 0xd800 && u <= 0xdbff) {
        const next = i + 3 < b.length ? unit(b, i + 2) : -1
        if (next < 0xdc00 || next > 0xdfff) return fail(i, 'an unpaired UTF-16 surrogate')
        units.push(u, next)
        i += 2
        continue
      }
      units.push(u)
    }
    if (i < b.length) return fail(i, 'a truncated UTF-16 code unit')
    const text = chunkedFromCodes(units)
    return { ok: true, text, skipped: from, encode }
  }
  return { decode, encode }
}

function utf32(little: boolean): { decode: (bytes: Uint8Array, from: number) => Decoded; encode: Encoder } {
  const encode: Encoder = text => {
    const points = [...text].map(c => c.codePointAt(0)!)
    const out = new Uint8Array(points.length * 4)
    const view = new DataView(out.buffer)
    points.forEach((p, i) => view.setUint32(4 * i, p, little))
    return out
  }
  const decode = (b: Uint8Array, from: number): Decoded => {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
    const points: number[] = []
    let i = from
    for (; i + 3 < b.length; i += 4) {
      const p = view.getUint32(i, little)
      if (p > 0x10ffff || (p >= 0xd800 && p <= 0xdfff)) return fail(i, 'a code point UTF-32 cannot hold')
      points.push(p)
    }
    if (i < b.length) return fail(i, 'a truncated UTF-32 code unit')
    return { ok: true, text: chunkedFromPoints(points), skipped: from, encode }
  }
  return { decode, encode }
}

function chunkedFromCodes(units: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode(...units.slice(i, i + 8192)))
  return parts.join('')
}

function chunkedFromPoints(points: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < points.length; i += 8192) parts.push(String.fromCodePoint(...points.slice(i, i + 8192)))
  return parts.join('')
}

const LE16 = utf16(true)
const BE16 = utf16(false)
const LE32 = utf32(true)
const BE32 = utf32(false)

/** Python's "utf-16"/"utf-32": a leading BOM picks the byte order (and is consumed); otherwise little-endian. */
const UTF16: Codec = {
  decode: b =>
    b[0] === 0xfe && b[1] === 0xff ? BE16.decode(b, 2) : LE16.decode(b, b[0] === 0xff && b[1] === 0xfe ? 2 : 0)
}
const UTF32: Codec = {
  decode(b) {
    if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return BE32.decode(b, 4)
    return LE32.decode(b, b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0 ? 4 : 0)
  }
}

const CODECS: Record<string, Codec> = {
  utf_8: UTF8,
  utf_8_sig: UTF8_SIG,
  ascii: ASCII,
  latin_1: LATIN1,
  cp1252: CP1252,
  utf_16: UTF16,
  utf_16_le: { decode: b => LE16.decode(b, 0) },
  utf_16_be: { decode: b => BE16.decode(b, 0) },
  utf_32: UTF32,
  utf_32_le: { decode: b => LE32.decode(b, 0) },
  utf_32_be: { decode: b => BE32.decode(b, 0) }
}

// Python's aliases (encodings/aliases.py) for the codecs above; module names resolve as themselves.
const ALIASES: Record<string, string> = {
  ...Object.fromEntries(
    [
      '646 ansi_x3.4_1968 ansi_x3.4_1986 ansi_x3_4_1968 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us us_ascii ascii',
      '1252 windows_1252 cp1252',
      '8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 iso_ir_100 l1 latin latin1 latin_1',
      'u16 utf16 utf_16',
      'unicodebigunmarked utf_16be utf_16_be',
      'unicodelittleunmarked utf_16le utf_16_le',
      'u32 utf32 utf_32',
      'utf_32be utf_32_be',
      'utf_32le utf_32_le',
      'cp65001 u8 utf utf8 utf8_ucs2 utf8_ucs4 utf_8',
      'utf_8_sig'
    ].flatMap(line => {
      const names = line.split(' ')
      const target = names[names.length - 1]
      return names.map(n => [n, target] as const)
    })
  )
}

/** Python's encoding-name normalisation: lower case, every run of other characters than letters, digits and `.` becomes `_`. */
export function normalizeEncodingName(name: string): string {
  return name
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean)
    .join('_')
}

export type CodecLookup = { ok: true; name: string; codec: Codec } | { ok: false; reason: string }

/** Finds a codec as `codecs.lookup` would, or says why it cannot be used. */
export function lookupCodec(name: string): CodecLookup {
  const norm = normalizeEncodingName(name)
  const target = ALIASES[norm] ?? ALIASES[norm.replace(/\./g, '_')]
  if (target) return { ok: true, name: target, codec: CODECS[target] }
  return {
    ok: false,
    reason:
      `the file declares the encoding "${name}", which keras-compat cannot read ` +
      '(it reads UTF-8, UTF-16, UTF-32, ASCII, Latin-1 and cp1252; pip fails on names Python does not know)'
  }
}
