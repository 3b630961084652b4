// Issue #13: preflight over the whole release history, every platform, and the set the resolver will pick. One
// table per class of the issue; each row must fire, and each near miss beside it must stay quiet. The requirement
// sets are written for these tests.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Finding } from '../../src/core/finding.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { KNOWLEDGE_INDEX } from '../../src/knowledge/index-data.js'
import { type WheelPlatform } from '../../src/knowledge/index-types.js'
import { markerEnvironmentFor } from '../../src/knowledge/platform-env.js'
import { preflight } from '../../src/preflight/index.js'
import { loadRequirements } from '../../src/requirements/discover.js'
import { evaluateMarker } from '../../src/requirements/markers.js'
import { scratchDir } from '../helpers/scratch.js'

interface Options {
  python?: string
  platform?: WheelPlatform
  platforms?: WheelPlatform[]
  file?: string
  extras?: string[]
  env?: Record<string, string>
  /** Other files of the repository (a local project, a wheel). */
  extra?: Record<string, string>
}

function judge(text: string, o: Options = {}): Finding[] {
  const dir = scratchDir('hist')
  const file = o.file ?? 'requirements.txt'
  for (const [name, body] of Object.entries({ ...o.extra, [file]: text })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), body)
  }
  const set = loadRequirements(dir, [file], { root: dir, cwd: dir, selection: { extras: o.extras ?? [], groups: [] } })
  return preflight({
    requirements: set,
    markerEnv: markerEnvironmentFor(o.platform ?? 'linux-x86_64', `${o.python ?? '3.11'}.7`),
    env: o.env ?? {},
    pathBase: dir,
    knowledge: KNOWLEDGE,
    platforms: o.platforms
  })
}

const ids = (findings: Finding[]) => findings.map(f => `${f.id}:${f.severity}`)

/** Every `name==version` a fix writes must install from a wheel on the run's Python and platform (where it applies). */
function expectInstallableFixes(findings: Finding[], python: string, platform: WheelPlatform = 'linux-x86_64') {
  for (const f of findings) {
    for (const e of f.edits ?? []) {
      const m = /^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^;,\s]+)\s*(?:;(.*))?$/.exec(e.after)
      if (!m || (m[3] && evaluateMarker(m[3], markerEnvironmentFor(platform, python)) === false)) continue
      expect({ fix: e.after, wheel: KNOWLEDGE_INDEX.hasWheel(m[1], m[2], python, platform) }).toEqual({
        fix: e.after,
        wheel: 'wheel'
      })
    }
  }
}

describe('class 1: releases outside the old table, judged on the whole history', () => {
  it.each([
    ['tensorflow==1.14.0\n', '3.11', 'python-unsupported', /2\.7, 3\.3, 3\.4, 3\.5, 3\.6, 3\.7/],
    ['tensorflow==2.0.0\n', '3.8', 'python-unsupported', /Python 2\.7, 3\.5, 3\.6, 3\.7 on Linux/],
    ['tensorflow-addons==0.16.1\n', '3.11', 'python-unsupported', /3\.7, 3\.8, 3\.9, 3\.10/],
    ['tensorflow-gpu==2.4.0\n', '3.9', 'python-unsupported', /3\.6, 3\.7, 3\.8/],
    ['tensorflow==2.16.5\n', '3.11', 'version-not-found', /never released|nearest releases are/],
    ['tensorflow==2.16.0\n', '3.11', 'version-not-found', /no longer does/],
    ['numpy==1.23.5\n', '3.12', 'python-unsupported', /predates Python 3\.12/]
  ])('%j on Python %s → %s', (text, python, id, explanation) => {
    const found = judge(text, { python })
    const f = found.find(x => x.id === id)
    expect(f).toMatchObject({ severity: 'error', stage: 'preflight', provenBy: 'install' })
    expect(f!.explanation).toMatch(explanation)
    expectInstallableFixes(found, python)
  })

  it('calls the removed 2.16.0 removed, the made-up 2.16.5 unreleased, and real old releases neither', () => {
    expect(judge('tensorflow==2.16.0\n')[0].title).toBe('tensorflow 2.16.0 was removed from the index')
    expect(judge('tensorflow==2.16.5\n')[0].title).toBe('tensorflow 2.16.5 was never released')
    for (const text of ['tensorflow==1.14.0\n', 'tensorflow==2.0.0\n', 'keras==2.2.4\n'])
      expect(ids(judge(text))).not.toContain('version-not-found:error')
  })

  it.each([
    ['keras==2.2.4\n', '3.11'], // a pure wheel: installs on any Python 3
    ['tensorflow-probability==0.7.0\n', '3.12'],
    ['tensorflow==2.0.0\n', '3.7'],
    ['numpy==1.26.4\n', '3.12'],
    ['tensorflow==2.99.0\n', '3.11'] // newer than the data: the installer decides
  ])('near miss: %j on Python %s stays quiet', (text, python) => {
    expect(judge(text, { python })).toEqual([])
  })
})

