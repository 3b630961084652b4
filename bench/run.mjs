// Speed benchmark for keras-compat against what users would otherwise write, measured in the same run.
//
//   npm run bench                 # 3 warm runs, 1 cold run per set
//   node bench/run.mjs WARM COLD  # other counts
//   node bench/run.mjs matrix      # only the matrix timing
//   node bench/run.mjs plan        # only the fix plan's proof on a failing set
//   node bench/run.mjs sets        # only the two requirement sets against the naive script
//
// For each requirement set it times, as medians:
//   naive   `python -m venv` + `pip install -r` + two `python -c` smoke processes (tf.keras, keras), cold and warm
//   ours    `node dist/cli.js DIR --json`, cold (empty keras-compat cache) and warm (same cache), until it answers
//           (its venv is then unlinked by a detached process: timed apart, as the naive script's removal is not
//           timed at all), with the time of its resolve stage (the dry-run resolution before any download)
//   probe   the probe stage alone against `python -c "import tensorflow, keras"` in the same venv
// and prints the ratios, the node process's peak memory (from the report), and the machine's core count.
// Cold means empty caches on both sides; both sides use this machine's package index configuration.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import { devNull } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const numeric = process.argv
  .slice(2)
  .filter(a => /^\d+$/.test(a))
  .map(Number)
const [warmRuns, coldRuns] = [numeric[0] ?? 3, numeric[1] ?? 1]
const SETS = {
  'keras3 (tensorflow-cpu==2.21.0 + keras)': 'tensorflow-cpu==2.21.0\nkeras\n',
  'keras2 (tensorflow-cpu==2.15.1 + keras==2.15.0)': 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n'
}
// GitHub's runners do not set it; this machine does, and it would make every import recompile TensorFlow.
const baseEnv = { ...process.env }
delete baseEnv.PYTHONDONTWRITEBYTECODE

const SMOKE = api => `
import numpy as np
${api === 'tf.keras' ? 'import tensorflow as tf; K = tf.keras' : 'import keras as K'}
m = K.Sequential([K.Input(shape=(4,)), K.layers.Dense(8, activation="relu"), K.layers.Dense(1)])
m.compile(optimizer="adam", loss="mse")
m.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0)
print(K.__name__, "ok")
`

// Every folder the benchmark makes (cold caches are gigabytes each) goes when it ends, however it ends.
const made = []
const tmp = name => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kc-bench-${name}-`))
  made.push(dir)
  return dir
}
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = s => `${s.toFixed(1)} s`

function run(command, args, env = baseEnv, cwd = root, extra = {}) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, { env, cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...extra })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0 && !(command === process.execPath && result.status === 1)) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${(result.stderr || '').slice(-2000)}`)
  }
  return { seconds, stdout: result.stdout }
}

/**
 * How long ext4 refuses to reuse a freed inode, on the folder the runs write to: 61 s where the file system has no
 * journal (fs/ext4/ialloc.c, recently_deleted: 60 s once the inode table is written back), 0 where it has one (the
 * check is never made). Overridden by BENCH_INODE_WINDOW_SECONDS.
 */
