import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { preflight } from '../../src/preflight/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

function check(requirements: string, options: { python?: string; env?: Record<string, string> } = {}) {
  const dir = scratchDir('pre')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  const set = readRequirementFiles([path.join(dir, 'requirements.txt')])
  return preflight({
    requirements: set,
    markerEnv: linuxMarkers(options.python ?? '3.11'),
    env: options.env ?? {},
    pathBase: dir,
    knowledge: KNOWLEDGE
  })
}

const ids = (findings: ReturnType<typeof check>) => findings.map(f => `${f.id}:${f.severity}`)

describe('keras-tf-mismatch', () => {
  it('fires for keras 3 beside TF 2.15 at both lines, with the keras range TF needs', () => {
    const [f, ...rest] = check('tensorflow-cpu==2.15.1\nkeras>=3\n')
    expect(rest).toEqual([])
    expect(f).toMatchObject({
      id: 'keras-tf-mismatch',
      severity: 'error',
      locations: [
        { file: 'requirements.txt', line: 1 },
        { file: 'requirements.txt', line: 2 }
      ]
    })
    expect(f.edits).toEqual([{ file: 'requirements.txt', line: 2, before: 'keras>=3', after: 'keras>=2.15.0,<2.16' }])
    expect(f.fix).toMatch(/move TensorFlow .* `tensorflow-cpu==2\.2\d\.\d+`/)
  })
  it('fires for keras 2 beside TF 2.16', () => {
    expect(ids(check('tensorflow-cpu==2.16.2\nkeras<3\n'))).toEqual(['keras-tf-mismatch:error'])
  })
  it('stays silent for matching pins, a loose TF range with one good release, or keras unpinned', () => {
    expect(check('tensorflow-cpu==2.15.1\nkeras==2.15.0\n')).toEqual([])
    expect(check('tensorflow-cpu>=2.15,<2.17\nkeras>=3\n')).toEqual([])
    expect(check('tensorflow-cpu==2.15.1\nkeras\n')).toEqual([])
  })
  it('warns when unpinned TF is held back by keras<3', () => {
    const [f] = check('tensorflow\nkeras<3\n')
    expect(f).toMatchObject({ id: 'keras-tf-mismatch', severity: 'warning' })
    expect(f.title).toMatch(/holds tensorflow back to 2\.15\./)
  })
  // tensorflow, not tensorflow-cpu: tf-keras 2.16+ requires the tensorflow package itself (tensorflow-duplicate).
  it('notes tf-keras under Keras 3 without TF_USE_LEGACY_KERAS, and not with it', () => {
    expect(ids(check('tensorflow==2.17.1\ntf-keras~=2.17.0\n'))).toEqual(['keras-tf-mismatch:info'])
    expect(check('tensorflow==2.17.1\ntf-keras~=2.17.0\n', { env: { TF_USE_LEGACY_KERAS: '1' } })).toEqual([])
  })
})

describe('tf-keras-mismatch', () => {
  it('fires for tf-keras of another minor', () => {
    const [f] = check('tensorflow-cpu==2.18.1\ntf-keras==2.19.0\n', { env: { TF_USE_LEGACY_KERAS: '1' } })
    expect(f).toMatchObject({ id: 'tf-keras-mismatch', severity: 'error' })
    expect(f.edits?.[0].after).toBe('tf-keras~=2.18.0')
  })
  it('stays silent for the same minor', () => {
    expect(check('tensorflow==2.18.1\ntf-keras~=2.18.0\n', { env: { TF_USE_LEGACY_KERAS: '1' } })).toEqual([])
  })
})

