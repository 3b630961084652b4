import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pipIndexSettings, uvIndexEnv } from '../../src/install/pip-config.js'
import { scratchDir } from '../helpers/scratch.js'

function configFile(text: string): string {
  const file = path.join(scratchDir('pipconf'), 'pip.conf')
  writeFileSync(file, text)
  return file
}

// Only the file named here: the machine's own pip.conf files must not leak into the test.
const isolated = (extra: NodeJS.ProcessEnv) => ({
  HOME: scratchDir('home'),
  XDG_CONFIG_DIRS: '/nonexistent',
  ...extra
})

describe('pip index settings for uv', () => {
  it('reads index-url, multi-line extra-index-url and find-links from pip.conf', () => {
    const file = configFile(
      '[global]\nindex-url = https://corp.example/simple\nextra-index-url =\n  https://a.example/simple\n  https://b.example/simple\n[install]\nfind-links = /opt/wheels\n'
    )
    expect(pipIndexSettings(isolated({ PIP_CONFIG_FILE: file }))).toEqual({
      indexUrl: 'https://corp.example/simple',
      extraIndexUrls: ['https://a.example/simple', 'https://b.example/simple'],
      findLinks: ['/opt/wheels']
    })
  })

  it('lets PIP_* variables override the files, and maps them to uv with pip’s index semantics', () => {
    const file = configFile('[global]\nindex-url = https://corp.example/simple\n')
    const env = uvIndexEnv(
      isolated({
        PIP_CONFIG_FILE: file,
        PIP_INDEX_URL: 'https://env.example/simple',
        PIP_EXTRA_INDEX_URL: 'file:///opt/pypi/simple'
      })
    )
    expect(env).toEqual({
      UV_DEFAULT_INDEX: 'https://env.example/simple',
      UV_INDEX: 'file:///opt/pypi/simple',
      UV_INDEX_STRATEGY: 'unsafe-best-match'
    })
  })

  it('leaves uv alone when it has its own index settings, or pip has none', () => {
    expect(
      uvIndexEnv(isolated({ PIP_INDEX_URL: 'https://x.example/simple', UV_INDEX_URL: 'https://uv.example/simple' }))
    ).toEqual({})
    expect(uvIndexEnv(isolated({ PIP_CONFIG_FILE: os.devNull }))).toEqual({})
  })
})
