// Issue #14's acceptance: for five shapes that each need two or more lines changed, the action's fix plan is proven
// by a real install and smoke test, `git apply` of the `fix-patch` file onto a copy of the repository is accepted,
// and the action run again on that copy passes. Real uv, real Python, real TensorFlow wheels (the download cache is
// shared, and all five land on TensorFlow 2.12, so each wheel is fetched once).
import { describe, expect, it, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { repoWith, runAction } from './helpers/runner.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(30 * 60_000)

interface Shape {
  name: string
  requirements: string
  /** Modules the smoke test imports too: the companion the plan moved must import beside its TensorFlow. */
  smokeImports?: string
}

const SHAPES: Shape[] = [
  {
    name: 'a TensorFlow pin with no wheel for Python 3.11 beside the keras pin tied to it',
    requirements: 'tensorflow-cpu==2.9.3\nkeras==2.9.0\n'
  },
  { name: 'TensorFlow with a protobuf cap', requirements: 'tensorflow-cpu==2.10.1\nprotobuf<3.20\n' },
  {
    name: 'TensorFlow with a tensorflow-io pin',
    requirements: 'tensorflow-cpu==2.11.0\ntensorflow-io==0.27.0\n',
    smokeImports: 'tensorflow_io'
  },
  {
    name: 'TensorFlow with a tensorflow-probability pin',
    requirements: 'tensorflow-cpu==2.11.0\ntensorflow-probability~=0.15.0\n',
    smokeImports: 'tensorflow_probability'
  },
  { name: 'tensorflow-gpu with an old numpy', requirements: 'tensorflow-gpu==2.11.0\nnumpy==1.19.5\n' }
]

/** The repository copied, made a git checkout, and the patch applied there by git. */
function applyPatch(repo: string, patch: string): { dir: string; status: number | null; stderr: string } {
  const dir = path.join(scratchDir('applied'), 'repo')
  cpSync(repo, dir, { recursive: true })
  spawnSync('git', ['init', '-q'], { cwd: dir })
  const applied = spawnSync('git', ['apply', patch], { cwd: dir, encoding: 'utf8' })
  return { dir, status: applied.status, stderr: applied.stderr }
}

describe('the fix plan on real installs (issue #14)', () => {
  it.each(SHAPES)('$name: proven, applied with git apply, and the re-run passes', async shape => {
    const repo = repoWith(shape.requirements)
    const inputs: Record<string, string> = shape.smokeImports ? { 'smoke-imports': shape.smokeImports } : {}
    const run = await runAction({ workspace: repo, inputs })
    expect(run.outputs.status).toBe('fail')
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    const plan = report.fixPlan
    expect(plan.found).toBe(true)
    expect(plan.edits.length).toBeGreaterThanOrEqual(2)
    expect(plan.verification).toMatchObject({ status: 'verified', proof: 'smoke-test' })
    expect(plan.verification.detail).toMatch(/^installs and passes the smoke test on Python 3\.\d+ \(uv, \d+ s\)$/)
    // The summary opens with the plan: its proof, then the diff, before the findings.
    const heading = run.summary.indexOf('<h3>Fix plan: ✅ installs and passes the smoke test')
    expect(heading).toBeGreaterThan(0)
    expect(heading).toBeLessThan(run.summary.indexOf('<h3>Findings'))
    expect(report.stages.map((s: { name: string }) => s.name)).toContain('fix plan')
    // Each changed line carries the plan's edit in an annotation.
    for (const edit of plan.edits.filter((e: { line?: number }) => e.line))
      expect(run.log).toMatch(new RegExp(`file=requirements.txt,line=${edit.line}::.*Fix plan: change this line to`))
    // The patch file is what the report holds, and git takes it.
    const patch = run.outputs['fix-patch']
    expect(path.dirname(patch)).toBe(run.runnerTemp)
    expect(readFileSync(patch, 'utf8')).toBe(plan.patch)
    const applied = applyPatch(repo, patch)
    expect({ status: applied.status, stderr: applied.stderr }).toEqual({ status: 0, stderr: '' })
    expect(readFileSync(path.join(repo, 'requirements.txt'), 'utf8')).toBe(shape.requirements)
    const rerun = await runAction({ workspace: applied.dir, inputs })
    expect({ status: rerun.outputs.status, findings: JSON.parse(rerun.outputs.findings) }).toMatchObject({
      status: 'pass'
    })
    expect(rerun.outputs['fix-patch']).toBe('')
  })

  it('a plan the resolver refuses (the index unreachable) is shown as failed with its words, and no fix-patch is offered', async () => {
    const repo = repoWith('tensorflow-cpu==2.9.3\nkeras==2.9.0\n')
    const run = await runAction({
      workspace: repo,
      inputs: { 'verify-fix': 'resolve' },
      env: {
        PIP_CONFIG_FILE: '/dev/null',
        PIP_INDEX_URL: 'http://127.0.0.1:9/simple',
        PIP_EXTRA_INDEX_URL: '',
        PIP_FIND_LINKS: ''
      }
    })
    expect(run.outputs.status).toBe('fail')
    const plan = JSON.parse(readFileSync(run.outputs.report, 'utf8')).fixPlan
    expect(plan.found).toBe(true)
    expect(plan.verification).toMatchObject({ status: 'failed', proof: 'resolve', tried: 4 })
    expect(plan.verification.detail).toBe('none of the 4 best plans resolves')
    expect(plan.verification.evidence).toMatch(/127\.0\.0\.1|Connection refused|error sending request/i)
    expect(run.summary).toContain('<h3>Fix plan: ❌ none of the 4 best plans resolves</h3>')
    expect(run.outputs['fix-patch']).toBe('')
    expect(run.leftInTemp).toEqual([expect.stringMatching(/^keras-compat-report.*\.json$/)])
  })
})
