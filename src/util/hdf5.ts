import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * The names of the attributes on an HDF5 file's root group, read from the file's own structures without h5py:
 * enough to tell a Keras model saved as `.h5` (its root has `model_config`) from a data file, without loading or
 * copying anything. Only what that needs is read: the superblock (versions 0 to 3), the root group's object header
 * (versions 1 and 2, with continuation blocks) and its attribute messages. Attributes kept in dense storage (a
 * fractal heap, used for very many or very large attributes) are not read: the answer is then `unknown`, and the
 * probe asks h5py before anything loads the file.
 */
export type RootAttributes =
  { kind: 'names'; names: string[] } | { kind: 'unknown'; why: string } | { kind: 'not-hdf5' }

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])
const MSG_ATTRIBUTE = 0x0c
const MSG_CONTINUATION = 0x10
const MSG_ATTRIBUTE_INFO = 0x15
// Bounds against a hostile or corrupt file: no loop runs long, no read is large.
const MAX_BLOCKS = 64
const MAX_MESSAGES = 10_000
const MAX_BLOCK_BYTES = 16 * 1024 * 1024
const MAX_USERBLOCK = 1024 * 1024

class Unreadable extends Error {}

/** Random access to the file, bounded: a read past the end is an error, never a short buffer. */
class FileBytes {
  constructor(
    private readonly fd: number,
    readonly size: number
  ) {}

  read(offset: number, length: number): Buffer {
    if (offset < 0 || length < 0 || length > MAX_BLOCK_BYTES || offset + length > this.size)
      throw new Unreadable(`a structure points outside the file (offset ${offset}, ${length} bytes)`)
    const buf = Buffer.alloc(length)
    const got = readSync(this.fd, buf, 0, length, offset)
    if (got !== length) throw new Unreadable('the file ended early')
    return buf
  }
}

/** Little-endian unsigned integer of 1, 2, 4 or 8 bytes; all ones (HDF5's "undefined address") gives -1. */
function uint(buf: Buffer, at: number, size: number): number {
  if (at + size > buf.length) throw new Unreadable('a field runs past its structure')
  if (buf.subarray(at, at + size).every(b => b === 0xff)) return -1
  let value = 0
  for (let i = size - 1; i >= 0; i--) value = value * 256 + buf[at + i]
  return value
}

interface Superblock {
  /** File offset that addresses are relative to. */
  base: number
  offsets: number
  lengths: number
  rootHeader: number
}

function findSignature(file: FileBytes): number {
  for (let at = 0; at + 8 <= file.size && at <= MAX_USERBLOCK; at = at === 0 ? 512 : at * 2)
    if (file.read(at, 8).equals(SIGNATURE)) return at
  return -1
}

function superblock(file: FileBytes, at: number): Superblock {
  const head = file.read(at, Math.min(file.size - at, 160))
  const version = head[8]
  if (version <= 1) {
    const offsets = head[13]
    const lengths = head[14]
    // Version 1 adds two fields (4 bytes) before the addresses: base, free-space, end-of-file, driver info, then the
    // root symbol table entry: link name offset, object header address.
    const fields = version === 1 ? 28 : 24
    const base = uint(head, fields, offsets)
    const rootHeader = uint(head, fields + 5 * offsets, offsets)
    return { base: base < 0 ? at : base, offsets, lengths, rootHeader }
  }
  if (version <= 3) {
    const offsets = head[9]
    const lengths = head[10]
    const base = uint(head, 12, offsets)
    return { base: base < 0 ? at : base, offsets, lengths, rootHeader: uint(head, 12 + 3 * offsets, offsets) }
  }
  throw new Unreadable(`superblock version ${version} is not one this reader knows`)
}

interface Message {
  type: number
  flags: number
  data: Buffer
}

interface Block {
  start: number
  length: number
}

/** The messages of a version 1 object header block: 8-byte headers, data padded to 8 bytes. */
function messagesV1(buf: Buffer): Message[] {
  const out: Message[] = []
  for (let pos = 0; pos + 8 <= buf.length;) {
    const type = buf.readUInt16LE(pos)
    const size = buf.readUInt16LE(pos + 2)
    if (pos + 8 + size > buf.length) break
    out.push({ type, flags: buf[pos + 4], data: buf.subarray(pos + 8, pos + 8 + size) })
    pos += 8 + size
  }
  return out
}

