import { type Decoded, type Encoder, lookupCodec } from './codecs.js'
import { splitLines } from './py-text.js'

/**
 * A requirements file's bytes as text, the way pip 25 decodes them (`_decode_req_file` in pip/_internal/req/
 * req_file.py): a BOM decides (UTF-8, then UTF-32 before UTF-16, since the UTF-16 LE BOM starts the UTF-32 LE one);
 * else a `coding[:=]` declaration on one of the first two `\n`-separated lines that starts with `#` (PEP 263); else
 * UTF-8, falling back to the locale's encoding, which is UTF-8 on the runners. Bytes the codec cannot decode are an
 * error, as they are for pip: there is no replacement character.
 */
export type DecodedText =
  | {
      ok: true
      text: string
      /** Python's name of the codec (utf_8, utf_16_le, latin_1, ...). */
      codec: string
      /** How many bytes precede the text (BOMs): an edited copy keeps them as they are. */
      prefix: number
      encode: Encoder
    }
  | { ok: false; message: string; /** 1-based line where reading fails. */ line: number }

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32-be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32-le'],
  [[0xff, 0xfe], 'utf-16'],
  [[0xfe, 0xff], 'utf-16-be'],
  [[0xff, 0xfe], 'utf-16-le']
]

// pip's PEP263_ENCODING_RE on bytes: \s and \w are ASCII there.
const CODING = /coding[:=][ \t\n\r\f\v]*([-A-Za-z0-9_.]+)/

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/** The declared encoding and the byte offset of the declaration, from the first two `\n` lines as pip reads them. */
function declaredEncoding(bytes: Uint8Array): { name: string; at: number } | undefined {
  let start = 0
  for (let n = 0; n < 2 && start <= bytes.length; n++) {
    let end = bytes.indexOf(0x0a, start)
    if (end < 0) end = bytes.length
    if (bytes[start] === 0x23) {
      const line = Buffer.from(bytes.subarray(start, end)).toString('latin1')
      const m = CODING.exec(line)
      if (m) return { name: m[1], at: start + m.index }
    }
    start = end + 1
  }
  return undefined
}

/** The 1-based line (as splitlines counts) holding byte `offset`, counting only the ASCII breaks before it. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  const before = Buffer.from(bytes.subarray(0, offset)).toString('latin1').replace(/\x85/g, '')
  return splitLines(before + 'x').length
}

function decodeWith(bytes: Uint8Array, name: string, from: number): DecodedText {
  const found = lookupCodec(name)
  if (!found.ok) return { ok: false, message: found.reason, line: 1 }
  const body = bytes.subarray(from)
  const result = found.codec.decode(body)
  if (!result.ok) {
    return {
      ok: false,
      message: `pip cannot decode this file as ${name}: ${result.reason} (byte offset ${from + result.offset})`,
      line: lineOfDecoded(found.codec.decode(body.subarray(0, result.offset)), bytes, from + result.offset)
    }
  }
  return { ok: true, text: result.text, codec: found.name, prefix: from + result.skipped, encode: result.encode }
}

/** The line of a failing byte: counted in the text decoded before it when that decodes, else in the raw bytes. */
function lineOfDecoded(before: Decoded, bytes: Uint8Array, offset: number): number {
  return before.ok ? splitLines(before.text + 'x').length : lineOfByte(bytes, offset)
}

export function decodeRequirementsBytes(bytes: Uint8Array): DecodedText {
  for (const [bom, name] of BOMS) if (startsWith(bytes, bom)) return decodeWith(bytes, name, bom.length)
  const declared = declaredEncoding(bytes)
  if (declared) {
    const decoded = decodeWith(bytes, declared.name, 0)
    if (!decoded.ok && !lookupCodec(declared.name).ok) return { ...decoded, line: lineOfByte(bytes, declared.at) }
    return decoded
  }
  return decodeWith(bytes, 'utf-8', 0)
}
