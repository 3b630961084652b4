// The fault-injection suite: faults injected for real, run through the bundle as the runner runs it. Each ends in
// the right finding (or a named error), keeps the steps done so far, never reads as a pass, and leaves nothing
// behind but the JSON report. The reporter in __tests__/reporters counts these scenarios at the end of `npm test`.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Readable } from 'node:stream'
import { alive, processesWith, smallDisk, stallingServer } from './helpers/faults.js'
import { type ActionRun, parseCommandFile, repoWith, ROOT, runAction } from './helpers/runner.js'
import { scratchDir } from '../helpers/scratch.js'

jest.setTimeout(10 * 60_000)

interface Finding {
  id: string
  title: string
  explanation: string
  evidence: string
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some(dir => existsSync(path.join(dir, command)))
}

function repoWithModule(name: string, code: string, requirements = 'six\n'): string {
  const repo = repoWith(requirements)
  writeFileSync(path.join(repo, `${name}.py`), code)
  return repo
}

/** A failed run's findings and steps, after checking it failed and left only its report. */
function failed(run: ActionRun) {
  expect(run.outputs.status).toBe('fail')
  expect(run.exitCode).toBe(1)
  expect(run.leftInTemp).toEqual([expect.stringMatching(/^keras-compat-report.*\.json$/)])
  const findings = JSON.parse(run.outputs.findings) as Finding[]
  const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as { steps: { step: string; status: string }[] }
  expect(run.log).not.toMatch(/at .*\.js:\d+:\d+/) // never a bare stack trace
  return { findings, steps: report.steps }
}

async function probeFault(name: string, code: string, inputs: Record<string, string> = {}) {
  const run = await runAction({ workspace: repoWithModule(name, code), inputs: { 'smoke-imports': name, ...inputs } })
  return failed(run)
}

/** Points both installers at one index only, with no mirror or find-links from the machine's configuration. */
const onlyIndex = (url: string): NodeJS.ProcessEnv => ({
  PIP_CONFIG_FILE: '/dev/null',
  PIP_INDEX_URL: url,
  PIP_EXTRA_INDEX_URL: '',
  PIP_FIND_LINKS: ''
})

describe('fault injection: the probe', () => {
  it('a module that hangs: timeout, naming the step, with the earlier steps kept', async () => {
    const { findings, steps } = await probeFault('hang', 'import time\ntime.sleep(600)\n', { 'timeout-minutes': '0.1' })
    expect(findings.find(f => f.id === 'timeout')).toMatchObject({ title: expect.stringContaining('"import:hang"') })
    expect(steps.find(s => s.step === 'python')?.status).toBe('ok')
  })

  it.each([
    ['SIGSEGV', /native extension crashed/],
    ['SIGILL', /AVX/]
  ])('a module that dies by %s: crash, naming the step and what the signal means', async (signal, meaning) => {
    const { findings } = await probeFault('boom', `import os, signal\nos.kill(os.getpid(), signal.${signal})\n`)
    expect(findings[0]).toMatchObject({
      id: 'crash',
      title: `Python was killed by ${signal} while running "import:boom"`
    })
    expect(findings[0].explanation).toMatch(meaning)
  })

  it('a probe cut off without its closing record (exit 0 mid-run) can never read as a pass', async () => {
    const { findings } = await probeFault('quit', 'import os\nos._exit(0)\n')
    expect(findings.map(f => f.id)).toContain('probe-incomplete')
  })

  it('a probe whose results are not JSON can never read as a pass, even with a closing record after them', async () => {
    // The results travel on a pipe the module is not told of; it writes garbage into every descriptor it can reach.
    const { findings } = await probeFault(
      'garble',
      [
        'import os',
        'for fd in range(3, 1024):',
        '    try:',
        '        os.write(fd, b"not json {" + bytes([10]))',
        '    except OSError:',
        '        pass'
      ].join('\n')
    )
    expect(findings.map(f => f.id)).toContain('probe-incomplete')
  })

  it('a probe that leaves no output at all (its results emptied, exit 0) can never read as a pass', async () => {
    // What was written to a pipe cannot be taken back: the module tries (opening each descriptor for writing, the
    // way a file would be truncated), then ends the process before the probe writes its records.
    const { findings, steps } = await probeFault(
      'erase',
      [
        'import os',
        'for fd in os.listdir("/proc/self/fd"):',
        '    try:',
        '        open("/proc/self/fd/" + fd, "w").close()',
        '    except OSError:',
        '        pass',
        'os._exit(0)'
      ].join('\n')
    )
    expect(findings.map(f => f.id)).toContain('probe-incomplete')
    expect(steps.every(s => s.status !== 'ok' || s.step !== 'import:erase')).toBe(true)
  })
})

