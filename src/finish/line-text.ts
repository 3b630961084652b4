import { closeSync, openSync, readSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { type LineText } from '../report/lines.js'

// Requirement files are small; a larger file is not read for line texts (fingerprints then fall back to numbers).
const MAX_BYTES = 16 * 1024 * 1024

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
  const text = bytes.toString('utf8')
  return text.startsWith('\ufeff') ? text.slice(1) : text
}

function readLines(file: string): string[] | undefined {
  try {
    const stat = statSync(file)
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined
    const fd = openSync(file, 'r')
    try {
      const bytes = Buffer.alloc(stat.size)
      readSync(fd, bytes, 0, stat.size, 0)
      return decode(bytes).split(/\r\n|\r|\n/)
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/** Reads line texts of files under `root` (paths as reports write them: relative, with `/`), each file once. */
export function fileLines(root: string): LineText {
  const cache = new Map<string, string[] | undefined>()
  return (file, line) => {
    if (!cache.has(file)) cache.set(file, readLines(path.resolve(root, ...file.split('/'))))
    return cache.get(file)?.[line - 1]
  }
}
