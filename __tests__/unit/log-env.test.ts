import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import { runEnvironment } from '../../src/env.js'

jest.unstable_mockModule('@actions/core', () => core)
const { actionLog } = await import('../../src/action/log.js')

describe('action log', () => {
  it('runs a stage with workflow commands stopped under a random token, in a group titled with its time', async () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(String(chunk))
      return true
    })
    try {
      const log = actionLog()
      await log.stage('install', async () => log.untrusted('::error::from a package\n::add-mask::x\n'))
    } finally {
      spy.mockRestore()
    }
    const text = written.join('')
    const token = /::stop-commands::([0-9a-f]{32})\n/.exec(text)?.[1]
    expect(token).toBeDefined()
    const start = text.indexOf(`::stop-commands::${token}`)
    const end = text.indexOf(`::${token}::`)
    expect(start).toBeLessThan(text.indexOf('::error::from a package'))
    expect(end).toBeGreaterThan(text.indexOf('::add-mask::x'))
    expect(core.startGroup).toHaveBeenCalledWith(expect.stringMatching(/^install — \d+\.\d s$/))
    expect(core.endGroup).toHaveBeenCalled()
  })
})

describe('run environment', () => {
  const plan = { venvDir: '/t/venv', kerasHome: '/t/keras-home', platform: 'linux' as const }
  it('clears the Keras switches of the runner, isolates KERAS_HOME and puts the venv first on PATH', () => {
    const env = runEnvironment({
      ...plan,
      base: { PATH: '/usr/bin', KERAS_BACKEND: 'jax', TF_USE_LEGACY_KERAS: '1', PYTHONHOME: '/x' },
      user: {}
    })
    expect(env.KERAS_BACKEND).toBeUndefined()
    expect(env.TF_USE_LEGACY_KERAS).toBeUndefined()
    expect(env.PYTHONHOME).toBeUndefined()
    expect(env.KERAS_HOME).toBe('/t/keras-home')
    expect(env.PATH).toBe('/t/venv/bin:/usr/bin')
  })
  it('keeps what the user sets in env', () => {
    const env = runEnvironment({
      ...plan,
      base: { PATH: '' },
      user: { TF_USE_LEGACY_KERAS: '1', KERAS_BACKEND: 'tensorflow' }
    })
    expect(env).toMatchObject({ TF_USE_LEGACY_KERAS: '1', KERAS_BACKEND: 'tensorflow' })
  })
})