describe('legacy-keras-missing', () => {
  it('fires when TF_USE_LEGACY_KERAS=1 and nothing installs tf-keras', () => {
    const [f] = check('tensorflow-cpu==2.17.1\n', { env: { TF_USE_LEGACY_KERAS: '1' } })
    expect(f).toMatchObject({ id: 'legacy-keras-missing', severity: 'error' })
    expect(f.edits).toEqual([{ file: 'requirements.txt', before: '', after: 'tf-keras~=2.17.0' }])
  })
  it('stays silent when tensorflow-hub brings tf-keras, for ignored spellings, and for TF without the switch', () => {
    expect(ids(check('tensorflow-cpu==2.17.1\ntensorflow-hub\n', { env: { TF_USE_LEGACY_KERAS: '1' } }))).not.toContain(
      'legacy-keras-missing:error'
    )
    expect(check('tensorflow-cpu==2.17.1\n', { env: { TF_USE_LEGACY_KERAS: 'yes' } })).toEqual([])
    expect(check('tensorflow-cpu==2.13.1\n', { env: { TF_USE_LEGACY_KERAS: '1' } })).toEqual([])
  })
})

describe('dependency ranges', () => {
  it.each([
    ['tensorflow-cpu==2.15.1\nnumpy>=2\n', 'numpy-range'],
    ['tensorflow-cpu==2.12.1\nprotobuf>=5\n', 'protobuf-range'],
    ['tensorflow-cpu==2.14.1\nml-dtypes>=0.3\n', 'ml-dtypes-range'],
    ['tensorflow-cpu==2.16.2\nh5py<3\n', 'h5py-range']
  ])('%s → %s', (text, id) => {
    const [f] = check(text)
    expect(f).toMatchObject({ id, severity: 'error' })
    expect(f.locations).toHaveLength(2)
  })
  it.each([
    'tensorflow-cpu==2.15.1\nnumpy<2\n',
    'tensorflow-cpu==2.12.1\nprotobuf<5\n',
    'tensorflow-cpu==2.14.1\nml-dtypes==0.2.0\n',
    'tensorflow-cpu==2.16.2\nh5py>=3.10\n'
  ])('stays silent for %s', text => expect(check(text)).toEqual([]))
})

describe('numpy-abi', () => {
  it('fires for TF 2.14.0 (no numpy cap, built for numpy 1) and suggests numpy<2', () => {
    const [f] = check('tensorflow-cpu==2.14.0\n')
    expect(f).toMatchObject({ id: 'numpy-abi', severity: 'error' })
    expect(f.edits).toEqual([{ file: 'requirements.txt', before: '', after: 'numpy<2' }])
  })
  it('stays silent when numpy is capped, or the release caps it itself', () => {
    expect(check('tensorflow-cpu==2.14.0\nnumpy<2\n')).toEqual([])
    expect(check('tensorflow-cpu==2.15.1\n')).toEqual([])
  })
})

describe('releases', () => {
  it('names the real versions near one never released', () => {
    const [f] = check('tensorflow==2.16.0\n')
    expect(f).toMatchObject({ id: 'version-not-found', severity: 'error' })
    expect(f.explanation).toContain('2.16.1')
    expect(f.edits?.[0].after).toBe('tensorflow==2.16.1')
  })
  it('stays silent for a real release, and for one newer than the table knows', () => {
    expect(check('tensorflow==2.16.1\n')).toEqual([])
    expect(check('tensorflow==2.99.0\n').map(f => f.id)).not.toContain('version-not-found')
  })
  it('says which Pythons a pinned TF supports', () => {
    const [f] = check('tensorflow-cpu==2.15.1\n', { python: '3.12' })
    expect(f).toMatchObject({ id: 'python-unsupported', severity: 'error' })
    expect(f.explanation).toContain('3.9, 3.10, 3.11')
    expect(check('tensorflow-cpu==2.16.2\n', { python: '3.12' }).map(f => f.id)).not.toContain('python-unsupported')
  })
  // Issue #13 class 6: only the 2.12+ sdist-only stubs fail; 2.10.1 was a real GPU wheel.
  it('flags the tensorflow-gpu stubs as errors, and old real releases only as a note', () => {
    expect(ids(check('tensorflow-gpu\n', { python: '3.10' }))).toContain('tensorflow-gpu-deprecated:error')
    expect(ids(check('tensorflow-gpu==2.12.0\n', { python: '3.10' }))).toContain('tensorflow-gpu-deprecated:error')
    expect(ids(check('tensorflow-gpu==2.10.1\n', { python: '3.10' }))).toContain('tensorflow-gpu-deprecated:info')
    expect(ids(check('tensorflow==2.10.1\n', { python: '3.10' })).join()).not.toContain('tensorflow-gpu-deprecated')
  })
})

