// keras-compat's own uv (bootstrapped once into the shared cache), with a download cache of the test's choosing.
import { expect } from '@jest/globals'
import * as path from 'node:path'
import { cacheDirs } from '../../../src/environment/cache-dirs.js'
import { childBaseEnv } from '../../../src/environment/child-env.js'
import { type Installer } from '../../../src/install/installer.js'
import { selectInstaller, UV_VERSION } from '../../../src/install/select.js'
import { uvInstaller } from '../../../src/install/uv.js'
import { nodeProcessRunner, type ProcessRunner } from '../../../src/util/process.js'

export async function uvWithCache(cacheDir: string, runner: ProcessRunner = nodeProcessRunner): Promise<Installer> {
  const env = childBaseEnv(process.env)
  const selected = await selectInstaller(nodeProcessRunner, { choice: 'uv', python: 'python3', dirs: cacheDirs(), env })
  expect(selected.installer?.name).toBe('uv')
  const uv = path.join(cacheDirs().tools, `uv-${UV_VERSION}`, 'bin', 'uv')
  return uvInstaller(runner, { uv, version: UV_VERSION, cacheDir })
}