describe('class 2: the set the resolver will pick', () => {
  it.each([
    // A numpy cap holds TensorFlow at 2.17 while unpinned tensorflow-probability takes 0.25 (TensorFlow ≥2.18).
    [
      'tensorflow\nnumpy<1.26\ntensorflow-probability\n',
      'companion-incompatible:error',
      /tensorflow 2\.17\.1 here, not 2\.21\.0: `numpy<1\.26`/
    ],
    // An open TensorFlow range resolves to the newest, which tensorflow-addons' last release does not support.
    ['tensorflow>=2.14\ntensorflow-addons\n', 'companion-incompatible:warning', /works with TensorFlow >=2\.13,<2\.16/],
    // tensorflow-text 2.15 holds TensorFlow at 2.15, which the keras pin excludes: the pick is a conflict.
    [
      'tensorflow>=2.14\ntensorflow-text==2.15.0\nkeras>=3\n',
      'resolution-conflict:error',
      /tensorflow-text 2\.15\.0 \(which requires tensorflow>=2\.15\.0,<2\.16\) allow only tensorflow 2\.15\.0\.post1, 2\.15\.1/
    ],
    // A numpy cap only TensorFlow ≤2.11 accepts, beside a keras pin only TensorFlow ≥2.16 accepts.
    [
      'numpy<1.22\ntensorflow\nkeras>=3\n',
      'resolution-conflict:error',
      /require a numpy that `numpy<1\.22`.*require a keras that `keras>=3`/
    ],
    // TensorFlow 2.13 (numpy cap) and an unpinned tf-keras: pip takes tf-keras 2.15.0 (no TensorFlow requirement).
    [
      'tensorflow\nnumpy<1.23\ntf-keras\n',
      'tf-keras-mismatch:error',
      /picks tf-keras 2\.15\.0 beside tensorflow 2\.13\.1/
    ]
  ])('%j → %s', (text, expected, explanation) => {
    const found = judge(text, { python: '3.10' })
    const f = found.find(x => `${x.id}:${x.severity}` === expected)
    expect(f?.explanation).toMatch(explanation)
  })

  it.each([
    'tensorflow\nnumpy<2.1\ntensorflow-probability[tf]\n', // tfp 0.25 and TensorFlow 2.21 with tf-keras
    'tensorflow>=2.13,<2.16\ntensorflow-addons\n', // the range's newest is 2.15: addons 0.23 supports it
    'tensorflow>=2.14\ntensorflow-text==2.15.0\nkeras<3\n', // held at 2.15, and keras 2 fits it
    'tensorflow\nnumpy<1.24\ntf-keras\n' // the cap does not bind below 2.17, which has its tf-keras
  ])('near miss: %j stays quiet (notes aside)', text => {
    expect(ids(judge(text, { python: '3.10' })).filter(id => !id.endsWith(':info'))).toEqual([])
  })

  it('judges the picked release, not every allowed one: TensorFlow ≥2.12 picks 2.21, which tfp 0.24 refuses', () => {
    expect(ids(judge('tensorflow>=2.12\ntensorflow-probability==0.23.0\n'))).toContain('companion-incompatible:error')
    expect(judge('tensorflow>=2.12,<2.16\ntensorflow-probability==0.23.0\n')).toEqual([])
  })
})