describe('fault injection: the package index and the installer', () => {
  it('an unreachable index: install-infrastructure, said to be the network, not a conflict', async () => {
    const run = await runAction({
      workspace: repoWith('tf-keras==2.21.0\n'),
      env: onlyIndex('http://127.0.0.1:9/simple')
    })
    const { findings } = failed(run)
    const finding = findings.find(f => f.id === 'install-infrastructure')
    expect(finding).toMatchObject({ title: 'The package index could not be reached' })
    expect(finding!.explanation).toMatch(/not a conflict/)
  })

  describe('an index that accepts the connection and never answers', () => {
    let server: Awaited<ReturnType<typeof stallingServer>>
    beforeAll(async () => {
      server = await stallingServer()
    })
    afterAll(() => server.close())

    // The installers' own network time limits bound the wait (uv: UV_HTTP_TIMEOUT, pip: PIP_DEFAULT_TIMEOUT);
    // short ones here keep the test quick. pip prints the cause only to its debug log, which keras-compat reads.
    it.each([
      ['uv', { UV_HTTP_TIMEOUT: '3', UV_HTTP_RETRIES: '0' }],
      ['pip', { PIP_DEFAULT_TIMEOUT: '3', PIP_RETRIES: '0' }]
    ])('(%s): install-infrastructure, "did not answer in time", not a missing version', async (installer, limits) => {
      const run = await runAction({
        workspace: repoWith('six==1.16.0\n'),
        inputs: { installer },
        env: { ...onlyIndex(server.url), ...limits }
      })
      const { findings } = failed(run)
      expect(findings.map(f => f.id)).toEqual(['install-infrastructure'])
      expect(findings[0].title).toBe('The package index did not answer in time')
      expect(findings[0].evidence).toMatch(/timed out/)
    })
  })

  // A real size-limited disk needs root (a tmpfs mount), as on this project's machines and in CI, which refuses skips.
  const canMount = (() => {
    const probe = smallDisk(1)
    probe?.release()
    return probe !== undefined
  })()
  ;(canMount ? it : it.skip)(
    'a full disk while installing: install-infrastructure, the disk named, the venv removed',
    async () => {
      const disk = smallDisk(40)!
      try {
        const run = await runAction({ workspace: repoWith('tensorflow-cpu==2.21.0\n'), runnerTemp: disk.dir })
        const { findings } = failed(run)
        expect(findings[0]).toMatchObject({
          id: 'install-infrastructure',
          title: 'The disk ran out of space while installing'
        })
        expect(findings[0].evidence).toMatch(/No space left on device/)
      } finally {
        disk.release()
      }
    }
  )

  it('an installer killed mid-run (as the OOM killer does): stopped from outside, not a conflict', async () => {
    // A local package whose build backend signals that it started, then sleeps: the installer is surely busy. The
    // build starts in the resolve stage (uv pip compile needs the package's metadata), before any install.
    const repo = repoWith('./slow\n')
    const started = path.join(repo, 'build-started')
    mkdirSync(path.join(repo, 'slow'))
    writeFileSync(
      path.join(repo, 'slow', 'pyproject.toml'),
      '[build-system]\nrequires = []\nbuild-backend = "slow_backend"\nbackend-path = ["."]\n'
    )
    writeFileSync(
      path.join(repo, 'slow', 'slow_backend.py'),
      `import os, time\ndef build_wheel(*args, **kwargs):\n    open(${JSON.stringify(started)}, "w").write(str(os.getpid()))\n    time.sleep(300)\n`
    )
    const killed: number[] = []
    const run = await runAction({
      workspace: repo,
      onSpawn: (_pid, runnerTemp) => {
        const poll = setInterval(() => {
          if (!existsSync(started)) return
          clearInterval(poll)
          for (const pid of processesWith(runnerTemp, 'uv pip')) {
            process.kill(pid, 'SIGKILL')
            killed.push(pid)
          }
        }, 100)
      }
    })
    expect(killed.length).toBeGreaterThan(0)
    const { findings } = failed(run)
    expect(findings[0]).toMatchObject({
      id: 'install-infrastructure',
      title: 'The installer was stopped before it finished'
    })
    expect(findings[0].evidence).toMatch(/^uv was killed by SIGKILL/)
    expect(alive(Number(readFileSync(started, 'utf8')))).toBe(false) // its build backend went with it
  })
})

