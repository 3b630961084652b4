// ${VAR} is expanded only for what the installer reads. Everything the reader keeps for display (raw lines, URLs,
// option lines, problem messages, locations) and everything diagnose makes of it shows the line as written, while
// the parsed name, specifier and marker are what pip sees.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { diagnose } from '../../src/diagnose/index.js'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { preflight } from '../../src/preflight/index.js'
import { readRequirementFiles } from '../../src/requirements/read.js'
import { scratchDir } from '../helpers/scratch.js'

const SECRET = 's3cr3t-value'

const LINES = [
  'pkg @ https://user:${SECRET_TOKEN}@example.com/pkg-1.0.tar.gz',
  '--extra-index-url https://token:${SECRET_TOKEN}@pypi.example.com/simple',
  '-i https://${SECRET_TOKEN}@mirror.example/simple',
  'tensorflow==${TF_VERSION} --hash=sha256:${SECRET_TOKEN}',
  '-e git+https://${SECRET_TOKEN}@github.com/o/r.git#egg=rpkg',
  'https://${SECRET_TOKEN}@example.com/x.tar.gz#egg=tokpkg',
  'keras>=3 ; platform_system != "${SECRET_TOKEN}"',
  'bad-line ${SECRET_TOKEN} here',
  '-r ${SECRET_TOKEN}.txt',
  '--use-feature=${SECRET_TOKEN}',
  './dist/${SECRET_TOKEN}-1.0-py3-none-any.whl.not-a-wheel/',
  // A variable that is the whole requirement names the package pip installs; findings still show the line.
  '${SECRET_TOKEN}==1.0',
  '${SECRET_TOKEN}==2.0'
]

describe('secrets in ${VAR}', () => {
  it('never appear in what the reader keeps for display, nor in findings', () => {
    const dir = scratchDir('secrets')
    writeFileSync(path.join(dir, 'requirements.txt'), LINES.join('\n') + '\n')
    const set = readRequirementFiles([path.join(dir, 'requirements.txt')], {
      env: { SECRET_TOKEN: SECRET, TF_VERSION: '2.16.1' },
      root: dir,
      cwd: dir
    })
    // What pip sees is parsed from the expanded text.
    expect(set.requirements.map(r => [r.name, r.specifier, r.editable])).toEqual([
      ['pkg', '', false],
      ['tensorflow', '==2.16.1', false],
      ['rpkg', '', true],
      ['tokpkg', '', false],
      ['keras', '>=3', false],
      [SECRET, '==1.0', false],
      [SECRET, '==2.0', false]
    ])
    // The displayed fields are as written.
    expect(set.requirements.map(r => r.url)).toEqual([
      'https://user:${SECRET_TOKEN}@example.com/pkg-1.0.tar.gz',
      '',
      'git+https://${SECRET_TOKEN}@github.com/o/r.git#egg=rpkg',
      'https://${SECRET_TOKEN}@example.com/x.tar.gz#egg=tokpkg',
      '',
      '',
      ''
    ])
    expect(set.requirements[1].raw).toBe('tensorflow==${TF_VERSION}')
    // Option lines and a requirement's own options (its --hash), as written.
    expect(set.options).toEqual([LINES[1], LINES[2], LINES[3]])
    expect(set.problems.map(p => p.location.line)).toEqual([8, 9, 10, 11])
    const displayed = [
      ...set.requirements.flatMap(r => [r.raw, r.url, r.location.file]),
      ...set.options,
      ...set.problems.flatMap(p => [p.message, p.location.file])
    ]
    for (const text of displayed) expect(text).not.toContain(SECRET)
    // The problems still say what is wrong, about the line as written.
    expect(set.problems[0].message).toContain('`bad-line ${SECRET_TOKEN} here`')
    expect(set.problems[1].message).toContain('${SECRET_TOKEN}.txt')
    const preflightFindings = preflight({
      requirements: set,
      markerEnv: linuxMarkers(),
      env: {},
      pathBase: dir,
      knowledge: KNOWLEDGE
    })
    expect(preflightFindings.map(f => f.id)).toContain('duplicate-requirement')
    const findings = diagnose({
      requirements: set,
      preflight: preflightFindings,
      pathBase: dir,
      pipCheck: [],
      probeEnv: {},
      timeoutMinutes: 10
    })
    expect(findings.filter(f => f.id === 'parse-error' || f.id === 'include-refused')).toHaveLength(4)
    expect(JSON.stringify(findings)).not.toContain(SECRET)
    // The marker is what pip evaluates (expanded); nothing displayed carries it.
    expect(set.requirements[4].marker).toContain(SECRET)
  })
})
