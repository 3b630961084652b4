// Regenerates docs/images/summary.png, the README's picture of a job summary, from a real run:
//   1. runs dist/index.js as the runner does (INPUT_* variables, GITHUB_STEP_SUMMARY) on an example repository;
//   2. wraps the summary the action wrote in a page styled with GitHub's markdown CSS (github-markdown-css);
//   3. screenshots the page in headless Chromium from Debian's `chromium` package (apt-get install chromium).
// Usage: npm run screenshot [-- examples/broken-keras3-on-tf215]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { chromium } from 'playwright-core'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const example = process.argv[2] || 'examples/broken-keras3-on-tf215'
const out = path.join(ROOT, 'docs/images/summary.png')

if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM.`)
  process.exit(1)
}

/** Runs the action on the example and returns the job summary it wrote. */
function summaryOfRealRun() {
  const base = mkdtempSync(path.join(os.tmpdir(), 'kc-shot-'))
  const files = { summary: 'summary', output: 'output', state: 'state' }
  for (const name of Object.values(files)) writeFileSync(path.join(base, name), '')
  mkdirSync(path.join(base, 'temp'))
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/index.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ROOT,
      RUNNER_TEMP: path.join(base, 'temp'),
      GITHUB_STEP_SUMMARY: path.join(base, files.summary),
      GITHUB_OUTPUT: path.join(base, files.output),
      GITHUB_STATE: path.join(base, files.state),
      'INPUT_WORKING-DIRECTORY': example,
      'INPUT_FAIL-ON': 'never'
    }
  })
  const summary = readFileSync(path.join(base, files.summary), 'utf8')
  rmSync(base, { recursive: true, force: true })
  if (run.status !== 0 || !summary.trim()) {
    console.error(run.stdout.slice(-2000), run.stderr.slice(-2000))
    throw new Error(`the action run on ${example} failed (exit ${run.status}) or wrote no summary`)
  }
  return summary
}

function page(summary) {
  const css = readFileSync(path.join(ROOT, 'node_modules/github-markdown-css/github-markdown-light.css'), 'utf8')
  // The width of a job summary on a run page; GitHub opens <details> only on a click, as here.
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: 880px; padding: 24px 32px; border: 1px solid #d0d7de; border-radius: 6px; margin: 16px; }
</style></head><body><article class="markdown-body">${summary}</article></body></html>`
}

const html = path.join(mkdtempSync(path.join(os.tmpdir(), 'kc-shot-page-')), 'summary.html')
writeFileSync(html, page(summaryOfRealRun()))
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
})
try {
  const tab = await browser.newPage({ viewport: { width: 914, height: 800 }, deviceScaleFactor: 1 })
  await tab.goto(`file://${html}`)
  mkdirSync(path.dirname(out), { recursive: true })
  await tab.locator('article').screenshot({ path: out })
  console.log(`wrote ${path.relative(ROOT, out)} from a real run on ${example}`)
} finally {
  await browser.close()
  rmSync(path.dirname(html), { recursive: true, force: true })
}