describe('class 3: platforms', () => {
  it.each([
    // A Windows freeze on a Linux runner.
    [
      'tensorflow==2.14.1\ntensorflow-intel==2.14.1\n',
      undefined,
      'tensorflow-intel has no wheel for Linux x86-64',
      'tensorflow-intel==2.14.1; sys_platform == "win32"'
    ],
    // A Mac freeze on a Linux runner.
    [
      'tensorflow-metal==1.1.0\n',
      undefined,
      'tensorflow-metal has no wheel for Linux x86-64',
      'tensorflow-metal==1.1.0; sys_platform == "darwin" and platform_machine == "arm64"'
    ],
    // Linux CI for a team on Apple silicon: tensorflow-cpu has no macOS arm64 wheel.
    [
      'tensorflow-cpu==2.15.1\n',
      ['macos-arm64'],
      'tensorflow-cpu has no wheel for macOS arm64 (Apple silicon)',
      'tensorflow-cpu==2.15.1; (sys_platform == "linux" and platform_machine == "x86_64") or (sys_platform == "darwin" and platform_machine == "x86_64") or sys_platform == "win32"'
    ],
    // tensorflow-io-gcs-filesystem has no Windows wheel after 0.31.
    [
      'tensorflow==2.15.1\ntensorflow-io-gcs-filesystem==0.37.1\n',
      ['windows-x86_64'],
      'tensorflow-io-gcs-filesystem has no wheel for Windows x86-64',
      'tensorflow-io-gcs-filesystem==0.37.1; sys_platform != "win32"'
    ],
    // NVIDIA's CUDA wheels: no macOS (curated, outside the release history).
    [
      'nvidia-cublas-cu12==12.3.4.1\n',
      ['macos-arm64'],
      'nvidia-cublas-cu12 has no wheel for macOS arm64 (Apple silicon)',
      'nvidia-cublas-cu12==12.3.4.1; sys_platform == "linux"'
    ],
    [
      'nvidia-nccl-cu12==2.19.3\n',
      ['windows-x86_64'],
      'nvidia-nccl-cu12 has no wheel for Windows x86-64',
      'nvidia-nccl-cu12==2.19.3; sys_platform == "linux"'
    ]
  ] as [string, WheelPlatform[] | undefined, string, string][])(
    '%j (platforms %j) → %s',
    (text, platforms, title, after) => {
      const f = judge(text, { platforms }).find(x => x.id === 'platform-unsupported')
      expect(f).toMatchObject({ severity: 'error', title })
      expect(f!.edits![0].after).toBe(after)
    }
  )

  it('says when another requirement installs the package where it is needed', () => {
    const [f] = judge('tensorflow==2.14.1\ntensorflow-intel==2.14.1\n')
    expect(f.fix).toMatch(/drop the line: tensorflow installs tensorflow-intel itself/)
  })

  it('names the TensorFlow package that builds the minor for the platform', () => {
    const [f] = judge('tensorflow==2.10.1\n', { python: '3.10', platform: 'macos-arm64' })
    expect(f).toMatchObject({
      id: 'platform-unsupported',
      title: 'tensorflow has no wheel for macOS arm64 (Apple silicon)'
    })
    expect(f.fix).toContain('`tensorflow-macos==2.10.0`')
    expectInstallableFixes([f], '3.10', 'macos-arm64')
  })

  it('judges the run platform too: tensorflow-intel on a Linux runner, tensorflow-macos on a Windows one', () => {
    expect(ids(judge('tensorflow-macos==2.15.0\n', { platform: 'windows-x86_64' }))).toEqual([
      'platform-unsupported:error'
    ])
  })

  it('names the platform of findings only another platform has, once for several', () => {
    const found = judge('tensorflow==2.15.1\nkeras>=3\n', { platforms: ['macos-arm64', 'windows-x86_64'] })
    expect(found.map(f => f.title)).toEqual(['`keras>=3` cannot be installed beside `tensorflow==2.15.1`'])
    const only = judge('tensorflow-cpu==2.12.0\n', { python: '3.10', platforms: ['macos-arm64', 'linux-aarch64'] })
    expect(only.map(f => f.title)).toEqual([
      'tensorflow-cpu has no wheel for macOS arm64 (Apple silicon)',
      'tensorflow-cpu has no wheel for Linux arm64'
    ])
  })

  it.each([
    ['tensorflow-metal==1.1.0; sys_platform == "darwin" and platform_machine == "arm64"\n', ['macos-arm64']],
    ['tensorflow==2.15.1\nkeras==2.15.0\n', ['macos-arm64', 'windows-x86_64', 'linux-aarch64', 'macos-x86_64']],
    ['tensorflow==2.15.1\ntensorflow-io-gcs-filesystem==0.31.0\n', ['windows-x86_64']],
    ['tensorflow-intel==2.14.1; sys_platform == "win32"\n', ['windows-x86_64']]
  ] as [string, WheelPlatform[]][])('near miss: %j for %j stays quiet', (text, platforms) => {
    expect(judge(text, { python: '3.11', platforms })).toEqual([])
  })
})

