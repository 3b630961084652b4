// The trust suite (issue #12): one live scenario per class of lie, leak or escape, run through the bundle as the
// runner runs it. Each checks its own finding or error, and (in trustedRun) that no secret appears anywhere the
// action wrote, that RUNNER_TEMP holds only the report, and that the workspace is byte for byte unchanged.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { repoWith } from './helpers/runner.js'
import { createGfm, type Gfm } from '../helpers/gfm.js'
import { elements } from '../helpers/html.js'
import { snapshot, trustedRun } from './helpers/trust.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(15 * 60_000)

interface Finding {
  id: string
  title: string
  evidence: string
  locations: { file: string; line?: number }[]
}

interface Report {
  status: string
  findings: Finding[]
  probeLog: string
  installer: { log: string } | null
  steps: { step: string; status: string; data: Record<string, unknown> }[]
}

const reportOf = (run: { outputs: Record<string, string> }) =>
  JSON.parse(readFileSync(run.outputs.report, 'utf8')) as Report
const ids = (run: { outputs: Record<string, string> }) => reportOf(run).findings.map(f => f.id)

function repoWithModule(requirements: string, name: string, code: string): string {
  const repo = repoWith(requirements)
  writeFileSync(path.join(repo, `${name}.py`), code)
  return repo
}

describe('fault injection: trust — requirement files are read as pip reads them', () => {
  it('a TensorFlow pin after a form feed or U+2028 is seen (preflight-only cannot pass)', async () => {
    const repo = repoWith('tensorflow==2.15.1\fkeras>=3\u2028numpy==1.26.4\n')
    const run = await trustedRun({ workspace: repo, inputs: { 'preflight-only': 'true' } })
    expect(run.outputs.status).toBe('fail')
    const mismatch = reportOf(run).findings.find(f => f.id === 'keras-tf-mismatch')
    expect(mismatch?.locations.map(l => l.line)).toEqual([1, 2])
  })

  it('a CR-only file edited for pip keeps every other pin (keras-version override)', async () => {
    const repo = repoWith('six==1.16.0\rkeras==2.15.0\rtyping-extensions==4.12.2\r')
    const run = await trustedRun({ workspace: repo, inputs: { installer: 'pip', 'keras-version': '3.6.0' } })
    const packages = reportOf(run).steps.find(s => s.step === 'packages')?.data.all as Record<string, string>
    expect(packages).toMatchObject({ six: '1.16.0', keras: '3.6.0', 'typing-extensions': '4.12.2' })
  })
})

describe('fault injection: trust — no secret in anything the action writes', () => {
  it('a token in an index option and a module that prints its environment: shown nowhere', async () => {
    const links = path.join(os.tmpdir(), 'kc-no-such-links')
    const repo = repoWithModule(
      `--find-links ${links}/\${INDEX_TOKEN}/\nsix==1.16.0  # \${STEP_SECRET}\n`,
      'envdump',
      'import os, sys\nprint(dict(os.environ))\nsys.stderr.write(repr(sorted(os.environ)))\n'
    )
    const run = await trustedRun({
      workspace: repo,
      inputs: { installer: 'pip', 'smoke-imports': 'envdump' },
      inputSecrets: { INDEX_TOKEN: 'kc-index-token-0123456789' }
    })
    const report = reportOf(run)
    // pip really expanded it (the install log shows where it looked), and the probe really ran the module.
    expect(report.installer?.log).toContain(`${links}/***`)
    expect(report.steps.find(s => s.step === 'import:envdump')?.status).toBe('ok')
    // The module saw none of the runner's own variables.
    expect(report.probeLog).not.toMatch(/GITHUB_OUTPUT|GITHUB_ENV|ACTIONS_RUNTIME_TOKEN|GITHUB_TOKEN|STEP_SECRET/)
  })
})