/** The messages of a version 2 object header block (signature and checksum already cut off). */
function messagesV2(buf: Buffer, headerFlags: number): Message[] {
  const out: Message[] = []
  const headerSize = headerFlags & 0x04 ? 6 : 4
  for (let pos = 0; pos + headerSize <= buf.length;) {
    const type = buf[pos]
    const size = buf.readUInt16LE(pos + 1)
    if (pos + headerSize + size > buf.length) break
    out.push({ type, flags: buf[pos + 3], data: buf.subarray(pos + headerSize, pos + headerSize + size) })
    pos += headerSize + size
  }
  return out
}

function attributeName(data: Buffer): string {
  const version = data[0]
  const nameSize = data.readUInt16LE(2)
  const at = version >= 3 ? 9 : 8
  const raw = data.subarray(at, Math.min(data.length, at + nameSize))
  const end = raw.indexOf(0)
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8')
}

interface HeaderWalk {
  first: Block
  version: 1 | 2
  flags: number
}

function headerStart(file: FileBytes, sb: Superblock): HeaderWalk {
  const at = sb.base + sb.rootHeader
  const head = file.read(at, Math.min(64, file.size - at))
  if (head.subarray(0, 4).toString('latin1') === 'OHDR') {
    const flags = head[5]
    let pos = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0)
    const sizeBytes = 1 << (flags & 0x03)
    const length = uint(head, pos, sizeBytes)
    pos += sizeBytes
    return { first: { start: at + pos, length }, version: 2, flags }
  }
  if (head[0] !== 1) throw new Unreadable(`object header version ${head[0]} is not one this reader knows`)
  return { first: { start: at + 16, length: head.readUInt32LE(8) }, version: 1, flags: 0 }
}

/** Walks the root group's object header, continuation blocks included, collecting attribute names. */
function rootAttributeNames(file: FileBytes, sb: Superblock): RootAttributes {
  const walk = headerStart(file, sb)
  const blocks: Block[] = [walk.first]
  const names: string[] = []
  let seen = 0
  for (let i = 0; i < blocks.length; i++) {
    if (i >= MAX_BLOCKS) return { kind: 'unknown', why: 'too many header blocks' }
    const raw = file.read(blocks[i].start, blocks[i].length)
    // A version 2 continuation block starts with OCHK; every version 2 block ends with a checksum.
    const body = walk.version === 2 ? raw.subarray(i === 0 ? 0 : 4, raw.length - (i === 0 ? 0 : 4)) : raw
    for (const m of walk.version === 2 ? messagesV2(body, walk.flags) : messagesV1(body)) {
      if (++seen > MAX_MESSAGES) return { kind: 'unknown', why: 'too many header messages' }
      if (m.type === MSG_CONTINUATION)
        blocks.push({ start: sb.base + uint(m.data, 0, sb.offsets), length: uint(m.data, sb.offsets, sb.lengths) })
      else if (m.type === MSG_ATTRIBUTE && m.flags & 0x02) return { kind: 'unknown', why: 'a shared attribute' }
      else if (m.type === MSG_ATTRIBUTE) names.push(attributeName(m.data))
      else if (m.type === MSG_ATTRIBUTE_INFO && uint(m.data, 2 + (m.data[1] & 0x01 ? 2 : 0), sb.offsets) !== -1)
        return { kind: 'unknown', why: 'attributes in dense storage' }
    }
  }
  return { kind: 'names', names }
}

/** Reads the root attribute names of the HDF5 file at `file` (see RootAttributes). Never throws for bad content. */
export function hdf5RootAttributes(file: string): RootAttributes {
  const fd = openSync(file, 'r')
  try {
    const bytes = new FileBytes(fd, fstatSync(fd).size)
    const at = findSignature(bytes)
    if (at < 0) return { kind: 'not-hdf5' }
    return rootAttributeNames(bytes, superblock(bytes, at))
  } catch (error) {
    if (error instanceof Unreadable || error instanceof RangeError) return { kind: 'unknown', why: error.message }
    throw error
  } finally {
    closeSync(fd)
  }
}
