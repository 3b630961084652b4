// `--fix` writes the plan into the files (every other byte kept), `--fix --dry-run` prints the patch and writes
// nothing; neither ever applies a plan its proof disproved.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseCli } from '../../src/cli/args.js'
import { applyFix } from '../../src/cli/fix.js'
import { ConfigError } from '../../src/core/errors.js'
import { type FixPlan } from '../../src/fixplan/types.js'
import { patchFor } from '../../src/fixplan/patch.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function repo(text: string) {
  const dir = scratchDir('fix')
  writeFileSync(path.join(dir, 'requirements.txt'), text)
  return dir
}

function planFor(dir: string, status: FixPlan['verification']['status'] = 'verified'): FixPlan {
  const edits = [
    { file: 'requirements.txt', line: 1, before: 'tensorflow-cpu==2.9.3', after: 'tensorflow-cpu==2.12.1' },
    { file: 'requirements.txt', before: '', after: 'numpy<2' }
  ]
  const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
  return {
    found: true,
    edits,
    python: '3.11',
    env: { TF_USE_LEGACY_KERAS: '1' },
    tensorflow: 'tensorflow-cpu 2.12.1',
    summary: 'x',
    verification: { status, detail: 'resolves (uv 0.13.9 dry run)', proof: 'resolve', seconds: 1, tried: 1 },
    patch: patchFor(set, dir, edits).text,
    patchNotes: []
  }
}

function io(cwd: string) {
  const out = { stdout: '', stderr: '' }
  return { out, io: { cwd, stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } }
}

describe('--fix', () => {
  it('writes the plan into the files, CRLF and the open last line kept, and says what else to do', () => {
    const dir = repo('tensorflow-cpu==2.9.3\r\nkeras')
    const { out, io: fixIo } = io(dir)
    expect(applyFix(planFor(dir), false, fixIo, '3.11.7')).toBe(0)
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe(
      'tensorflow-cpu==2.12.1\r\nkeras\r\nnumpy<2\r\n'
    )
    expect(out.stderr).toMatch(/2 line\(s\) changed in requirements\.txt \(resolves \(uv 0\.13\.9 dry run\)\)/)
    expect(out.stderr).toContain('Set TF_USE_LEGACY_KERAS=1 wherever the code runs')
  })

  it('--dry-run prints a patch git applies to the same bytes, and writes nothing', () => {
    const dir = repo('tensorflow-cpu==2.9.3\r\nkeras')
    const written = repo('tensorflow-cpu==2.9.3\r\nkeras')
    const { out, io: fixIo } = io(dir)
    expect(applyFix(planFor(dir), true, fixIo, '3.11.7')).toBe(0)
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe('tensorflow-cpu==2.9.3\r\nkeras')
    const patch = path.join(written, 'fix.patch')
    writeFileSync(patch, out.stdout)
    expect(spawnSync('git', ['apply', 'fix.patch'], { cwd: written }).status).toBe(0)
    applyFix(planFor(dir), false, io(dir).io, '3.11.7')
    expect(readFileSync(path.join(written, 'requirements.txt'))).toEqual(
      readFileSync(path.join(dir, 'requirements.txt'))
    )
  })

  it('never applies a plan its proof disproved, and says when there is nothing or no plan', () => {
    const dir = repo('tensorflow-cpu==2.9.3\n')
    const { out, io: fixIo } = io(dir)
    expect(applyFix(planFor(dir, 'failed'), false, fixIo, '3.11.7')).toBe(1)
    expect(readFileSync(path.join(dir, 'requirements.txt'), 'utf8')).toBe('tensorflow-cpu==2.9.3\n')
    expect(out.stderr).toMatch(/not applied, the plan failed its proof/)
    expect(applyFix(undefined, false, fixIo, '3.11.7')).toBe(0)
    expect(applyFix({ ...planFor(dir), found: false, summary: 'why' }, false, fixIo, '3.11.7')).toBe(1)
    expect(out.stderr).toContain('no plan: why')
  })

  it('is a flag of the command line only; --dry-run needs it, and a matrix has no one plan to write', () => {
    expect(parseCli(['.', '--fix', '--dry-run'], '/r')).toMatchObject({ fix: true, dryRun: true })
    expect(() => parseCli(['--dry-run'], '/r')).toThrow(ConfigError)
    expect(() => parseCli(['--fix', '--tensorflow-versions', '2.15, 2.16'], '/r')).toThrow(
      /--fix applies the plan of one environment/
    )
    expect(parseCli(['--verify-fix', 'resolve'], '/r').config.verifyFix).toBe('resolve')
    expect(() => parseCli(['--verify-fix', 'maybe'], '/r')).toThrow(
      /--verify-fix: "maybe" is not one of install, resolve, none/
    )
  })
})