describe('companions', () => {
  it('fires for tensorflow-probability 0.24+ under Keras 3 without tf-keras', () => {
    const [f] = check('tensorflow-cpu==2.21.0\ntensorflow-probability\n')
    expect(f).toMatchObject({ id: 'companion-incompatible', severity: 'error' })
    expect(f.edits?.[0].after).toBe('tf-keras~=2.21.0')
  })
  it('stays silent with tf-keras or the [tf] extra', () => {
    expect(check('tensorflow-cpu==2.21.0\ntensorflow-probability\ntf-keras~=2.21.0\n').map(f => f.id)).not.toContain(
      'companion-incompatible'
    )
    expect(check('tensorflow-cpu==2.21.0\ntensorflow-probability[tf]\n').map(f => f.id)).not.toContain(
      'companion-incompatible'
    )
  })
  it('fires when a companion refuses the TF in play, not when it matches', () => {
    expect(ids(check('tensorflow-cpu==2.15.1\ntensorflow-probability==0.24.0\n'))).toEqual([
      'companion-incompatible:error'
    ])
    expect(ids(check('tensorflow-cpu==2.15.1\ntensorflow-io==0.37.1\n'))).toEqual(['companion-incompatible:error'])
    expect(check('tensorflow-cpu==2.15.1\ntensorflow-io==0.36.0\n')).toEqual([])
    expect(ids(check('tensorflow-cpu==2.12.1\ntensorflow-addons==0.23.0\n'))).toEqual([
      'companion-incompatible:warning'
    ])
  })
})

describe('setuptools-pkg-resources', () => {
  it('fires when setuptools 82+ is forced beside tensorflow-hub', () => {
    expect(
      ids(
        check('tensorflow-cpu==2.17.1\ntensorflow-hub==0.16.1\nsetuptools>=82\n', { env: { TF_USE_LEGACY_KERAS: '1' } })
      )
    ).toContain('setuptools-pkg-resources:error')
  })
  it('warns on Python 3.12 with tensorboard and no setuptools pin, not on 3.11 or with setuptools<82', () => {
    expect(ids(check('tensorflow-cpu==2.17.1\n', { python: '3.12' }))).toEqual(['setuptools-pkg-resources:warning'])
    expect(check('tensorflow-cpu==2.17.1\n', { python: '3.11' })).toEqual([])
    expect(check('tensorflow-cpu==2.17.1\nsetuptools<82\n', { python: '3.12' })).toEqual([])
  })
})

describe('duplicate-requirement', () => {
  it('fires for any package on two lines that cannot both hold', () => {
    const [f] = check('selenium~=4.15.2\ntensorflow-cpu==2.21.0\nselenium~=4.24\n')
    expect(f).toMatchObject({ id: 'duplicate-requirement', locations: [{ line: 1 }, { line: 3 }] })
  })
  it('stays silent for compatible duplicates', () => {
    expect(check('selenium>=4.15\nselenium<5\n')).toEqual([])
  })
})

describe('what it cannot know', () => {
  it('says nothing about an unpinned TensorFlow, or requirements whose markers do not apply', () => {
    expect(check('tensorflow\nkeras\nnumpy\n')).toEqual([])
    expect(check('tensorflow-cpu==2.15.1\nkeras>=3; python_version >= "3.12"\n')).toEqual([])
  })
})
