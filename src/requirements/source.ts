import { decodeRequirementsBytes, type DecodedText } from './decode.js'
import { type Containment, type GuardFailure, readGuarded } from './guard.js'
import { logicalLines, type LogicalLine } from './lines.js'
import { type PhysicalLine, splitLines } from './py-text.js'

/**
 * A requirements file read the one way every consumer reads it (the parser, the locators through it, the edited
 * copies): guarded bytes, pip's decoding, pip's physical and logical lines with their spans in the decoded text.
 */
export interface SourceFile {
  file: string
  bytes: Uint8Array
  decoded: DecodedText
  physical: PhysicalLine[]
  lines: LogicalLine[]
}

export type SourceRead = { ok: true; source: SourceFile } | { ok: false; failure: GuardFailure; reason: string }

export function readSource(file: string, containment: Containment): SourceRead {
  const guarded = readGuarded(file, containment)
  if (!guarded.ok) return guarded
  const decoded = decodeRequirementsBytes(guarded.bytes)
  const physical = decoded.ok ? splitLines(decoded.text) : []
  const lines = decoded.ok ? logicalLines(decoded.text, physical) : []
  return { ok: true, source: { file, bytes: guarded.bytes, decoded, physical, lines } }
}
