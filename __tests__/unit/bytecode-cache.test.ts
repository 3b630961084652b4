// Python's bytecode cache across runs: one tree per stable work folder, and never more than a few of them kept, so the
// keras-compat cache (and the Actions cache saved from it) stays bounded however many requirement sets it has seen.
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { bytecodePrefix, KEEP_OTHER_TREES, pruneBytecode } from '../../src/environment/bytecode-cache.js'
import { scratchDir } from '../helpers/scratch.js'

const HOUR = 3_600_000

/** A tree as Python leaves it, last used `hoursAgo` hours ago. */
function tree(cache: string, name: string, hoursAgo: number): void {
  const dir = path.join(cache, name, 'tmp', `keras-compat-${name}`, 'venv', 'lib')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'mod.cpython-311.pyc'), 'bytecode')
  const at = new Date(Date.now() - hoursAgo * HOUR)
  utimesSync(path.join(cache, name), at, at)
}

const hex = (n: number) => n.toString(16).padStart(12, '0')

describe('bytecodePrefix', () => {
  it('gives a stable folder a tree of the cache of its own, marked as just used', () => {
    const cache = scratchDir('pyc')
    tree(cache, hex(1), 48)
    const prefix = bytecodePrefix(cache, { root: '/tmp/keras-compat-x', stableName: hex(1) })
    expect(prefix).toBe(path.join(cache, hex(1)))
    expect(Date.now() - statSync(prefix).mtimeMs).toBeLessThan(HOUR)
  })

  it('keeps a random folder bytecode inside the folder, which goes with it', () => {
    const cache = scratchDir('pyc-random')
    const root = path.join(scratchDir('work'), 'keras-compat-Ab12Cd')
    expect(bytecodePrefix(cache, { root })).toBe(path.join(root, 'pycache'))
    expect(readdirSync(cache)).toEqual([])
  })
})

describe('pruneBytecode', () => {
  it('keeps the current tree and the most recently used others, and removes the rest', () => {
    const cache = scratchDir('pyc-prune')
    for (let n = 1; n <= 6; n++) tree(cache, hex(n), 10 * n)
    const removed = pruneBytecode(cache, hex(6), Date.now())
    // hex(6) is current although the oldest; of the others the newest KEEP_OTHER_TREES stay.
    const kept = [hex(6), ...[1, 2, 3, 4, 5].slice(0, KEEP_OTHER_TREES).map(hex)]
    expect(readdirSync(cache).sort()).toEqual(kept.sort())
    expect(removed.sort()).toEqual([1, 2, 3, 4, 5].slice(KEEP_OTHER_TREES).map(hex).sort())
  })

  it('keeps every tree used since the process began (a matrix of Pythons in one run)', () => {
    const cache = scratchDir('pyc-matrix')
    for (let n = 1; n <= 5; n++) tree(cache, hex(n), 0)
    tree(cache, hex(9), 30)
    tree(cache, hex(10), 40)
    tree(cache, hex(11), 50)
    pruneBytecode(cache, hex(1), Date.now() - HOUR)
    const expected = [1, 2, 3, 4, 5, 9, 10].slice(0, 5 + KEEP_OTHER_TREES).map(hex)
    expect(readdirSync(cache).sort()).toEqual(expected.sort())
  })

  it('removes what is not a tree: the shared prefix of older releases, stray files', () => {
    const cache = scratchDir('pyc-legacy')
    tree(cache, hex(1), 1)
    mkdirSync(path.join(cache, 'tmp', 'keras-compat-abc', 'venv'), { recursive: true })
    writeFileSync(path.join(cache, '__autograph_generated_file1.cpython-311.pyc'), 'x')
    pruneBytecode(cache, undefined, Date.now())
    expect(readdirSync(cache)).toEqual([hex(1)])
  })

  it('removes a link named like a tree without touching what it points at', () => {
    const cache = scratchDir('pyc-link')
    const outside = scratchDir('pyc-outside')
    writeFileSync(path.join(outside, 'keep.txt'), 'user data')
    for (let n = 1; n <= KEEP_OTHER_TREES + 1; n++) tree(cache, hex(n), n)
    symlinkSync(outside, path.join(cache, hex(99)))
    utimesSync(outside, new Date(0), new Date(0))
    pruneBytecode(cache, hex(1), Date.now())
    expect(existsSync(path.join(cache, hex(99)))).toBe(false)
    expect(readdirSync(outside)).toEqual(['keep.txt'])
  })

  it('is no error when the cache folder does not exist', () => {
    expect(pruneBytecode(path.join(scratchDir('pyc-none'), 'missing'), hex(1))).toEqual([])
  })
})
