// The pre-commit hook's time. Usage: node bench/pre-commit.mjs [runs]
//
// Runs what .pre-commit-hooks.yaml's keras-compat-preflight hook runs (its entry, with the changed files as
// arguments, from the repository's root) on a repository with three requirement files and a pyproject.toml, and
// prints the median and slowest of the runs against the target of under a second, beside a bare `node -e 0`.
// Figures are printed, not asserted.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'

const root = path.join(import.meta.dirname, '..')
const runs = Number(process.argv[2] ?? 15)
const [hook] = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8'))
const [script, ...args] = hook.entry.split(' ')

const repo = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-hook-'))
const files = {
  'requirements.txt': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\nnumpy<2\n',
  'requirements-dev.txt': '-r requirements.txt\npytest==8.3.3\n',
  'services/api/requirements.txt': 'tensorflow==2.21.0\nkeras>=3.12\ntf-keras~=2.21.0\n',
  'pyproject.toml': '[project]\nname = "demo"\nversion = "0"\ndependencies = ["tensorflow-cpu==2.17.1", "keras>=3"]\n'
}
for (const [file, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
  writeFileSync(path.join(repo, file), text)
}

function time(command, argv) {
  const started = process.hrtime.bigint()
  const r = spawnSync(command, argv, { cwd: repo, encoding: 'utf8' })
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, status: r.status }
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const hookRuns = Array.from({ length: runs }, () => time(path.join(root, script), [...args, ...Object.keys(files)]))
const bare = Array.from({ length: runs }, () => time(process.execPath, ['-e', '0']).seconds)
const seconds = hookRuns.map(r => r.seconds)
console.log(`keras-compat pre-commit hook: ${Object.keys(files).length} files, ${runs} runs, node ${process.version}`)
console.log(
  `  hook   median ${median(seconds).toFixed(2)} s   slowest ${Math.max(...seconds).toFixed(2)} s   (target < 1 s)`
)
console.log(`  node -e 0   median ${median(bare).toFixed(2)} s`)
console.log(`  exit codes: ${[...new Set(hookRuns.map(r => r.status))].join(', ')} (0: every file passes)`)
rmSync(repo, { recursive: true, force: true })
