import { readdirSync, readFileSync } from 'node:fs'

/**
 * Kills the processes whose command line names `dir`: an installer or probe that a killed main step left running
 * (they run in their own process groups, so the runner's kill of the step does not reach them). Each names the venv
 * in its arguments. Linux only (/proc); elsewhere the runner's own end-of-job cleanup stops them. Returns their pids.
 */
export function killProcessesUsing(dir: string, proc = '/proc'): number[] {
  if (process.platform !== 'linux' || !dir) return []
  const killed: number[] = []
  for (const entry of listing(proc)) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const args = readFileSync(`${proc}/${entry}/cmdline`, 'utf8').split('\0')
      // The folder itself or a path inside it: a sibling whose name merely starts the same is not ours.
      if (!args.some(a => a === dir || a.includes(`${dir}/`))) continue
      process.kill(Number(entry), 'SIGKILL')
      killed.push(Number(entry))
    } catch {
      // Gone, or not ours to kill.
    }
  }
  return killed
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
