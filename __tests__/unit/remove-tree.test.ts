// The work folder's removal: everything under it goes, links go without their targets, and what the fast walk cannot
// remove is still removed.
import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { removeTree } from '../../src/util/remove-tree.js'
import { scratchDir } from '../helpers/scratch.js'

/** A small venv-like tree: nested folders, files, an empty folder. */
function tree(root: string): void {
  for (const dir of ['lib/site/pkg/sub', 'lib/site/pkg-1.0.dist-info', 'bin', 'empty']) {
    mkdirSync(path.join(root, dir), { recursive: true })
  }
  writeFileSync(path.join(root, 'lib/site/pkg/__init__.py'), '')
  writeFileSync(path.join(root, 'lib/site/pkg/sub/mod.py'), 'x = 1\n')
  writeFileSync(path.join(root, 'lib/site/pkg-1.0.dist-info/METADATA'), 'Name: pkg\n')
  writeFileSync(path.join(root, 'bin/python'), '#!/bin/sh\n')
}

describe('removeTree', () => {
  it('removes a nested tree of folders and files', () => {
    const root = path.join(scratchDir('rmtree'), 'venv')
    tree(root)
    removeTree(root)
    expect(existsSync(root)).toBe(false)
  })

  it('removes links to folders and files outside without touching what they point at', () => {
    const base = scratchDir('rmtree-links')
    const outside = path.join(base, 'outside')
    mkdirSync(path.join(outside, 'keep'), { recursive: true })
    writeFileSync(path.join(outside, 'keep/data.txt'), 'user data')
    const root = path.join(base, 'venv')
    tree(root)
    symlinkSync(outside, path.join(root, 'lib/site/linked-dir'))
    symlinkSync(path.join(outside, 'keep/data.txt'), path.join(root, 'bin/linked-file'))
    symlinkSync(path.join(base, 'missing'), path.join(root, 'dangling'))
    removeTree(root)
    expect(existsSync(root)).toBe(false)
    expect(readdirSync(path.join(outside, 'keep'))).toEqual(['data.txt'])
  })

  it('removes a link that stands where the folder was, and leaves what it points at whole', () => {
    const base = scratchDir('rmtree-root-link')
    const target = path.join(base, 'home')
    tree(target)
    const venv = path.join(base, 'venv')
    symlinkSync(target, venv)
    removeTree(venv)
    expect(existsSync(venv)).toBe(false)
    expect(readdirSync(path.join(target, 'lib/site/pkg/sub'))).toEqual(['mod.py'])
  })

  it('is no error for a path that does not exist', () => {
    const root = path.join(scratchDir('rmtree-none'), 'never-made')
    expect(() => removeTree(root)).not.toThrow()
    expect(existsSync(root)).toBe(false)
  })

  it('leaves to rmSync what the walk cannot take (a file where a folder was expected)', () => {
    const file = path.join(scratchDir('rmtree-file'), 'venv')
    writeFileSync(file, 'not a folder')
    removeTree(file)
    expect(existsSync(file)).toBe(false)
  })
})
