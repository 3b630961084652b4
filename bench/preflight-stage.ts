// The preflight stage alone, in one process, for bench/preflight.mjs (which bundles this file with ncc): reads the
// requirements in DIR as a run does, judges them, and prints the seconds each took and the process's peak memory.
import { linuxMarkers } from '../__fixtures__/markers.js'
import { KNOWLEDGE } from '../src/knowledge/index.js'
import { preflight } from '../src/preflight/index.js'
import { loadRequirements } from '../src/requirements/discover.js'

const dir = process.argv[2]
const started = process.hrtime.bigint()
const set = loadRequirements(dir, [], { root: dir, env: {} })
const read = process.hrtime.bigint()
const findings = preflight({
  requirements: set,
  markerEnv: linuxMarkers(),
  env: {},
  pathBase: dir,
  knowledge: KNOWLEDGE
})
const done = process.hrtime.bigint()
console.log(
  JSON.stringify({
    readSeconds: Number(read - started) / 1e9,
    preflightSeconds: Number(done - read) / 1e9,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    requirements: set.requirements.length,
    problems: set.problems.length,
    findings: findings.map(f => f.id)
  })
)