function inodeWindowMs() {
  if (process.env.BENCH_INODE_WINDOW_SECONDS) return Number(process.env.BENCH_INODE_WINDOW_SECONDS) * 1000
  const dir = os.tmpdir()
  let best
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [before, after] = line.split(' - ')
    if (!after) continue
    const mountPoint = before.split(' ')[4]
    const [fsType, source] = after.split(' ')
    const under = dir === mountPoint || dir.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`)
    if (under && (!best || mountPoint.length > best.mountPoint.length)) best = { mountPoint, fsType, source }
  }
  if (best?.fsType !== 'ext4') return 0
  const device = path.basename(best.source)
  const journals = existsSync('/proc/fs/jbd2') ? readdirSync('/proc/fs/jbd2') : []
  return journals.some(j => j.startsWith(`${device}-`)) ? 0 : 61_000
}
const INODE_WINDOW_MS = inodeWindowMs()
let lastDeletion = 0
/** Every run deletes thousands of files at its end (a venv): noted, for the next run's settle. */
const deleted = () => {
  lastDeletion = Date.now()
}

// Each timed run starts with the disk's writeback done and, on ext4 without a journal, with the previous run's
// freed inodes out of the reuse window: otherwise one side pays for what the other just wrote and deleted (a run
// right after another spends most of its install's kernel time skipping the 20,000 inodes that run freed). A fresh
// CI runner has neither kind of leftover, and its ext4 has a journal.
function settle() {
  spawnSync('sync')
  const wait = lastDeletion + INODE_WINDOW_MS - Date.now()
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait)
}

function naive(dir, pipCache) {
  const venv = path.join(tmp('naive'), 'venv')
  settle()
  // TMPDIR beside the venv: TensorFlow's autograph files go with it rather than pile up in /tmp.
  const env = { ...baseEnv, PIP_CACHE_DIR: pipCache, TMPDIR: path.dirname(venv) }
  const started = process.hrtime.bigint()
  run('python3', ['-m', 'venv', venv], env)
  run(
    path.join(venv, 'bin/pip'),
    ['install', '--disable-pip-version-check', '-q', '-r', path.join(dir, 'requirements.txt')],
    env
  )
  for (const api of ['tf.keras', 'keras']) run(path.join(venv, 'bin/python'), ['-c', SMOKE(api)], env)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  rmSync(path.dirname(venv), { recursive: true, force: true })
  deleted()
  return seconds
}

/** Seconds from `started` until no CLI trash folder is left in the temporary folder (bounded at 60 s). */
function untilTrashGone(started) {
  const left = () => readdirSync(os.tmpdir()).some(name => name.startsWith('keras-compat-trash-'))
  const deadline = Date.now() + 60_000
  while (left() && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
  return Number(process.hrtime.bigint() - started) / 1e9
}

function ours(dir, cacheDir) {
  settle()
  const started = process.hrtime.bigint()
  const { seconds, stdout } = run(process.execPath, [path.join(root, 'dist/cli.js'), dir, '--json'], {
    ...baseEnv,
    KERAS_COMPAT_CACHE_DIR: cacheDir
  })
  // The CLI answers first and a detached process unlinks its venv: timed apart (the naive script's own venv is
  // never removed within its time either), and waited for, so the next run starts after it.
  const removed = untilTrashGone(started)
  deleted()
  const report = JSON.parse(stdout)
  if (report.status !== 'pass')
    throw new Error(`keras-compat did not pass: ${report.findings.map(f => f.id).join(', ')}`)
  const stage = name => report.stages.find(s => s.name === name)?.seconds ?? 0
  return {
    seconds,
    removed,
    probe: stage('probe'),
    install: stage('install'),
    resolve: stage('resolve'),
    maxRssMb: report.runtime.maxRssMb
  }
}

/** The probe alone and a bare import, in one venv made by the bootstrapped uv, bytecode warm for both. */
function probeVsImport(dir, cacheDir) {
  const uv = path.join(cacheDir, 'tools/uv-0.13.9/bin/uv')
  const venv = path.join(tmp('probe'), 'venv')
  const env = {
    ...baseEnv,
    UV_CACHE_DIR: path.join(cacheDir, 'uv'),
    PYTHONPYCACHEPREFIX: path.join(cacheDir, 'pycache'),
    KERAS_HOME: tmp('keras-home')
  }
  run(uv, ['venv', '-q', '--python', 'python3', venv], env)
  run(
    uv,
    ['pip', 'install', '-q', '--python', path.join(venv, 'bin/python'), '-r', path.join(dir, 'requirements.txt')],
    env
  )
  const python = path.join(venv, 'bin/python')
  const bare = () => run(python, ['-c', 'import tensorflow, keras'], env).seconds
  // The probe's contract (src/probe/run.ts): the config as its argument, a nonce on stdin, results on descriptor 3.
  const probe = () => {
    const scratch = tmp('scratch')
    const config = JSON.stringify({ smoke_imports: [], workdir: dir, scratch })
    // The probe's contract: the nonce on stdin, the results on descriptor 3 (here /dev/null: only the time counts).
    const sink = openSync(devNull, 'w')
    try {
      return run(python, [path.join(root, 'dist/probe.py'), config], env, scratch, {
        input: 'bench-nonce\n',
        stdio: ['pipe', 'pipe', 'pipe', sink]
      }).seconds
    } finally {
      closeSync(sink)
    }
  }
  bare()
  probe()
  const b = []
  const p = []
  for (let i = 0; i < warmRuns; i++) {
    b.push(bare())
    p.push(probe())
  }
  rmSync(path.dirname(venv), { recursive: true, force: true })
  return { bare: median(b), probe: median(p) }
}

/** A three-version matrix against one version, both warm (the versions share one download cache). */
function matrixTiming() {
  const dir = tmp('repo-matrix')
  writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow-cpu==2.15.1\nkeras==2.15.0\n')
  const cache = tmp('kc-matrix')
  const cli = args =>
    run(process.execPath, [path.join(root, 'dist/cli.js'), dir, '--json', ...args], {
      ...baseEnv,
      KERAS_COMPAT_CACHE_DIR: cache
    }).seconds
  cli(['--tensorflow-versions', '2.15, 2.16, 2.21'])
  const one = []
  const three = []
  for (let i = 0; i < warmRuns; i++) {
    one.push(cli([]))
    three.push(cli(['--tensorflow-versions', '2.15, 2.16, 2.21']))
  }
  console.log('\nmatrix (tensorflow-cpu==2.15.1 + keras==2.15.0 pins), warm')
  console.log(
    `  one version ${fmt(median(one))}   three versions (2.15, 2.16, 2.21) ${fmt(median(three))}   ratio ${(median(three) / median(one)).toFixed(2)}`
  )
}

/**
 * A failing set (a TensorFlow with no wheel for this Python, and the keras pinned to it): how long the fix plan's proof
 * (dry runs, then a fresh venv, the install and the smoke test of the plan) takes, against the rest of the run, warm.
 */
function planTiming() {
  const dir = tmp('repo-plan')
  writeFileSync(path.join(dir, 'requirements.txt'), 'tensorflow-cpu==2.9.3\nkeras==2.9.0\n')
  const cache = tmp('kc-plan')
  const cli = () => {
    const { seconds, stdout } = run(process.execPath, [path.join(root, 'dist/cli.js'), dir, '--json'], {
      ...baseEnv,
      KERAS_COMPAT_CACHE_DIR: cache
    })
    const report = JSON.parse(stdout)
    const proof = report.stages.find(s => s.name === 'fix plan')?.seconds ?? 0
    return { seconds, proof, label: report.fixPlan?.verification?.detail ?? '(no plan)' }
  }
  const cold = cli()
  const warm = []
  for (let i = 0; i < warmRuns; i++) warm.push(cli())
  const total = median(warm.map(w => w.seconds))
  const proof = median(warm.map(w => w.proof))
  console.log('\nfailing set (tensorflow-cpu==2.9.3 + keras==2.9.0): the fix plan and its proof')
  console.log(`  plan: ${warm[0].label}`)
  console.log(`  cold: run ${fmt(cold.seconds)}, of which plan proof ${fmt(cold.proof)}`)
  console.log(
    `  warm: run ${fmt(total)} = the run's own ${fmt(total - proof)} + plan proof ${fmt(proof)}   proof/own ${(proof / Math.max(0.1, total - proof)).toFixed(1)}`
  )
}