describe('fault injection: trust — nothing is read outside the repository', () => {
  it('a committed symlink to a file outside: include-refused at the including line, its content never shown', async () => {
    const outside = path.join(scratchDir('outside'), 'outside.txt')
    writeFileSync(outside, 'tensorflow==2.99.0  # kc-outside-content\n')
    const repo = repoWith('six==1.16.0\n-r linked.txt\n')
    symlinkSync(outside, path.join(repo, 'linked.txt'))
    const run = await trustedRun({ workspace: repo, inputs: { 'preflight-only': 'true' } })
    expect(run.outputs.status).toBe('fail')
    const refused = reportOf(run).findings.find(f => f.id === 'include-refused')
    expect(refused?.locations).toEqual([{ file: 'requirements.txt', line: 2 }])
    expect(run.log).toMatch(/::error title=include-refused[^\n]*,file=requirements.txt,line=2::/)
    expect(run.files.GITHUB_STEP_SUMMARY).toContain('include-refused')
    expect(JSON.stringify(run.outputs)).not.toContain('kc-outside-content')
  })

  it('a FIFO named as an include is refused at once, never opened', async () => {
    const repo = repoWith('six==1.16.0\n-r pipe.txt\n')
    spawnSync('mkfifo', [path.join(repo, 'pipe.txt')])
    const run = await trustedRun({ workspace: repo, inputs: { 'preflight-only': 'true' } })
    expect(ids(run)).toContain('include-refused')
  })

  it('a directory named requirements.txt: a failed step that names it', async () => {
    const repo = repoWith('six\n')
    mkdirSync(path.join(repo, 'reqs', 'requirements.txt'), { recursive: true })
    const run = await trustedRun({ workspace: repo, inputs: { 'working-directory': 'reqs' } })
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(/::error::requirements: .*requirements\.txt.* is a directory/)
  })
})

describe('fault injection: trust — the code under test cannot write the job', () => {
  it('a module that finds the command files through /proc and writes outputs, variables and PATH: undone', async () => {
    const repo = repoWithModule(
      'six==1.16.0\n',
      'planter',
      [
        'import os',
        'env = open("/proc/%d/environ" % os.getppid(), "rb").read().split(b"\\0")',
        'files = dict(e.decode().split("=", 1) for e in env if e.startswith(b"GITHUB_"))',
        'open(files["GITHUB_OUTPUT"], "a").write("status=pass\\n")',
        'open(files["GITHUB_ENV"], "a").write("NODE_OPTIONS=--require /tmp/kc-evil.js\\n")',
        'open(files["GITHUB_PATH"], "a").write("/tmp/kc-evil-bin\\n")'
      ].join('\n')
    )
    const run = await trustedRun({ workspace: repo, inputs: { 'smoke-imports': 'planter' } })
    expect(ids(run)[0]).toBe('job-files-tampered')
    expect(run.outputs.status).toBe('fail')
    expect(run.files.GITHUB_ENV).toBe('')
    expect(run.files.GITHUB_PATH).toBe('')
    expect(run.files.GITHUB_OUTPUT).not.toContain('status=pass\n')
  })

  it('a runner PYTHONPATH holding another TensorFlow: the probe never sees it', async () => {
    const fake = scratchDir('fake-site')
    mkdirSync(path.join(fake, 'tensorflow'), { recursive: true })
    writeFileSync(path.join(fake, 'tensorflow', '__init__.py'), '__version__ = "9.9.9-fake"\n')
    const run = await trustedRun({ workspace: repoWith('six==1.16.0\n'), env: { PYTHONPATH: fake } })
    const tf = reportOf(run).steps.find(s => s.step === 'tensorflow.import')
    expect(tf?.status).toBe('skipped')
    expect(ids(run)).toContain('tensorflow-not-installed')
  })
})

describe('fault injection: trust — a pass needs positive evidence', () => {
  it("a module that closes the results early with the probe's own writer, then exits: probe-incomplete", async () => {
    const repo = repoWithModule('six==1.16.0\n', 'closer', 'import __main__, os\n__main__.WRITE({"event": "done"})\n')
    const run = await trustedRun({ workspace: repo, inputs: { 'smoke-imports': 'closer' } })
    expect(run.outputs.status).toBe('fail')
    expect(ids(run)).toContain('probe-incomplete')
  })
})

