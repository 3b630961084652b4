// The path rules that differ by platform, run in their Windows, macOS and Linux forms on any machine.
import { describe, expect, it } from '@jest/globals'
import { Locator } from '../../src/requirements/locate.js'
import { pathEntries, repoRelative, venvPython } from '../../src/util/platform-paths.js'
import { runEnvironment } from '../../src/environment/run-env.js'
import { bootstrappedUv } from '../../src/install/select.js'
import { pipConfigCandidates } from '../../src/install/pip-config.js'
import { defaultPython } from '../../src/config/parse.js'
import { type Requirement } from '../../src/requirements/types.js'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { platformMarkers } from '../../__fixtures__/markers.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { preflight } from '../../src/preflight/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const PLATFORMS = {
  linux: { repo: '/home/runner/work/app/app', venv: '/tmp/kc/venv', path: '/usr/bin:/bin' },
  darwin: { repo: '/Users/runner/work/app/app', venv: '/private/tmp/kc/venv', path: '/usr/bin:/bin' },
  win32: { repo: 'D:\\a\\app\\app', venv: 'C:\\Temp\\kc\\venv', path: 'C:\\Windows;C:\\Tools' }
} as const

describe.each(Object.entries(PLATFORMS) as [NodeJS.Platform, (typeof PLATFORMS)['linux']][])('on %s', (os, where) => {
  const sep = os === 'win32' ? '\\' : '/'
  const join = (...parts: string[]) => parts.join(sep)

  it('finds the venv interpreter and puts the venv’s scripts first on PATH', () => {
    const python = venvPython(where.venv, os)
    expect(python).toBe(os === 'win32' ? join(where.venv, 'Scripts', 'python.exe') : join(where.venv, 'bin', 'python'))
    const base = os === 'win32' ? { Path: where.path } : { PATH: where.path }
    const env = runEnvironment({ base, user: {}, venvDir: where.venv, kerasHome: 'kh', platform: os })
    const value = os === 'win32' ? env.Path : env.PATH
    expect(os === 'win32' ? env.PATH : env.Path).toBeUndefined() // the runner's own key is extended, not a second one
    expect(pathEntries(value, os)).toEqual([
      join(where.venv, os === 'win32' ? 'Scripts' : 'bin'),
      ...pathEntries(where.path, os)
    ])
  })

  it('finds the uv that pip --target installed, and the python command to start from', () => {
    expect(bootstrappedUv(join(where.venv, 'uv'), os)).toBe(
      os === 'win32' ? join(where.venv, 'uv', 'Scripts', 'uv.exe') : join(where.venv, 'uv', 'bin', 'uv')
    )
    expect(defaultPython(os)).toBe(os === 'win32' ? 'python' : 'python3')
  })

  it('names requirement files in annotations relative to the repository, with /', () => {
    const file = join(where.repo, 'ci', 'requirements', 'tf.txt')
    expect(repoRelative(where.repo, file, os)).toBe('ci/requirements/tf.txt')
    const requirement = { key: 'keras', kind: 'requirement', location: { file, line: 3 } } as unknown as Requirement
    expect(new Locator([requirement], where.repo, os).forPackages(['keras'])).toEqual([
      { file: 'ci/requirements/tf.txt', line: 3 }
    ])
  })

  it('reads pip’s configuration where pip on that platform looks', () => {
    const files = pipConfigCandidates(
      { HOME: '/h', USERPROFILE: 'C:\\Users\\r', APPDATA: 'C:\\Users\\r\\AppData\\Roaming' },
      os
    )
    expect(files).toContain(os === 'win32' ? 'C:\\Users\\r\\AppData\\Roaming\\pip\\pip.ini' : '/etc/pip.conf')
    expect(files.some(f => f.includes('Application Support'))).toBe(os === 'darwin')
  })
})

describe('platform TensorFlow packages in explanations', () => {
  function judge(requirements: string, platform: 'darwin' | 'win32') {
    const dir = scratchDir('plat')
    writeFileSync(path.join(dir, 'requirements.txt'), requirements)
    return preflight({
      requirements: readRequirementFiles([path.join(dir, 'requirements.txt')]),
      markerEnv: platformMarkers(platform),
      env: {},
      pathBase: dir,
      knowledge: KNOWLEDGE
    })
  }

  it.each([
    ['tensorflow-macos==2.15.0', 'darwin'],
    ['tensorflow-intel==2.15.1', 'win32']
  ] as const)('%s with keras>=3 on %s: the package is named as the user wrote it', (pin, platform) => {
    const [finding] = judge(`${pin}\nkeras>=3\n`, platform)
    const name = pin.split('==')[0]
    expect(finding).toMatchObject({
      id: 'keras-tf-mismatch',
      title: `\`keras>=3\` cannot be installed beside \`${pin}\``
    })
    expect(finding.explanation).toContain(`${name} ${pin.split('==')[1]} requires keras>=2.15.0,<2.16`)
    expect(finding.fix).toMatch(new RegExp(`${name}==2\\.1[6-9]`))
  })

  it('keeps quiet about tensorflow-intel beside tensorflow, which TensorFlow itself pulls on Windows', () => {
    expect(judge('tensorflow==2.15.1\nkeras==2.15.0\n', 'win32')).toEqual([])
  })
})
