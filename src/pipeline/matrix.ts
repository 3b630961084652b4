import { compare, valid } from '@renovatebot/pep440'
import { check, type CheckDeps } from './check.js'
import { type Config } from '../config/types.js'
import { type MatrixPass, type VerifyFix } from '../core/constants.js'
import { type VersionRequest } from '../override/spec.js'
import { planLabel } from '../report/render/plan.js'
import { type MatrixEntry, type MatrixReport } from '../report/model.js'
import { type Status } from '../report/verdict.js'

const RANK: Record<Status, number> = { pass: 0, warn: 1, fail: 2 }

function matrixStatus(entries: MatrixEntry[], pass: MatrixPass): Status {
  const statuses = entries.map(e => e.report.status)
  if (pass === 'any' && statuses.includes('pass')) return 'pass'
  return statuses.reduce<Status>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'pass')
}

const tfVersion = (e: MatrixEntry) => e.report.environment.tensorflow || e.requested

function newest(entries: MatrixEntry[]): MatrixEntry | undefined {
  return [...entries]
    .sort((a, b) => (valid(tfVersion(a)) && valid(tfVersion(b)) ? compare(tfVersion(a), tfVersion(b)) : 0))
    .pop()
}

/** The request that asks for the newest TensorFlow: `latest`, else the highest version written, else the last. */
function newestRequested(requests: VersionRequest[]): number {
  const latest = requests.findIndex(r => r.label === 'latest')
  if (latest >= 0) return latest
  const numbers = requests.map(r => /\d+(\.\d+)*/.exec(r.specifier)?.[0] ?? '')
  let best = requests.length - 1
  numbers.forEach((n, i) => {
    if (valid(n) && (!valid(numbers[best]) || compare(n, numbers[best]) > 0)) best = i
  })
  return best
}

/**
 * Every version gets its plan; only the newest requested one is proven as far as verify-fix asks. The others stop
 * at a dry run, so that a matrix of failing versions does not install each one twice.
 */
const entryProof = (mode: VerifyFix, newest: boolean): VerifyFix => (newest || mode === 'none' ? mode : 'resolve')

/** One throwaway environment per TensorFlow version, one after another, sharing the download cache. */
export async function checkMatrix(config: Config, deps: CheckDeps): Promise<MatrixReport> {
  const entries: MatrixEntry[] = []
  const newestIndex = newestRequested(config.tensorflowVersions)
  for (const [i, request] of config.tensorflowVersions.entries()) {
    deps.log.info(`— TensorFlow ${request.label} —`)
    const verifyFix = entryProof(config.verifyFix, i === newestIndex)
    // A failure in one version never stops the others: check() reports failures instead of throwing them.
    const report = await check({ ...config, tensorflowVersion: request, tensorflowVersions: [], verifyFix }, deps)
    entries.push({ requested: request.label, report })
  }
  const passing = entries.filter(e => e.report.status !== 'fail')
  const best = newest(passing)
  const top = newest(entries)
  const blocker =
    top && top.report.status === 'fail' ? top.report.findings.find(f => f.severity === 'error') : undefined
  const plan = blocker ? top?.report.fixPlan : undefined
  const toNewest = plan?.found
    ? `${plan.summary.replace(/`/g, '')} (${planLabel(plan)})`
    : blocker
      ? `${blocker.title.replace(/`/g, '')} — ${blocker.fix.replace(/`/g, '')}`
      : ''
  return {
    schemaVersion: 1,
    kind: 'matrix',
    status: matrixStatus(entries, config.matrixPass),
    matrixPass: config.matrixPass,
    entries,
    newestPassing: best ? tfVersion(best) : '',
    toNewest,
    ...(plan ? { newestPlan: plan } : {})
  }
}
