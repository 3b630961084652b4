// The proof of a fix plan: its candidates resolved for real, the first that resolves installed into a fresh venv and
// smoke-tested, within limits of candidates, installs and time.
import { mkdirSync } from 'node:fs'
import * as path from 'node:path'
import { INSTALL_TIMEOUT_MS, PLAN_PROOF_TIMEOUT_MS, RESOLVE_TIMEOUT_MS } from '../core/timeouts.js'
import { diagnose } from '../diagnose/index.js'
import { bytecodePrefix } from '../environment/bytecode-cache.js'
import { cacheDirs } from '../environment/cache-dirs.js'
import { runEnvironment } from '../environment/run-env.js'
import { installedPackages } from '../install/installed.js'
import { withEdits } from '../fixplan/edited-set.js'
import { unproven } from '../fixplan/plan.js'
import { type PlanCandidate, type PlanVerification } from '../fixplan/types.js'
import { runProbe } from '../probe/run.js'
import { copyWithEdits } from '../requirements/copy.js'
import { type Installed, type RunContext } from './environment.js'

// Dry runs are cheap (a second with uv): the best few are tried. A full install and smoke test is not: two at most.
const MAX_RESOLVES = 4
const MAX_INSTALLS = 2

export interface Attempt {
  candidate: PlanCandidate
  verification: PlanVerification
}

interface Proving {
  ctx: RunContext
  installed: Installed
  started: number
  deadline: number
  tried: number
  installs: number
}

const remaining = (p: Proving, limit: number) => Math.max(1000, Math.min(limit, p.deadline - Date.now()))
const seconds = (p: Proving) => Math.round((Date.now() - p.started) / 1000)

function verdict(
  p: Proving,
  status: PlanVerification['status'],
  proof: PlanVerification['proof'],
  detail: string,
  evidence?: string
) {
  return { status, proof, detail, evidence, seconds: seconds(p), tried: p.tried }
}