if (process.argv[2] === 'plan') {
  console.log(
    `keras-compat fix plan benchmark: ${os.cpus().length} cores, node ${process.version}, ${warmRuns} warm runs`
  )
  planTiming()
  process.exit(0)
}

if (process.argv[2] === 'matrix') {
  console.log(
    `keras-compat matrix benchmark: ${os.cpus().length} cores, node ${process.version}, ${warmRuns} warm runs`
  )
  matrixTiming()
  process.exit(0)
}

console.log(
  `keras-compat benchmark: ${os.cpus().length} cores, node ${process.version}, ${spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${warmRuns} warm / ${coldRuns} cold runs, inode reuse window ${INODE_WINDOW_MS / 1000} s`
)
for (const [name, requirements] of Object.entries(SETS)) {
  const dir = tmp('repo')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  const naiveCold = []
  const oursCold = []
  for (let i = 0; i < coldRuns; i++) {
    naiveCold.push(naive(dir, tmp('pip-cold')))
    oursCold.push(ours(dir, tmp('kc-cold')).seconds)
  }
  const pipWarm = tmp('pip-warm')
  const kcWarm = tmp('kc-warm')
  naive(dir, pipWarm)
  ours(dir, kcWarm)
  const naiveWarm = []
  const oursWarm = []
  for (let i = 0; i < warmRuns; i++) {
    naiveWarm.push(naive(dir, pipWarm))
    oursWarm.push(ours(dir, kcWarm))
  }
  const pv = probeVsImport(dir, kcWarm)
  const w = median(oursWarm.map(o => o.seconds))
  console.log(`\n${name}`)
  console.log(
    `  naive cold ${fmt(median(naiveCold))}   ours cold ${fmt(median(oursCold))}   ratio ${(median(oursCold) / median(naiveCold)).toFixed(2)}   (target <= 0.70)`
  )
  console.log(
    `  naive warm ${fmt(median(naiveWarm))}   ours warm ${fmt(w)}   ratio ${(w / median(naiveWarm)).toFixed(3)}   (target <= 0.12)`
  )
  console.log(
    `    each warm run: naive ${naiveWarm.map(x => x.toFixed(1)).join(', ')} s; ours ${oursWarm.map(o => o.seconds.toFixed(2)).join(', ')} s`
  )
  console.log(
    `    ours warm stages: resolve ${fmt(median(oursWarm.map(o => o.resolve)))}, install ${fmt(median(oursWarm.map(o => o.install)))}, probe ${fmt(median(oursWarm.map(o => o.probe)))}`
  )
  console.log(
    `    venv removed in the background ${fmt(median(oursWarm.map(o => o.removed)) - w)} after the answer (run to removal ${fmt(median(oursWarm.map(o => o.removed)))})`
  )
  console.log(`  resolution step adds ${median(oursWarm.map(o => o.resolve)).toFixed(2)} s warm   (target <= 3 s)`)
  console.log(
    `  probe alone ${fmt(pv.probe)}   bare import ${fmt(pv.bare)}   ratio ${(pv.probe / pv.bare).toFixed(2)}   (target <= 1.3)`
  )
  console.log(`  node peak memory ${Math.max(...oursWarm.map(o => o.maxRssMb))} MB   (target <= 150 MB)`)
}
if (process.argv[2] !== 'sets') {
  matrixTiming()
  planTiming()
}
