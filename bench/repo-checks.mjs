// What checking the repository itself costs (issue #15). Usage: node bench/repo-checks.mjs [runs]
//
// 1. The code scan alone (dist/kc_codescan.py, isolated as the pipeline runs it) on a generated 500-file repository
//    (300-line modules, half of them using Keras through aliases), against the 2 s target; and on 2,000 files.
// 2. The extra time of each part in a real warm run of `node dist/cli.js --json` on the examples: examples/keras3-green
//    and examples/keras2-green as they are, then the same with model files (__fixtures__/models: a Keras 2 and a
//    Keras 3 .keras file, an .h5 model, a Keras 2 SavedModel, an HDF5 data file) and 500 code files added; and a
//    TensorFlow 2.21 set with tensorflow-hub and tensorflow-probability for the companion layers. Each part is read
//    from the JSON report: the "models" stage (finding and copying), the probe's model:*, code and companion:*
//    steps, and the scan's own time (it runs beside the probe, so it adds to the run only when it outlasts the
//    probe's TensorFlow import and toy model).
// Figures are printed, not asserted.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 3)
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-repo-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = s => `${s.toFixed(2)} s`
// GitHub's runners do not set it; this machine does, and it would make every import recompile TensorFlow.
const baseEnv = { ...process.env }
delete baseEnv.PYTHONDONTWRITEBYTECODE

/** A module of about 300 lines; every other one reaches Keras through the aliases the scan follows. */
function moduleText(i) {
  const header =
    i % 2 === 0
      ? 'import tensorflow as tf\nfrom tensorflow import keras as K\nfrom keras.layers import Dense\nKL = tf.keras.layers\n'
      : 'import json\nimport os\n'
  const body = []
  for (let f = 0; f < 30; f++) {
    body.push(`def f${f}(x, y=${f}):`, `    """Function ${f} of module ${i}."""`, '    total = 0')
    body.push('    for item in range(y):', '        total += item * x', '        if total > 1000:')
    body.push('            break')
    body.push(
      i % 2 === 0 && f % 5 === 0 ? `    layer = KL.Dense(${f + 1}); opt = tf.keras.optimizers.Adam()` : '    pass'
    )
    body.push('    return total', '')
  }
  return header + body.join('\n')
}

function codeRepository(files) {
  const dir = path.join(scratch, `code-${files}`)
  for (let i = 0; i < files; i++) {
    const file = path.join(dir, `pkg${i % 20}`, `mod${i}.py`)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, moduleText(i))
  }
  return dir
}

function timeScan(dir) {
  const out = path.join(scratch, 'scan.json')
  const config = JSON.stringify({ root: dir, prefix: '', out, max_files: 2000 })
  const times = []
  for (let i = 0; i < Math.max(runs, 3); i++) {
    const started = process.hrtime.bigint()
    const r = spawnSync('python3', ['-I', '-S', path.join(root, 'dist/kc_codescan.py'), config], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    times.push(Number(process.hrtime.bigint() - started) / 1e9)
  }
  const scan = JSON.parse(readFileSync(out, 'utf8'))
  return { seconds: median(times), scan }
}

function cli(dir, args = []) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), dir, '--json', ...args], {
    encoding: 'utf8',
    env: baseEnv,
    maxBuffer: 64 * 1024 * 1024
  })
  if (!r.stdout) throw new Error(r.stderr.slice(-2000))
  return JSON.parse(r.stdout)
}

/** The parts of one report: its stages and the probe steps of the repository checks. */
function parts(report) {
  const stage = name => report.stages.find(s => s.name === name)?.seconds ?? 0
  const steps = prefix => report.steps.filter(s => s.step.startsWith(prefix)).reduce((n, s) => n + s.seconds, 0)
  const code = report.steps.find(s => s.step === 'code')
  return {
    total: report.seconds,
    probe: stage('probe'),
    'models stage': stage('models'),
    'code scan (beside the probe)': code?.data?.scan_seconds ?? 0,
    'model loads': steps('model:'),
    'code names': steps('code'),
    'companion layers': steps('companion:')
  }
}

function warm(dir, args = []) {
  cli(dir, args)
  const all = Array.from({ length: runs }, () => parts(cli(dir, args)))
  return Object.fromEntries(Object.keys(all[0]).map(k => [k, median(all.map(p => p[k]))]))
}

function withRepositoryParts(example) {
  const dir = path.join(scratch, `${path.basename(example)}-plus`)
  cpSync(example, dir, { recursive: true })
  const models = path.join(root, '__fixtures__/models')
  for (const m of ['k2-functional.keras', 'k3-functional.keras', 'k3-functional.h5', 'k2-savedmodel', 'data.h5'])
    cpSync(path.join(models, m), path.join(dir, 'models', m), { recursive: true })
  cpSync(codeRepository(500), path.join(dir, 'src'), { recursive: true })
  return dir
}

function show(name, p) {
  // What the parts add to the run in series (the scan runs beside the probe and is shown apart).
  const added = p['models stage'] + p['model loads'] + p['code names'] + p['companion layers']
  console.log(`  ${name}: run ${fmt(p.total)}, probe ${fmt(p.probe)}; the parts add ${fmt(added)}`)
  const keys = ['models stage', 'model loads', 'code names', 'companion layers', 'code scan (beside the probe)']
  console.log(`    ${keys.map(k => `${k} ${fmt(p[k])}`).join(', ')}`)
}

console.log(
  `keras-compat repository-checks benchmark: ${os.cpus().length} cores, node ${process.version}, ${runs} runs`
)
const five = timeScan(codeRepository(500))
console.log(
  `\ncode scan, 500 files (${five.scan.parsed} parsed, ${five.scan.names.length} distinct names): ${fmt(five.seconds)}   (target <= 2 s)`
)
const twoThousand = timeScan(codeRepository(2000))
console.log(`code scan, 2,000 files (the cap): ${fmt(twoThousand.seconds)}`)

for (const example of ['keras3-green', 'keras2-green']) {
  const dir = path.join(root, 'examples', example)
  console.log(`\nexamples/${example}, warm`)
  show('as it is', warm(dir))
  show('with 5 model files and 500 code files', warm(withRepositoryParts(dir)))
}

const companions = path.join(scratch, 'companions')
mkdirSync(companions)
writeFileSync(
  path.join(companions, 'requirements.txt'),
  'tensorflow==2.21.0\ntensorflow-hub\ntensorflow-probability[tf]\nsetuptools<82\n'
)
console.log('\ntensorflow==2.21.0 + tensorflow-hub + tensorflow-probability[tf], warm')
show('companion layers', warm(companions))
