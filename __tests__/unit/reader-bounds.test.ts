// Inputs built to blow up a reader: markers nested thousands deep, a pyproject.toml with 20,000 dependencies (each
// must still get its own line), groups that include each other exponentially often. Each ends in an answer or a
// located problem. (How fast is measured by bench/preflight.mjs, not here.)
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { MAX_MARKER_DEPTH } from '../../src/requirements/markers.js'
import { readPyproject } from '../../src/requirements/pyproject.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function file(text: string): string {
  const dir = scratchDir('bounds')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  return path.join(dir, 'requirements.txt')
}

const nested = (depth: number) => `${'('.repeat(depth)}os_name == "posix"${')'.repeat(depth)}`

describe('deep markers', () => {
  it('reads a marker nested to the depth limit, and reports deeper ones as a parse problem at their line', () => {
    const set = readRequirementFiles([file(`numpy; ${nested(MAX_MARKER_DEPTH)}\nkeras; ${nested(5000)}\nscipy\n`)])
    expect(set.requirements.map(r => r.key)).toEqual(['numpy', 'scipy'])
    expect(set.problems.map(p => [p.kind, p.location.line])).toEqual([['syntax', 2]])
    expect(set.problems[0].message).toMatch(/nested more than 300 parentheses deep/)
  })

  it('does the same in pyproject.toml', () => {
    const text = `[project]\nname = "x"\ndependencies = [\n  'keras; ${nested(5000)}',\n  "numpy",\n]\n`
    const read = readPyproject('/repo/pyproject.toml', text, { extras: [], groups: [] })
    expect(read.requirements.map(r => [r.key, r.location.line])).toEqual([['numpy', 5]])
    expect(read.problems.map(p => p.location.line)).toEqual([4])
  })
})

describe('large pyproject.toml', () => {
  it('gives each of 20,000 dependencies its own line, and the same string in two tables two lines', () => {
    const deps = Array.from({ length: 20_000 }, (_, i) => `  "package-${i % 5000}>=1.${i}",`)
    const text = [
      '[project]',
      'name = "big"',
      'dependencies = [',
      ...deps,
      '  "numpy", "numpy<2",',
      ']',
      '[dependency-groups]',
      'test = ["numpy"]'
    ].join('\n')
    const read = readPyproject('/repo/pyproject.toml', text, { extras: [], groups: ['test'] })
    expect(read.problems).toEqual([])
    const lines = read.requirements.map(r => r.location.line)
    expect(lines.slice(0, 20_000)).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 4))
    expect(lines.slice(20_000)).toEqual([20_004, 20_004, 20_007])
  })

  it('stops following dependency groups that include each other exponentially often', () => {
    const groups = Array.from(
      { length: 40 },
      (_, i) => `g${i} = [{include-group = "g${i + 1}"}, {include-group = "g${i + 1}"}, "pkg${i}"]`
    )
    const text = ['[project]', 'name = "x"', '[dependency-groups]', ...groups, 'g40 = ["numpy"]'].join('\n')
    const read = readPyproject('/repo/pyproject.toml', text, { extras: [], groups: ['g0'] })
    expect(read.problems).toHaveLength(1)
    expect(read.problems[0].message).toMatch(/include each other more than 1000 times/)
  })
})