describe('class 4: ranges nothing satisfies', () => {
  it.each([
    ['tensorflow-addons>=1.0\n', 'No tensorflow-addons release matches `>=1.0`', 'tensorflow-addons==0.23.0'],
    ['keras>=4,<5\n', 'No keras release matches `>=4,<5`', 'keras==3.15.1'],
    ['tensorflow>=2.16.0,<2.16.1\n', 'No tensorflow release matches `>=2.16.0,<2.16.1`', 'tensorflow==2.16.1']
  ])('%j → version-not-found', (text, title, after) => {
    const [f] = judge(text)
    expect(f).toMatchObject({ id: 'version-not-found', severity: 'error', title })
    expect(f.edits![0].after).toBe(after)
  })

  it.each(['tensorflow-addons>=0.20\n', 'tensorflow-probability>=0.30,<0.31\n', 'tensorflow>=2.22\n'])(
    'near miss: %j (a release matches, or one may come within the series) stays quiet',
    text => {
      expect(ids(judge(text))).not.toContain('version-not-found:error')
    }
  )
})

describe('class 5: tensorflow-duplicate before any install', () => {
  it.each([
    ['tensorflow-cpu==2.17.1\ntf-keras~=2.17.0\n', /tf-keras 2\.17\.0 \(tensorflow>=2\.17,<2\.18\) requires it/],
    ['tensorflow-cpu==2.15.1\ntensorflow-text==2.15.0\n', /tensorflow-text 2\.15\.0 \(tensorflow>=2\.15\.0,<2\.16\)/]
  ])('%j → both TensorFlow packages would be installed', (text, explanation) => {
    const f = judge(text).find(x => x.id === 'tensorflow-duplicate')
    expect(f).toMatchObject({ severity: 'error', locations: [{ line: 1 }, { line: 2 }] })
    expect(f!.explanation).toMatch(explanation)
    expect(f!.edits?.[0].after).toMatch(/^tensorflow==/)
  })

  it.each([
    ['tensorflow==2.17.1\ntf-keras~=2.17.0\n', 'linux-x86_64'],
    ['tensorflow-cpu==2.15.1\ntf-keras==2.15.0\n', 'linux-x86_64'], // tf-keras 2.15.0 requires no TensorFlow at all
    ['tensorflow==2.15.1\nkeras==2.15.0\n', 'windows-x86_64'] // tensorflow pulls tensorflow-intel: one installation
  ] as [string, WheelPlatform][])('near miss: %j on %s', (text, platform) => {
    expect(ids(judge(text, { platform }))).not.toContain('tensorflow-duplicate:error')
  })
})