/** The requirement files as the plan leaves them, copied into the work folder (the user's files are only read). */
function planFiles(p: Proving, candidate: PlanCandidate, n: number): string[] | string {
  try {
    return copyWithEdits(p.ctx.declared, p.ctx.deps.pathBase, candidate.edits, path.join(p.ctx.work.root, `plan-${n}`))
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

function baseInstall(p: Proving, env: NodeJS.ProcessEnv) {
  return {
    projectDir: '',
    projectExtras: [],
    extraPackages: [...p.ctx.declared.groupRequirements, ...p.ctx.config.extraPackages],
    env,
    cwd: p.installed.cwd,
    scratchDir: p.ctx.work.root
  }
}

/** A fresh venv in the work folder, the plan's files installed into it, and the smoke probe run there. */
async function installAndProbe(p: Proving, candidate: PlanCandidate, files: string[], n: number) {
  const { ctx, installed } = p
  const root = path.join(ctx.work.root, `plan-venv-${n}`)
  const kerasHome = path.join(root, 'keras-home')
  mkdirSync(kerasHome, { recursive: true })
  const venvDir = path.join(root, 'venv')
  const env = runEnvironment({
    base: ctx.deps.baseEnv,
    user: { ...ctx.plan.env, ...candidate.env },
    venvDir,
    kerasHome,
    tempDir: ctx.work.temp,
    pycachePrefix: bytecodePrefix(cacheDirs(ctx.deps.baseEnv).pycache, ctx.work)
  })
  const interpreter = ctx.interpreter?.executable || ctx.config.python
  const venv = await installed.installer.createVenv({
    interpreter,
    dir: venvDir,
    seedWheel: ctx.interpreter?.seedWheel ?? '',
    env
  })
  if (!venv.ok) return { venv }
  const install = await installed.installer.install({
    ...baseInstall(p, env),
    python: venv.python,
    files,
    timeoutMs: remaining(p, INSTALL_TIMEOUT_MS),
    onOutput: chunk => ctx.deps.log.untrusted(chunk)
  })
  if (!install.ok) return { venv, install }
  ctx.deps.onInstalled?.(installedPackages(venv.python))
  const probe = await runProbe(ctx.deps.runner, {
    python: venv.python,
    scratchDir: ctx.work.temp,
    workingDirectory: installed.cwd,
    smokeImports: ctx.config.smokeImports,
    env,
    timeoutMs: remaining(p, ctx.config.timeoutMinutes * 60_000),
    onOutput: chunk => ctx.deps.log.untrusted(chunk)
  })
  const pipCheck = await installed.installer.check(venv.python, env)
  return { venv, install, probe, pipCheck, env }
}

/** What the install and smoke test of a plan showed, in the words of the label. */
async function smokeTest(p: Proving, candidate: PlanCandidate, files: string[], n: number): Promise<PlanVerification> {
  const { ctx } = p
  const ran = await installAndProbe(p, candidate, files, n)
  const python = ctx.interpreter?.markers.python_version ?? ''
  if (!ran.venv.ok)
    return verdict(p, 'not-verified', 'resolve', `resolves, but no fresh venv could be made: ${ran.venv.error}`)
  if (!ran.install?.ok)
    return verdict(p, 'failed', 'smoke-test', 'resolves, but the install fails', ran.install?.error?.excerpt)
  const findings = diagnose({
    requirements: withEdits(ctx.declared, candidate.edits, ctx.deps.pathBase),
    pathBase: ctx.deps.pathBase,
    install: ran.install,
    probe: ran.probe,
    pipCheck: ran.pipCheck ?? [],
    probeEnv: ran.env ?? {},
    timeoutMinutes: ctx.config.timeoutMinutes,
    python: ctx.interpreter?.markers.python_full_version
  })
  const error = findings.find(f => f.severity === 'error')
  if (ran.probe?.completed && !error)
    return verdict(
      p,
      'verified',
      'smoke-test',
      `installs and passes the smoke test on Python ${python} (${p.installed.installer.name}, ${seconds(p)} s)`
    )
  const why = error ? `${error.id}: ${error.title}` : 'the probe did not run to its end'
  return verdict(
    p,
    'failed',
    'smoke-test',
    `installs on Python ${python}, but the smoke test fails (${why})`,
    error?.evidence || ran.probe?.log
  )
}

/** One candidate: its dry run, then (verify-fix: install) its smoke test. */
async function attempt(p: Proving, candidate: PlanCandidate, n: number): Promise<PlanVerification> {
  const { installer } = p.installed
  const files = planFiles(p, candidate, n)
  if (typeof files === 'string')
    return verdict(p, 'not-verified', 'none', `the edited copy could not be made: ${files}`)
  p.tried++
  const env = { ...p.installed.env, ...candidate.env }
  const how = `${installer.name} ${installer.version} dry run`
  const resolved = await installer.resolve({
    ...baseInstall(p, env),
    python: p.installed.venv.python,
    files,
    timeoutMs: remaining(p, RESOLVE_TIMEOUT_MS)
  })
  if (!resolved.ok) return verdict(p, 'failed', 'resolve', `does not resolve (${how})`, resolved.error?.excerpt)
  if (p.ctx.config.verifyFix === 'resolve') return verdict(p, 'verified', 'resolve', `resolves (${how})`)
  p.installs++
  return smokeTest(p, candidate, files, n)
}

/** When no candidate passed: the one that got furthest (resolved, then failed its smoke test) speaks for all. */
function furthest(p: Proving, attempts: Attempt[], candidates: PlanCandidate[]): Attempt {
  const smoked = attempts.find(a => a.verification.proof === 'smoke-test' || a.verification.status === 'not-verified')
  if (smoked) return smoked
  const first = attempts[0]
  if (!first) {
    const why = Date.now() > p.deadline ? 'the time limit of the proof ran out' : 'no candidate could be resolved here'
    return { candidate: candidates[0], verification: unproven(why, p.tried, seconds(p)) }
  }
  const detail = p.tried > 1 ? `none of the ${p.tried} best plans resolves` : first.verification.detail
  return { candidate: first.candidate, verification: { ...first.verification, detail, tried: p.tried } }
}

/**
 * Proves the best candidates for real, best first: each resolved (same installer, same Python and platform, in an
 * edited copy) until one resolves; with verify-fix: install, that one is installed into a fresh venv and the smoke
 * probe run on it. Bounded in candidates, installs and time.
 */
export async function prove(ctx: RunContext, installed: Installed, candidates: PlanCandidate[]): Promise<Attempt> {
  const started = Date.now()
  const p: Proving = { ctx, installed, started, deadline: started + PLAN_PROOF_TIMEOUT_MS, tried: 0, installs: 0 }
  const python = ctx.interpreter?.markers.python_version
  const attempts: Attempt[] = []
  for (const [i, candidate] of candidates.entries()) {
    if (p.tried >= MAX_RESOLVES || p.installs >= MAX_INSTALLS || Date.now() > p.deadline) break
    if (candidate.python !== python) {
      const why = `needs Python ${candidate.python}, and this run has Python ${python}: nothing was resolved for it`
      if (attempts.length === 0) attempts.push({ candidate, verification: unproven(why, p.tried, seconds(p)) })
      continue
    }
    ctx.deps.log.untrusted(`Fix plan ${i + 1}: ${candidate.summary.replace(/`/g, '')}\n`)
    const verification = await attempt(p, candidate, i + 1)
    if (verification.status === 'verified') return { candidate, verification }
    attempts.push({ candidate, verification })
  }
  return furthest(p, attempts, candidates)
}
