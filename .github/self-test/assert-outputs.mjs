// Checks the keras-compat step's outputs in the self-test workflow. Each WANT_* variable that is set is a
// requirement on the outputs passed in the other variables; every failed one is printed as an ::error line.
// No dependencies: it runs on a bare runner with only Node.
import { existsSync, readFileSync } from 'node:fs'

const env = process.env
const problems = []
const want = (ok, message) => {
  if (!ok) problems.push(message)
}

want(['pass', 'warn', 'fail'].includes(env.STATUS), `status output "${env.STATUS}" is not pass, warn or fail`)
if (env.WANT_STATUS) want(env.STATUS === env.WANT_STATUS, `status is ${env.STATUS}, expected ${env.WANT_STATUS}`)
if (env.WANT_TENSORFLOW)
  want(
    (env.TENSORFLOW ?? '').startsWith(env.WANT_TENSORFLOW),
    `tensorflow-version is "${env.TENSORFLOW}", expected ${env.WANT_TENSORFLOW}*`
  )
if (env.WANT_KERAS)
  want((env.KERAS ?? '').startsWith(env.WANT_KERAS), `keras-version is "${env.KERAS}", expected ${env.WANT_KERAS}*`)
if (env.WANT_TF_KERAS)
  want(env.TF_KERAS === env.WANT_TF_KERAS, `tf-keras is "${env.TF_KERAS}", expected ${env.WANT_TF_KERAS}`)

let findings = []
try {
  findings = JSON.parse(env.FINDINGS ?? '')
  want(Array.isArray(findings), 'findings output is not a JSON array')
} catch {
  problems.push('findings output is not JSON')
}
if (env.WANT_FINDING)
  want(
    findings.some?.(f => f.id === env.WANT_FINDING),
    `no ${env.WANT_FINDING} finding among ${findings.map?.(f => f.id)}`
  )
if (env.WANT_STATUS === 'pass')
  want(!findings.some?.(f => f.severity === 'error'), `a passing run has error findings: ${findings.map?.(f => f.id)}`)

want(Boolean(env.REPORT) && existsSync(env.REPORT), `report output "${env.REPORT}" is not a file`)
if (env.REPORT && existsSync(env.REPORT)) {
  const report = JSON.parse(readFileSync(env.REPORT, 'utf8'))
  want(report.status === env.STATUS, `the report says ${report.status}, the status output ${env.STATUS}`)
}

if (env.SARIF !== undefined) {
  // The SARIF file the `sarif` output names: SARIF 2.1.0 with a run, and a result for the expected finding.
  want(Boolean(env.SARIF) && existsSync(env.SARIF), `sarif output "${env.SARIF}" is not a file`)
  if (env.SARIF && existsSync(env.SARIF)) {
    const sarif = JSON.parse(readFileSync(env.SARIF, 'utf8'))
    want(sarif.version === '2.1.0' && sarif.runs?.length > 0, 'the SARIF file is not SARIF 2.1.0 with a run')
    const rules = (sarif.runs ?? []).flatMap(r => (r.results ?? []).map(x => x.ruleId))
    if (env.WANT_FINDING) want(rules.includes(env.WANT_FINDING), `no ${env.WANT_FINDING} result in the SARIF file`)
    if (env.WANT_STATUS === 'pass') want(rules.length === 0, `a passing run has SARIF results: ${rules}`)
  }
}

if (env.WANT_PLAN) {
  // "2.21": the tensorflow-matrix output is a JSON list of minors, newest first, that includes this one.
  let plan = []
  try {
    plan = JSON.parse(env.PLAN ?? '')
  } catch {
    problems.push('tensorflow-matrix output is not JSON')
  }
  want(
    Array.isArray(plan) && plan.every(v => /^\d+\.\d+$/.test(v)),
    `tensorflow-matrix is not a list of minors: ${env.PLAN}`
  )
  want(plan.includes?.(env.WANT_PLAN), `tensorflow-matrix ${env.PLAN} does not include ${env.WANT_PLAN}`)
}

if (env.WANT_MATRIX) {
  // "2.15=pass,2.21=fail": each version's status, in order.
  const matrix = JSON.parse(env.MATRIX ?? '[]')
  const got = matrix.map(m => `${m.version}=${m.status}`).join(',')
  want(got === env.WANT_MATRIX, `matrix is ${got}, expected ${env.WANT_MATRIX}`)
}

for (const p of problems) console.log(`::error::${p}`)
console.log(problems.length === 0 ? 'outputs as expected' : `${problems.length} output check(s) failed`)
process.exit(problems.length === 0 ? 0 : 1)
