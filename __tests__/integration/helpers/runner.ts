// Runs dist/index.js the way the GitHub runner does: INPUT_* variables (hyphens kept), defaults from action.yml,
// and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files under a fresh RUNNER_TEMP.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { schemaErrors } from '../../helpers/report-schema.js'
import { sarifErrors } from '../../helpers/sarif-schema.js'
import { scratchDir } from '../../helpers/scratch.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export interface ActionRun {
  exitCode: number | null
  outputs: Record<string, string>
  summary: string
  log: string
  state: Record<string, string>
  /**
   * What is left in RUNNER_TEMP after the step: only the JSON report may remain. The SARIF file the `sarif` output
   * names is the other file the step writes there on purpose; it is checked against the SARIF schema instead, and
   * not listed here.
   */
  leftInTemp: string[]
  runnerTemp: string
  /** The raw content of every command file the step had (GITHUB_OUTPUT, GITHUB_ENV, …), by variable name. */
  files: Record<string, string>
}

/** Reads the `name<<delimiter` file format that @actions/core writes for outputs and state. */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i])
    result[m[1]] = value.join('\n')
  }
  return result
}

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  return Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']))
}

export interface RunOptions {
  inputs?: Record<string, string>
  workspace?: string
  /** Called once the step is running, with its child process (to cancel it). */
  onSpawn?: (pid: number, runnerTemp: string, stateFile: string) => void
  script?: string
  /** Extra environment for the step (e.g. a broken index), on top of this process's. */
  env?: NodeJS.ProcessEnv
  /** An existing, empty folder to use as RUNNER_TEMP (e.g. a small tmpfs), instead of a fresh one. */
  runnerTemp?: string
  /** Where GITHUB_STEP_SUMMARY points, instead of a fresh empty file (e.g. a folder, which cannot be written). */
  summaryPath?: string
}

export function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const base = scratchDir('action')
  const runnerTemp = options.runnerTemp ?? path.join(base, 'temp')
  mkdirSync(runnerTemp, { recursive: true })
  const files = {
    output: path.join(base, 'output'),
    summary: options.summaryPath ?? path.join(base, 'summary'),
    state: path.join(base, 'state'),
    env: path.join(base, 'env'),
    path: path.join(base, 'path')
  }
  for (const f of Object.values(files)) if (!existsSync(f)) writeFileSync(f, '')
  const inputs = { ...actionDefaults(), ...options.inputs }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace ?? ROOT,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, options.script ?? 'dist/index.js')], {
      env,
      cwd: env.GITHUB_WORKSPACE
    })
    let log = ''
    child.stdout.on('data', d => (log += d))
    child.stderr.on('data', d => (log += d))
    if (child.pid) options.onSpawn?.(child.pid, runnerTemp, files.state)
    child.on('close', code => {
      const outputs = parseCommandFile(readFileSync(files.output, 'utf8'))
      try {
        checkAgainstSchema(outputs)
      } catch (error) {
        reject(error)
        return
      }
      resolve({
        exitCode: code,
        outputs,
        summary: statSync(files.summary).isFile() ? readFileSync(files.summary, 'utf8') : '',
        log,
        state: parseCommandFile(readFileSync(files.state, 'utf8')),
        leftInTemp: readdirSync(runnerTemp).filter(f => !outputs.sarif || path.join(runnerTemp, f) !== outputs.sarif),
        runnerTemp,
        files: {
          GITHUB_OUTPUT: readFileSync(files.output, 'utf8'),
          GITHUB_STEP_SUMMARY: statSync(files.summary).isFile() ? readFileSync(files.summary, 'utf8') : '',
          GITHUB_STATE: readFileSync(files.state, 'utf8'),
          GITHUB_ENV: readFileSync(files.env, 'utf8'),
          GITHUB_PATH: readFileSync(files.path, 'utf8')
        }
      })
    })
  })
}

/**
 * Every report and JSON output a run produces must match docs/report.schema.json: a mismatch fails the test that
 * made the run, naming what is wrong.
 */
export function checkAgainstSchema(outputs: Record<string, string>): void {
  const problems: string[] = []
  if (outputs.report && existsSync(outputs.report))
    problems.push(...schemaErrors('report', JSON.parse(readFileSync(outputs.report, 'utf8'))))
  if (outputs.findings) problems.push(...schemaErrors('findings', JSON.parse(outputs.findings)))
  if (outputs.matrix) problems.push(...schemaErrors('matrix', JSON.parse(outputs.matrix)))
  problems.push(...fixPatchProblems(outputs))
  if (outputs['tensorflow-matrix'])
    problems.push(...schemaErrors('tensorflowMatrix', JSON.parse(outputs['tensorflow-matrix'])))
  if (problems.length > 0)
    throw new Error(`The run's report does not match docs/report.schema.json:\n${problems.join('\n')}`)
  // Every run that wrote a report wrote its SARIF too, and it must be valid SARIF 2.1.0 (the official schema).
  if (outputs.report && !outputs.sarif) throw new Error('The run wrote a report but set no sarif output.')
  if (outputs.sarif) {
    const sarif = sarifErrors(JSON.parse(readFileSync(outputs.sarif, 'utf8')))
    if (sarif.length > 0) throw new Error(`The run's SARIF is not valid SARIF 2.1.0:\n${sarif.join('\n')}`)
  }
}

/** The fix-patch output names a file that holds exactly the report's plan patch (docs/report.schema.json). */
function fixPatchProblems(outputs: Record<string, string>): string[] {
  if (!outputs['fix-patch']) return []
  const report = JSON.parse(readFileSync(outputs.report, 'utf8')) as {
    kind?: string
    fixPlan?: { patch: string }
    newestPlan?: { patch: string }
  }
  const plan = report.kind === 'matrix' ? report.newestPlan : report.fixPlan
  return readFileSync(outputs['fix-patch'], 'utf8') === plan?.patch
    ? []
    : [`fix-patch: ${outputs['fix-patch']} does not hold the report's plan patch`]
}

/** A throwaway repository with the given requirements.txt. */
export function repoWith(requirements: string): string {
  const dir = scratchDir('repo')
  writeFileSync(path.join(dir, 'requirements.txt'), requirements)
  return dir
}

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {}
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', exitCode => resolve({ exitCode, stdout, stderr }))
  })
}
