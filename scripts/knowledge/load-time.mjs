// How long the release history takes to load, as the bundle loads it: bundles src/knowledge/index-data.ts with ncc
// into a temporary folder's lib/ beside a copy of the data in the dist/ layout (knowledge/index/, removed.json), then
// times, in fresh Node processes, the import and the first queries (which read and parse the package files).
// Prints medians. Usage: node scripts/knowledge/load-time.mjs [runs]
import ncc from '@vercel/ncc'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
// Outside the repository: a bundle under .tmp/ would be linted as source.
const out = mkdtempSync(path.join(tmpdir(), 'kc-knowledge-load-'))
const runs = Number(process.argv[2] ?? 15)

const { code } = await ncc(path.join(root, 'scripts/knowledge/load-entry.ts'), { quiet: true, target: 'es2022' })
mkdirSync(path.join(out, 'lib'), { recursive: true })
writeFileSync(path.join(out, 'lib/index.js'), code)
writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n')
cpSync(path.join(root, 'knowledge/index'), path.join(out, 'knowledge/index'), { recursive: true })
cpSync(path.join(root, 'knowledge/removed.json'), path.join(out, 'knowledge/removed.json'))

// Runs in the child: import, a preflight's worth of queries on five packages, then every package's every release.
const child = `
const t0 = performance.now()
const { KNOWLEDGE_INDEX: k } = await import(${JSON.stringify(path.join(out, 'lib/index.js'))})
const t1 = performance.now()
const answers = [
  k.hasWheel('tensorflow', '2.15.0', '3.12', 'linux-x86_64'),
  k.releaseStatus('tensorflow', '2.16.0'),
  k.requiresDist('tensorflow', '2.16.1', { platform: 'linux-x86_64', python: '3.11' }).length,
  k.requiresDist('tf-keras', '2.16.0')[0].line,
  k.pythonsWithWheels('keras', '3.0.0', 'macos-arm64').length,
  k.hasWheel('numpy', '1.26.4', '3.12', 'windows-x86_64'),
  k.hasWheel('protobuf', '5.29.3', '3.13', 'linux-x86_64')
]
const t2 = performance.now()
let releases = 0
for (const p of k.packages()) releases += k.releases(p).length
const t3 = performance.now()
console.log(JSON.stringify({ importMs: t1 - t0, queriesMs: t2 - t1, allMs: t3 - t2, releases, answers }))
`
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const samples = []
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  samples.push(JSON.parse(r.stdout))
}
const fmt = ms => `${ms.toFixed(2)} ms`
console.log(`answers: ${JSON.stringify(samples[0].answers)}`)
console.log(`bundled loader import: ${fmt(median(samples.map(s => s.importMs)))}`)
console.log(`first queries on 5 packages (reads and parses their files): ${fmt(median(samples.map(s => s.queriesMs)))}`)
console.log(
  `every release of all ${samples[0].releases} releases in 22 packages: ${fmt(median(samples.map(s => s.allMs)))}`
)
console.log(`(medians of ${runs} fresh Node processes)`)
rmSync(out, { recursive: true, force: true })
