import { describe, expect, it, jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import { StageClock } from '../../src/core/log.js'
import { runEnvironment } from '../../src/environment/run-env.js'
import { childBaseEnv, forbiddenUserVariable } from '../../src/environment/child-env.js'

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
      await new StageClock(log).stage('install', async () => log.untrusted('::error::from a package\n::add-mask::x\n'))
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

describe('the environment the code under test gets is an allow-list', () => {
  const plan = { venvDir: '/t/venv', kerasHome: '/t/keras-home', platform: 'linux' as const, user: {} }
  const runner: NodeJS.ProcessEnv = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    LC_ALL: 'C.UTF-8',
    HTTPS_PROXY: 'http://proxy:3128',
    PIP_INDEX_URL: 'https://mirror/simple',
    UV_HTTP_TIMEOUT: '30',
    GITHUB_OUTPUT: '/runner/_temp/set_output_1',
    GITHUB_ENV: '/runner/_temp/set_env_1',
    GITHUB_PATH: '/runner/_temp/add_path_1',
    GITHUB_STATE: '/runner/_temp/save_state_1',
    GITHUB_STEP_SUMMARY: '/runner/_temp/step_summary_1',
    GITHUB_TOKEN: 'ghs_secret',
    ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
    ACTIONS_CACHE_URL: 'https://cache/',
    ACTIONS_RESULTS_URL: 'https://results/',
    MY_DEPLOY_KEY: 'step-secret',
    PYTHONPATH: '/opt/other-tf',
    PYTHONHOME: '/x',
    PYTHONSTARTUP: '/x/startup.py',
    PYTHONUSERBASE: '/x/user',
    PIP_TARGET: '/somewhere',
    PIP_USER: '1',
    PIP_CONSTRAINT: '/c.txt',
    UV_PROJECT_ENVIRONMENT: '/elsewhere',
    NODE_OPTIONS: '--require /evil.js'
  }

  it('passes system, locale, proxy and index settings, and nothing else of the runner', () => {
    const env = runEnvironment({ ...plan, base: runner, tempDir: '/t/tmp' })
    expect(env).toMatchObject({
      HOME: '/home/runner',
      LC_ALL: 'C.UTF-8',
      HTTPS_PROXY: 'http://proxy:3128',
      PIP_INDEX_URL: 'https://mirror/simple',
      UV_HTTP_TIMEOUT: '30',
      PYTHONNOUSERSITE: '1',
      TMPDIR: '/t/tmp'
    })
    for (const name of Object.keys(runner).filter(n => !['PATH', 'HOME', 'LC_ALL'].includes(n))) {
      if (/PROXY|INDEX_URL|HTTP_TIMEOUT/.test(name)) continue
      expect({ name, value: env[name] }).toEqual({ name, value: undefined })
    }
  })

  it('matches names case-insensitively (Windows spells it Path) and keeps their spelling', () => {
    const env = childBaseEnv({ Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', github_output: 'x' })
    expect(env).toEqual({ Path: 'C:\\Windows', SystemRoot: 'C:\\Windows' })
  })

  it('lets the env input add what it wants on top, except the command files and credentials', () => {
    const env = runEnvironment({ ...plan, base: runner, user: { PIP_INDEX_URL: 'https://mine/simple', CUDA: '0' } })
    expect(env).toMatchObject({ PIP_INDEX_URL: 'https://mine/simple', CUDA: '0' })
    expect(forbiddenUserVariable('GITHUB_OUTPUT')).toMatch(/command file/)
    expect(forbiddenUserVariable('actions_runtime_token')).toBeDefined()
    expect(forbiddenUserVariable('GITHUB_SHA')).toBeUndefined()
    expect(forbiddenUserVariable('KERAS_BACKEND')).toBeUndefined()
  })
})
