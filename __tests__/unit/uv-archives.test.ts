// The installer cache the action saves keeps only the unpacked wheels this run's venvs held: uv's archive folders
// laid out as uv lays them out (archive-v0/<id>/<package files and dist-info>), judged by their dist-info names.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { pruneUvArchives, usedKey } from '../../src/install/uv-archives.js'
import { scratchDir } from '../helpers/scratch.js'
import { fakeUvCache } from '../helpers/uv-cache.js'

const archives = (dir: string) => readdirSync(path.join(dir, 'archive-v0')).sort()
const used = (...keys: [string, string][]) => new Set(keys.map(([name, version]) => usedKey(name, version)))

describe('pruneUvArchives', () => {
  it('removes the archives no install used and keeps the used ones, names normalized as wheels spell them', () => {
    const dir = fakeUvCache({
      tf: ['tensorflow', 'tensorflow_cpu-2.21.0.dist-info'],
      oldtf: ['tensorflow', 'tensorflow_cpu-2.15.1.dist-info'],
      six: ['six.py', 'six-1.17.0.dist-info'],
      oldsix: ['six.py', 'six-1.16.0.dist-info']
    })
    const outcome = pruneUvArchives(dir, used(['Tensorflow.CPU', '2.21.0'], ['six', '1.17.0']))
    expect(outcome).toEqual({ kept: 2, removed: 2 })
    expect(archives(dir)).toEqual(['six', 'tf'])
  })

  it('keeps what it cannot name: a folder without a dist-info, a file, a link (never followed)', () => {
    const dir = fakeUvCache({ built: ['module.py'], unused: ['x-1.0.dist-info'] })
    const outside = fakeUvCache({ target: ['y-2.0.dist-info'] })
    writeFileSync(path.join(dir, 'archive-v0', 'stray'), '')
    symlinkSync(path.join(outside, 'archive-v0', 'target'), path.join(dir, 'archive-v0', 'link'))
    expect(pruneUvArchives(dir, used(['z', '3.0']))).toEqual({ kept: 3, removed: 1 })
    expect(archives(dir)).toEqual(['built', 'link', 'stray'])
    expect(existsSync(path.join(outside, 'archive-v0', 'target', 'y-2.0.dist-info'))).toBe(true)
  })

  it('removes nothing when no install was recorded, the folder is not a uv cache, or it has no archives', () => {
    const recorded = fakeUvCache({ a: ['a-1.0.dist-info'] })
    expect(pruneUvArchives(recorded, new Set())).toEqual({ kept: 0, removed: 0 })
    expect(archives(recorded)).toEqual(['a'])
    const untagged = fakeUvCache({ a: ['a-1.0.dist-info'] }, false)
    expect(pruneUvArchives(untagged, used(['b', '1.0']))).toEqual({ kept: 0, removed: 0 })
    expect(archives(untagged)).toEqual(['a'])
    const empty = scratchDir('uv-archives-none')
    writeFileSync(path.join(empty, 'CACHEDIR.TAG'), '')
    expect(pruneUvArchives(empty, used(['b', '1.0']))).toEqual({ kept: 0, removed: 0 })
  })
})
