// A repository module that prints workflow commands and raises with HTML in its message, run through the bundle as
// the runner runs it: nothing it prints may act as a command, nothing it says may render as HTML.
import { describe, expect, it, jest } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { repoWith, runAction } from './helpers/runner.js'

jest.setTimeout(10 * 60_000)

const HOSTILE = `import sys
for stream in (sys.stdout, sys.stderr):
    stream.write("::error file=requirements.txt,line=1::planted annotation\\n")
    stream.write("::add-mask::keras\\n")
    stream.write("::set-output name=status::pass\\n")
    stream.write("::stop-commands::attacker\\n")
    stream.write("::warning::after a fake stop-commands\\n")
    stream.flush()
raise RuntimeError("<img src=x onerror=alert(1)>")
`

/** Lines that would act as workflow commands: outside every stop-commands block that keras-compat opened. */
function liveCommands(log: string): string[] {
  const live: string[] = []
  let token = ''
  for (const line of log.split('\n')) {
    if (token) {
      if (line === `::${token}::`) token = ''
      continue
    }
    const stop = /^::stop-commands::([0-9a-f]{32})$/.exec(line)
    if (stop) token = stop[1]
    else if (line.startsWith('::')) live.push(line)
  }
  return live
}

describe('fault injection: hostile or huge output', () => {
  it('issues no command, mask or output for a package, and renders its message as text', async () => {
    const repo = repoWith('six\n')
    writeFileSync(path.join(repo, 'hostile.py'), HOSTILE)
    const run = await runAction({ workspace: repo, inputs: { 'smoke-imports': 'hostile', 'fail-on': 'never' } })
    const live = liveCommands(run.log)
    expect(live.some(l => /planted|add-mask|set-output|after a fake/.test(l))).toBe(false)
    // Our own annotations do come through, about the failed import.
    expect(live.some(l => l.startsWith('::error') && l.includes('import-failed'))).toBe(true)
    expect(run.outputs.status).toBe('fail')
    expect(run.summary).not.toContain('<img src=x')
    expect(run.summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(run.leftInTemp).toEqual([expect.stringMatching(/^keras-compat-report.*\.json$/)])
  })

  it('keeps the job summary under GitHub’s 1 MiB with megabytes of output and hundreds of findings, and says so', async () => {
    const repo = repoWith('six\n')
    // 3 MB of markup on stdout, then a 1.5 MB error message; and 1,000 modules that do not exist (a finding each).
    writeFileSync(
      path.join(repo, 'huge.py'),
      'import sys\nfor _ in range(3000):\n    sys.stdout.write("<b>" * 333 + "\\n")\nraise RuntimeError("<i>" * 500000)\n'
    )
    const missing = Array.from({ length: 1000 }, (_, i) => `missing_module_${i}`)
    const run = await runAction({
      workspace: repo,
      inputs: { 'smoke-imports': ['huge', ...missing].join('\n'), 'fail-on': 'never' }
    })
    const findings = JSON.parse(run.outputs.findings) as { id: string }[]
    expect(findings.filter(f => f.id === 'import-failed').length).toBeGreaterThanOrEqual(1001)
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThan(1024 * 1024)
    expect(run.summary).toMatch(/\d+ more finding\(s\) left out to keep this summary under GitHub's size limit/)
    expect(run.summary).toMatch(/\[\.\.\. \d+ earlier characters cut \.\.\.\]|Logs left out/)
    expect(run.summary).not.toMatch(/<b>|<i>/)
    // Annotations stay within the runner's 10 per level, with a notice for the rest.
    expect(run.log.match(/^::error /gm)?.length ?? 0).toBeLessThanOrEqual(10)
    expect(run.log).toMatch(/^::notice.*::\d+ more annotation\(s\) left out/m)
    expect(run.leftInTemp).toEqual([expect.stringMatching(/^keras-compat-report.*\.json$/)])
  })
})
