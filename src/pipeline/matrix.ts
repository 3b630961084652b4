import { compare, valid } from '@renovatebot/pep440'
import { check, type CheckDeps } from './check.js'
import { type Config } from '../config/types.js'
import { type MatrixPass } from '../core/constants.js'
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

/** One throwaway environment per TensorFlow version, one after another, sharing the download cache. */
export async function checkMatrix(config: Config, deps: CheckDeps): Promise<MatrixReport> {
  const entries: MatrixEntry[] = []
  for (const request of config.tensorflowVersions) {
    deps.log.info(`— TensorFlow ${request.label} —`)
    // A failure in one version never stops the others: check() reports failures instead of throwing them.
    const report = await check({ ...config, tensorflowVersion: request, tensorflowVersions: [] }, deps)
    entries.push({ requested: request.label, report })
  }
  const passing = entries.filter(e => e.report.status !== 'fail')
  const best = newest(passing)
  const top = newest(entries)
  const blocker =
    top && top.report.status === 'fail' ? top.report.findings.find(f => f.severity === 'error') : undefined
  return {
    schemaVersion: 1,
    kind: 'matrix',
    status: matrixStatus(entries, config.matrixPass),
    matrixPass: config.matrixPass,
    entries,
    newestPassing: best ? tfVersion(best) : '',
    toNewest: blocker ? `${blocker.title.replace(/`/g, '')} — ${blocker.fix.replace(/`/g, '')}` : ''
  }
}
