import { ProcessRunner } from '../util/process.js'
import { parsePipFailure } from './pip-errors.js'
import { InstallResult } from './types.js'

export interface InstallPlan {
  python: string
  /** Top-level requirement files; pip follows their own -r/-c includes and option lines. */
  files: string[]
  /** A project directory to install as a project (`pip install DIR`), or empty. */
  projectDir: string
  projectExtras: string[]
  extraPackages: string[]
  env: NodeJS.ProcessEnv
  cwd: string
  timeoutMs: number
  onOutput?: (chunk: string) => void
}

/** pip arguments: no prompts, no progress bars, and no bytecode compilation (half of pip's time for TensorFlow). */
export function pipInstallArgs(
  plan: Pick<InstallPlan, 'files' | 'projectDir' | 'projectExtras' | 'extraPackages'>
): string[] {
  const args = [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--no-compile',
    '--progress-bar',
    'off'
  ]
  for (const file of plan.files) args.push('-r', file)
  if (plan.projectDir)
    args.push(plan.projectExtras.length > 0 ? `${plan.projectDir}[${plan.projectExtras.join(',')}]` : plan.projectDir)
  args.push(...plan.extraPackages)
  return args
}

export async function pipInstall(runner: ProcessRunner, plan: InstallPlan): Promise<InstallResult> {
  const args = pipInstallArgs(plan)
  const result = await runner.run(plan.python, args, {
    cwd: plan.cwd,
    env: plan.env,
    timeoutMs: plan.timeoutMs,
    onOutput: plan.onOutput
  })
  const log = result.stdout + result.stderr
  const command = [plan.python, ...args]
  if (result.exitCode === 0) return { ok: true, seconds: result.seconds, command, log }
  const error = parsePipFailure(log)
  if (result.timedOut)
    error.excerpt = `pip did not finish within ${Math.round(plan.timeoutMs / 60_000)} minutes.\n${error.excerpt}`
  else if (result.signal) error.excerpt = `pip was killed by ${result.signal}.\n${error.excerpt}`
  return { ok: false, seconds: result.seconds, command, log, error }
}

/** Parses `pip check` output: one line per broken dependency ("x 1.0 has requirement y<2, but you have y 2.1."). */
export function parsePipCheck(output: string): string[] {
  return output
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l =>
      /has requirement|requires .*(which is not installed|but you have)|is not supported on this platform/.test(l)
    )
}