describe('fault injection: the interpreter', () => {
  it('a python that does not exist: named, with the way to fix it', async () => {
    const run = await runAction({ workspace: repoWith('six\n'), inputs: { python: '/nonexistent/python3' } })
    const { findings } = failed(run)
    expect(findings[0]).toMatchObject({ id: 'venv-failed' })
    expect(findings[0].explanation).toMatch(/"\/nonexistent\/python3" was not found.*actions\/setup-python/)
  })

  // Jython 2.7 (Debian's jython package, installed by scripts/test-prereqs.sh before npm test) is a real Python too
  // old for venv. Without it the case is skipped, visibly; CI refuses skips.
  ;(onPath('jython') ? it : it.skip)(
    'a python too old for venv (Jython 2.7): its version named, stopped before any venv',
    async () => {
      const run = await runAction({ workspace: repoWith('six\n'), inputs: { python: 'jython' } })
      const { findings } = failed(run)
      expect(findings).toHaveLength(1)
      expect(findings[0].id).toBe('venv-failed')
      expect(findings[0].explanation).toMatch(/"jython" is Python 2\.7\.\d+, too old: keras-compat needs Python 3\.8/)
      expect(findings[0].explanation).toMatch(/actions\/setup-python/)
    }
  )
})

describe('fault injection: the runner', () => {
  it('an unwritable job summary: a warning, and the verdict still comes', async () => {
    const repo = repoWith('six\n')
    const summaryPath = path.join(repo, 'summary-is-a-folder')
    mkdirSync(summaryPath)
    const run = await runAction({ workspace: repo, summaryPath, inputs: { 'fail-on': 'never' } })
    expect(run.exitCode).toBe(0)
    expect(run.log).toMatch(/::warning::.*summary/i)
    expect(run.outputs.status).toBe('fail') // no TensorFlow: a real verdict, delivered
    expect(run.leftInTemp).toEqual([expect.stringMatching(/^keras-compat-report.*\.json$/)])
  })

  /** Runs the keras3 example and sends `signal` once its venv exists (after `delayMs`); returns the work folder. */
  async function interrupted(signal: NodeJS.Signals, delayMs: number) {
    let workDir = ''
    const run = await runAction({
      inputs: { 'working-directory': 'examples/keras3-green' },
      onSpawn: (pid, _temp, stateFile) => {
        const poll = setInterval(() => {
          const state = parseCommandFile(readFileSync(stateFile, 'utf8'))
          if (!state['work-dir'] || !existsSync(path.join(state['work-dir'], 'venv'))) return
          workDir = state['work-dir']
          clearInterval(poll)
          setTimeout(() => process.kill(pid, signal), delayMs)
        }, 100)
      }
    })
    expect(workDir).not.toBe('')
    return { run, workDir }
  }

  it('a cancelled job (SIGTERM) mid-install removes its venv', async () => {
    const { run, workDir } = await interrupted('SIGTERM', 1500)
    expect(run.exitCode).toBe(143)
    expect(existsSync(workDir)).toBe(false)
    expect(run.leftInTemp).toEqual([])
  })

  /** The CLI on a small set, with `interrupt` done to it once its work folder exists; its exit code and leftovers. */
  async function cliInterrupted(interrupt: (child: ChildProcessByStdio<null, Readable, Readable>) => void) {
    const temp = scratchDir('cli-interrupted')
    const workFolders = () => readdirSync(temp).filter(name => name.startsWith('keras-compat-'))
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), repoWith('six==1.17.0\n'), '--verbose'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: temp, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    await new Promise<void>(resolve => {
      const poll = setInterval(() => {
        if (workFolders().length === 0) return
        clearInterval(poll)
        interrupt(child)
        resolve()
      }, 20)
    })
    return { code: await exited, left: workFolders() }
  }

  it('a CLI whose output reader goes away mid-run (EPIPE at its next line) still removes its venv', async () => {
    // Both pipes close once the work folder exists, as `keras-compat . | head` closes them after its lines.
    const { code, left } = await cliInterrupted(child => {
      child.stdout.destroy()
      child.stderr.destroy()
    })
    expect(code).not.toBe(0)
    expect(left).toEqual([])
  })

  it('a CLI whose terminal closes mid-run (SIGHUP) removes its venv and exits 129', async () => {
    const { code, left } = await cliInterrupted(child => child.kill('SIGHUP'))
    expect(code).toBe(129)
    expect(left).toEqual([])
  })

  it('a main step killed outright (SIGKILL) leaves its venv; the post step removes it', async () => {
    const { run: main, workDir } = await interrupted('SIGKILL', 0)
    expect(main.exitCode).toBeNull()
    expect(existsSync(workDir)).toBe(true)
    const post = await runAction({
      script: 'dist/post.js',
      runnerTemp: main.runnerTemp,
      env: Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]))
    })
    expect(post.exitCode).toBe(0)
    expect(existsSync(workDir)).toBe(false)
    expect(post.leftInTemp).toEqual([])
  })
})