describe('class 6: false alarms', () => {
  it('reads valid pip lines without a finding: editables, local projects, wheels, direct references, hashes', () => {
    const text = [
      '-e .',
      '-e ./pkg[extra]',
      './dist/mypkg-1.0-py3-none-any.whl',
      'other @ file:///tmp/other-1.0-py3-none-any.whl',
      'tensorflow==2.15.1 \\',
      '    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000',
      'keras==2.15.0'
    ].join('\n')
    const extra = {
      'setup.py': 'from setuptools import setup\nsetup()\n',
      'pkg/pyproject.toml': '[project]\nname = "pkg"\n'
    }
    const dir = scratchDir('valid')
    for (const [name, body] of Object.entries({ ...extra, 'requirements.txt': text })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
      writeFileSync(path.join(dir, name), body)
    }
    expect(loadRequirements(dir, [], { root: dir, cwd: dir }).problems).toEqual([])
    expect(judge(text, { extra })).toEqual([])
  })

  const poetry = (second: string) =>
    `[tool.poetry]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = ">=3.9,<3.14"\n` +
    `tensorflow = [\n  { version = "2.15.1", python = "<3.12" },\n  { version = "${second}" },\n]\n`

  it('treats each table of a Poetry multiple-constraint dependency as applying where its python key holds', () => {
    const text = poetry('2.16.2", python = ">=3.12')
    expect(judge(text, { file: 'pyproject.toml', python: '3.11' })).toEqual([])
    expect(ids(judge(text, { file: 'pyproject.toml', python: '3.12' }))).not.toContain('duplicate-requirement:error')
    // Near miss: the same two tables without python keys do clash.
    expect(ids(judge(poetry('2.16.2'), { file: 'pyproject.toml' }))).toContain('duplicate-requirement:error')
  })

  it('reports a conda export once, for the file, and a pip file with one bad line as that line', () => {
    const conda = [
      '# This file may be used to create an environment using:',
      '# $ conda create --name <env> --file <this file>',
      '# platform: linux-64',
      '_libgcc_mutex=0.1=main',
      '_openmp_mutex=5.1=1_gnu',
      ...Array.from({ length: 300 }, (_, i) => `package${i}=1.${i}=py311h${i}_0`),
      'tensorflow=2.15.0=pypi_0'
    ].join('\n')
    const found = judge(conda)
    expect(ids(found)).toEqual(['conda-export:error'])
    expect(found[0].fix).toContain('pip list --format=freeze')
    const yaml =
      'name: ml\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip:\n    - tensorflow==2.15.1\n'
    expect(ids(judge(yaml))).toEqual(['conda-export:error'])
    expect(judge('numpy=1.26.4\ntensorflow==2.15.1\nkeras==2.15.0\n')).toEqual([])
  })

  it('names each version once in a title', () => {
    const [f] = judge('tensorflow==2.10.1\ntensorflow==2.10.1\ntensorflow>=2.10,<2.11\n')
    expect(f.title).toBe('tensorflow 2.10.1 has no wheel for Python 3.11')
  })
})

describe('class 7: one error does not hide the next', () => {
  it('reports python-unsupported and the keras clash judged for the Python that has wheels', () => {
    const found = judge('tensorflow==2.10.1\nkeras==2.9.0\nnumpy<2\n')
    expect(ids(found)).toEqual(['python-unsupported:error', 'keras-tf-mismatch:error'])
    expect(found[0].explanation).toMatch(/other findings were judged for Python 3\.10/)
    expect(found[1].title).toBe('`keras==2.9.0` cannot be installed beside `tensorflow==2.10.1` (on Python 3.10)')
    expect(found[1].explanation).toMatch(/Judged for Python 3\.10, which has wheels of tensorflow/)
  })

  it('near miss: a keras pin that fits leaves python-unsupported alone', () => {
    expect(ids(judge('tensorflow==2.10.1\nkeras==2.10.0\nnumpy<2\n'))).toEqual(['python-unsupported:error'])
  })
})

describe('class 9: TensorFlow in an extra', () => {
  const pep621 = (tfKeras: string) =>
    `[project]\nname = "demo"\nversion = "1"\ndependencies = ["numpy", "tf-keras${tfKeras}"]\n\n` +
    '[project.optional-dependencies]\ntf = ["tensorflow>=2.15,<2.16"]\ndev = ["pytest"]\n'
  const poetry = (tfKeras: string) =>
    '[tool.poetry]\nname = "demo"\n\n[tool.poetry.dependencies]\npython = "^3.9"\n' +
    `tf-keras = "${tfKeras}"\ntensorflow = { version = "~2.15.0", optional = true }\n\n[tool.poetry.extras]\ntf = ["tensorflow"]\n`

  it.each([
    ['PEP 621', pep621('~=2.16.0')],
    ['Poetry', poetry('2.16.0')]
  ])('%s: judges the extra beside the pins declared with it, and says when it is not selected', (_, text) => {
    const unselected = judge(text, { file: 'pyproject.toml' })
    expect(ids(unselected)).toEqual(['tf-keras-mismatch:error'])
    expect(unselected[0].title).toMatch(/^With the extra `tf`: /)
    expect(unselected[0].explanation).toMatch(/which this run does not select/)
    const selected = judge(text, { file: 'pyproject.toml', extras: ['tf'] })
    expect(ids(selected)).toEqual(['tf-keras-mismatch:error'])
    expect(selected[0].title).not.toMatch(/extra/)
  })

  it.each([pep621('~=2.15.0'), poetry('2.15.1')])('near miss: a matching tf-keras stays quiet', text => {
    expect(judge(text, { file: 'pyproject.toml' })).toEqual([])
  })
})
