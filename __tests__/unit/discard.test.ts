// The CLI's end of a work folder: renamed out of the way at once, then removed by a detached process (real spawn),
// never through a link; trash whose remover died is swept by a later run, fresh trash is left to its own remover.
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { discardInBackground } from '../../src/environment/discard.js'
import { eventually } from '../helpers/eventually.js'
import { scratchDir } from '../helpers/scratch.js'

/** A work folder with a small venv-like tree, and a link out of it to a folder that must survive. */
function workFolder(temp: string, name: string, outside: string): string {
  const root = path.join(temp, name)
  mkdirSync(path.join(root, 'venv/lib/site/pkg'), { recursive: true })
  writeFileSync(path.join(root, 'venv/lib/site/pkg/__init__.py'), '')
  symlinkSync(outside, path.join(root, 'venv/lib/site/linked'))
  return root
}

const trash = (temp: string) => readdirSync(temp).filter(name => name.startsWith('keras-compat-trash-'))

describe('discardInBackground', () => {
  it('frees the folder name at once and removes the folder in the background, leaving link targets alone', async () => {
    const temp = scratchDir('discard')
    const outside = scratchDir('discard-outside')
    writeFileSync(path.join(outside, 'keep.txt'), 'user data')
    const root = workFolder(temp, 'keras-compat-0123456789ab', outside)
    discardInBackground(root)
    expect(existsSync(root)).toBe(false)
    await eventually(() => readdirSync(temp).length === 0, 'the background removal')
    expect(readdirSync(outside)).toEqual(['keep.txt'])
  })

  it('sweeps trash older than ten minutes and leaves fresh trash to its own remover', async () => {
    const temp = scratchDir('discard-sweep')
    const outside = scratchDir('discard-sweep-outside')
    const old = workFolder(temp, 'keras-compat-trash-000000000000', outside)
    const hourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(old, hourAgo, hourAgo)
    const fresh = workFolder(temp, 'keras-compat-trash-ffffffffffff', outside)
    discardInBackground(workFolder(temp, 'keras-compat-abcdef012345', outside))
    await eventually(() => trash(temp).length === 1, 'the sweep of old trash')
    expect(readdirSync(temp)).toEqual([path.basename(fresh)])
  })

  it('touches nothing that is not a keras-compat work folder', () => {
    const temp = scratchDir('discard-foreign')
    const foreign = path.join(temp, 'project')
    mkdirSync(foreign)
    discardInBackground(foreign)
    discardInBackground('relative/keras-compat-abc')
    expect(readdirSync(temp)).toEqual(['project'])
  })
})
