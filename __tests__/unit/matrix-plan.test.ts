// The tensorflow-matrix plan: the TensorFlow minors the knowledge says can install with the repository's other pins
// on this Python, newest first, capped. Real requirement files, the real knowledge table, the real rules.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { planTensorflowMatrix } from '../../src/override/matrix-plan.js'
import { type MarkerEnvironment } from '../../src/requirements/markers.js'
import { loadRequirements } from '../../src/requirements/discover.js'
import { scratchDir } from '../helpers/scratch.js'

const markers = (python: string): MarkerEnvironment => ({
  implementation_name: 'cpython',
  implementation_version: `${python}.0`,
  os_name: 'posix',
  platform_machine: 'x86_64',
  platform_release: '6.1.0',
  platform_system: 'Linux',
  platform_version: '#1 SMP',
  python_full_version: `${python}.0`,
  platform_python_implementation: 'CPython',
  python_version: python,
  sys_platform: 'linux'
})

function plan(requirements: string, python = '3.11', max = 50) {
  const dir = scratchDir('plan')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  return planTensorflowMatrix({
    declared: loadRequirements(dir, [], { root: dir }),
    markerEnv: markers(python),
    env: {},
    extraPackages: [],
    legacyKeras: false,
    pathBase: dir,
    knowledge: KNOWLEDGE,
    max
  })
}

const minorsFor = (python: string) =>
  [...new Set(KNOWLEDGE.tensorflow.releases.filter(r => r.python.includes(python)).map(r => r.minor))].reverse()

describe('tensorflow-matrix', () => {
  it('keras 3 rules out TensorFlow 2.15 and older; the repository’s own TensorFlow pin does not limit it', () => {
    const got = plan('tensorflow-cpu==2.15.1\nkeras>=3\n')
    expect(got).toEqual(minorsFor('3.11').filter(m => Number(m.split('.')[1]) >= 16))
  })

  it('keras 2 keeps only what accepts it; newest first; capped by max-versions', () => {
    // Each TensorFlow minor of the Keras 2 era pins its own keras minor.
    expect(plan('keras==2.15.0\n')).toEqual(['2.15'])
    expect(plan('keras~=2.13.0\n')).toEqual(['2.13'])
    expect(plan('keras>=3\n', '3.11', 2)).toEqual(minorsFor('3.11').slice(0, 2))
  })

  it('only minors with a release for this Python: Python 3.12 has no TensorFlow before 2.16', () => {
    const got = plan('six\n', '3.12')
    expect(got).toEqual(minorsFor('3.12'))
    expect(got).not.toContain('2.15')
    expect(plan('six\n', '3.11')).toContain('2.15')
  })

  it('a pin nothing can meet gives an empty list, which a workflow can test for', () => {
    expect(plan('keras==2.15.0\nnumpy>=2.0\n')).toEqual([])
    expect(plan('keras>=3\nprotobuf<3.20\n')).toEqual([])
  })

  it('judges only the lines that can depend on TensorFlow: an unrelated conflict does not empty the plan', () => {
    expect(plan('keras>=3\nselenium~=4.15.2\nselenium~=4.24\n', '3.11', 2)).toEqual(minorsFor('3.11').slice(0, 2))
  })

  it('makes no plan, rather than a slow one, over more distinct TensorFlow lines than it can judge quickly', () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `tensorflow!=2.${i}.99`).join('\n')
    expect(plan(`${lines}\n`)).toBeUndefined()
    expect(plan(`${'keras>=3\n'.repeat(5000)}`, '3.11', 1)).toEqual(minorsFor('3.11').slice(0, 1))
  })
})