describe('fault injection: bad input', () => {
  /** A repository with the files that the bad inputs below point at. */
  function badRepo(): string {
    const repo = repoWith('six\n')
    writeFileSync(path.join(repo, 'empty.txt'), '')
    writeFileSync(path.join(repo, 'binary.txt'), Buffer.from([0, 1, 2, 0x62, 0xff, 0]))
    writeFileSync(path.join(repo, 'a.txt'), '-r b.txt\n')
    writeFileSync(path.join(repo, 'b.txt'), '-r a.txt\nsix\n')
    writeFileSync(path.join(repo, 'escape.txt'), '-r ../../etc/passwd\n')
    writeFileSync(path.join(repo, 'a-file'), '')
    mkdirSync(path.join(repo, 'a-dir'))
    return repo
  }

  // Each: the inputs, then what the failed step must say (the input or file named, and how to fix it).
  it.each([
    [{ 'fail-on': 'sometimes' }, /fail-on: "sometimes" is not one of error, warning, never/],
    [{ installer: 'conda' }, /installer: "conda" is not one of auto, uv, pip/],
    [{ cache: 'maybe' }, /cache: "maybe" is not one of auto, true, false/],
    [{ 'timeout-minutes': '-3' }, /timeout-minutes: "-3" is not a positive number of minutes/],
    [{ env: 'NOEQUALS' }, /env: entry 1 is not KEY=VALUE/],
    [{ env: '1BAD=x' }, /env: "1BAD" is not a valid variable name/],
    [{ 'tensorflow-version': 'two.x' }, /tensorflow-version: "two.x" is not a version\. Use 2\.16/],
    [{ 'extra-packages': 'not a requirement!!' }, /extra-packages: "not a requirement!!" is not a requirement/],
    [{ requirements: 'missing.txt' }, /requirements: missing\.txt not found \(looked for .*missing\.txt\)/],
    [{ 'working-directory': 'nodir' }, /working-directory: .*nodir does not exist or is not a directory/],
    [{ requirements: 'empty.txt' }, /requirements: empty\.txt lists no requirements/],
    // File content pip cannot read is a finding at its line (annotated, summary and outputs written), not a bare
    // failed step; nothing is installed after it.
    [
      { requirements: 'binary.txt' },
      /title=parse-error.*file=binary\.txt,line=1::pip cannot decode this file as utf-8/
    ],
    [
      { requirements: 'escape.txt' },
      /title=include-refused.*file=escape\.txt,line=1::cannot read \.\.\/\.\.\/etc\/passwd .*outside the repository/
    ],
    [{ 'timeout-minutes': '40000' }, /timeout-minutes: 40000 minutes is more than 360/],
    [
      { 'tensorflow-versions': Array.from({ length: 21 }, (_, i) => `2.${i}`).join(',') },
      /tensorflow-versions: 21 versions is more than 20/
    ],
    [{ env: 'GITHUB_OUTPUT=/tmp/x' }, /env: GITHUB_OUTPUT is the runner's own/],
    [
      { 'extra-packages': '--index-url=https://evil.example/simple' },
      /extra-packages: .* options are not accepted here/
    ],
    [{ requirements: 'a-dir' }, /requirements: .*a-dir.* is a directory, not a file/],
    [{ requirements: 'a.txt' }, /title=parse-error.*file=b\.txt,line=1::include cycle: a\.txt is already being read/],
    [{ python: 'python3', 'working-directory': 'a-file' }, /working-directory: .*a-file does not exist or is not a/]
  ])('%j: a failed step that names it, with nothing left behind', async (inputs, message) => {
    const run = await runAction({ workspace: badRepo(), inputs })
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(new RegExp(`^::error.*${message.source}`, 'm'))
    expect(run.log).not.toMatch(/at .*\.js:\d+:\d+/)
    expect(run.leftInTemp.filter(f => !/^keras-compat-report.*\.json$/.test(f))).toEqual([])
  })

  it('a RUNNER_TEMP that cannot hold a folder: named, with the fix', async () => {
    const repo = badRepo()
    const run = await runAction({ workspace: repo, env: { RUNNER_TEMP: path.join(repo, 'a-file', 'temp') } })
    expect(run.exitCode).toBe(1)
    expect(run.log).toMatch(/^::error::The temporary folder .*a-file\/temp .* cannot be written.*point RUNNER_TEMP/m)
    expect(readdirSync(repo).sort()).toEqual([
      'a-dir',
      'a-file',
      'a.txt',
      'b.txt',
      'binary.txt',
      'empty.txt',
      'escape.txt',
      'requirements.txt'
    ])
  })

  it('a 10,000-line file with a 100 kB line: judged, not refused', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `pkg-${i}==1.0`)
    lines.push(`# ${'x'.repeat(100_000)}`, 'tensorflow-cpu==2.15.1', 'keras>=3')
    const run = await runAction({ workspace: repoWith(`${lines.join('\n')}\n`), inputs: { 'preflight-only': 'true' } })
    expect(run.outputs.status).toBe('fail')
    const findings = JSON.parse(run.outputs.findings) as (Finding & { locations: { line: number }[] })[]
    expect(findings[0]).toMatchObject({ id: 'keras-tf-mismatch', locations: [{ line: 10_002 }, { line: 10_003 }] })
    // The report, and the fix plan's patch (TensorFlow moved to meet the Keras 3 pin) at its line.
    expect(run.leftInTemp.sort()).toEqual([
      expect.stringMatching(/^keras-compat-fix-.*\.patch$/),
      expect.stringMatching(/^keras-compat-report.*\.json$/)
    ])
    expect(readFileSync(run.outputs['fix-patch'], 'utf8')).toMatch(
      /^@@ -9999,5 \+9999,5 @@\n[^]*^-tensorflow-cpu==2\.15\.1\n\+tensorflow-cpu==2\.16\.\d+\n keras>=3\n$/m
    )
  })
})