describe("fault injection: trust — the user's checkout is never touched", () => {
  const pyproject = (backend: string, requires: string) =>
    [
      '[build-system]',
      `requires = ["${requires}"]`,
      `build-backend = "${backend}"`,
      '',
      '[project]',
      'name = "kcdemo"',
      'version = "0.1.0"',
      'dependencies = ["six==1.16.0"]',
      ''
    ].join('\n')

  it.each([
    ['setuptools', 'setuptools.build_meta', 'setuptools==75.8.0'],
    ['hatchling', 'hatchling.build', 'hatchling==1.27.0']
  ])('a %s project: built and imported from a copy', async (_name, backend, requires) => {
    const repo = repoWith('')
    spawnSync('rm', [path.join(repo, 'requirements.txt')])
    writeFileSync(path.join(repo, 'pyproject.toml'), pyproject(backend, requires))
    mkdirSync(path.join(repo, 'kcdemo'))
    writeFileSync(path.join(repo, 'kcdemo', '__init__.py'), 'open(__file__ + ".ran", "w").write("x")\n')
    const run = await trustedRun({ workspace: repo, inputs: { 'smoke-imports': 'kcdemo' } })
    expect(reportOf(run).steps.find(s => s.step === 'import:kcdemo')?.status).toBe('ok')
  })

  it('an editable install of the repository (-e .) from requirements.txt', async () => {
    const repo = repoWith('-e .\n')
    writeFileSync(path.join(repo, 'pyproject.toml'), pyproject('setuptools.build_meta', 'setuptools==75.8.0'))
    mkdirSync(path.join(repo, 'kcdemo'))
    writeFileSync(path.join(repo, 'kcdemo', '__init__.py'), '')
    const run = await trustedRun({ workspace: repo, inputs: { installer: 'pip' } })
    expect(reportOf(run).installer?.log).toMatch(/Successfully installed .*kcdemo/)
  })
})

describe('fault injection: trust — package output never becomes markup in the summary', () => {
  let gfm: Gfm
  beforeAll(() => {
    gfm = createGfm()
  })
  afterAll(() => gfm.dispose())

  it('a module that prints and raises Markdown after blank lines: rendered by cmark-gfm, it stays text', async () => {
    const hostile =
      '\\n\\n# kc-pwned\\n\\n![kc](https://evil.example/p.png)\\n\\n| a | b |\\n|---|---|\\n\\n[kc-link](https://evil.example/)\\n'
    const repo = repoWithModule('six==1.16.0\n', 'marker', `print("${hostile}")\nraise RuntimeError("${hostile}")\n`)
    const run = await trustedRun({ workspace: repo, inputs: { 'smoke-imports': 'marker' } })
    const [html] = gfm.render([run.files.GITHUB_STEP_SUMMARY])
    // The text is there, as text: no heading, image, table or link of the package's making.
    expect(html).toContain('kc-pwned')
    expect(html).not.toMatch(/<h[1-6][^>]*>[^<]*kc-pwned/)
    expect(elements(html).filter(e => e.name === 'img')).toEqual([])
    expect(html).not.toMatch(/<th>\s*a\s*<\/th>/)
    expect(html).not.toMatch(/<a [^>]*href="https:\/\/evil\.example/)
  })
})

describe('fault injection: trust — bounded on any input', () => {
  it('a timeout beyond six hours is refused, naming the input, before anything runs', async () => {
    const run = await trustedRun({ workspace: repoWith('six\n'), inputs: { 'timeout-minutes': '40000' } })
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(/::error::timeout-minutes: 40000 minutes is more than 360/)
  })

  it('6,000 includes of one file: judged in preflight, not hung or refused', async () => {
    const repo = repoWith(`${'-r common.txt\n'.repeat(6000)}`)
    writeFileSync(path.join(repo, 'common.txt'), 'tensorflow==2.15.1\nkeras>=3\n')
    const run = await trustedRun({ workspace: repo, inputs: { 'preflight-only': 'true' } })
    expect(run.outputs.status).toBe('fail')
    expect(ids(run)).toContain('keras-tf-mismatch')
  })
})

describe('fault injection: trust — the post step removes only what it owns', () => {
  it.each([
    ['a look-alike folder without the owner file', (temp: string) => path.join(temp, 'keras-compat-lookalike')],
    ['a relative path', () => 'keras-compat-lookalike'],
    ['a path that climbs out', (temp: string) => `${temp}/../${path.basename(temp)}/keras-compat-lookalike`]
  ])('%s: left alone and never printed', async (_what, stateOf) => {
    const workspace = repoWith('six\n')
    const temp = scratchDir('post-temp')
    const lookalike = path.join(temp, 'keras-compat-lookalike')
    mkdirSync(path.join(lookalike, 'venv'), { recursive: true })
    const before = snapshot(temp)
    const dir = stateOf(temp)
    const post = await trustedRun({
      script: 'dist/post.js',
      runnerTemp: temp,
      workspace,
      allowInTemp: ['keras-compat-lookalike'],
      env: { 'STATE_work-dir': dir, 'STATE_work-token': 'guessed' }
    })
    expect(post.exitCode).toBe(0)
    expect(Object.fromEntries(snapshot(temp))).toEqual(Object.fromEntries(before))
    expect(post.log).not.toContain(dir)
    expect(post.log).not.toMatch(/Removed/)
  })
})
