// Inputs at the edges: a 10,000-line file, a 100 kB line, output that is not UTF-8, a temp folder that cannot be
// written. Each ends in an answer or a named error, never a crash.
import { ConfigError } from '../../src/core/errors.js'
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { createWorkDir } from '../../src/environment/workspace.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { preflight } from '../../src/preflight/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { nodeProcessRunner } from '../../src/util/process.js'
import { scratchDir } from '../helpers/scratch.js'

function file(text: string): string {
  const dir = scratchDir('limits')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  return path.join(dir, 'requirements.txt')
}

describe('limits', () => {
  it('reads and judges a 10,000-line file', () => {
    const lines = [
      'tensorflow-cpu==2.15.1',
      'keras>=3',
      ...Array.from({ length: 9998 }, (_, i) => `package-${i}>=1.${i % 50}`)
    ]
    const f = file(lines.join('\n'))
    const set = readRequirementFiles([f])
    expect(set.requirements).toHaveLength(10_000)
    const findings = preflight({
      requirements: set,
      markerEnv: linuxMarkers(),
      env: {},
      pathBase: path.dirname(f),
      knowledge: KNOWLEDGE
    })
    expect(findings.map(x => x.id)).toEqual(['keras-tf-mismatch'])
  })

  it('reads a 100 kB line as one requirement with its hashes, and a 100 kB garbage line as one parse problem', () => {
    const hashes = Array.from({ length: 1400 }, (_, i) => `--hash=sha256:${i.toString(16).padStart(64, '0')}`).join(' ')
    expect(hashes.length).toBeGreaterThan(100_000)
    const set = readRequirementFiles([file(`keras==3.15.1 ${hashes}\n`)])
    expect(set.requirements.map(r => [r.key, r.specifier])).toEqual([['keras', '==3.15.1']])
    const garbage = readRequirementFiles([file(`keras ${'x'.repeat(100_000)}\nnumpy\n`)])
    expect(garbage.problems).toHaveLength(1)
    expect(garbage.requirements.map(r => r.key)).toEqual(['numpy'])
  })

  it('shows bytes that are not UTF-8 instead of throwing', async () => {
    const result = await nodeProcessRunner.run('python3', [
      '-c',
      'import sys; sys.stdout.buffer.write(b"ok \\xff\\xfe bad\\n")'
    ])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('ok \ufffd\ufffd bad')
  })

  it('names a temp folder that cannot be written', () => {
    // A path under a regular file cannot be made by anyone, root included (root writes into read-only folders).
    const blocker = file('not a folder')
    expect(() => createWorkDir(path.join(blocker, 'temp'))).toThrow(ConfigError)
    expect(() => createWorkDir(path.join(blocker, 'temp'))).toThrow(/cannot be written.*RUNNER_TEMP/)
  })
})
