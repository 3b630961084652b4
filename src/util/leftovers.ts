import { readdirSync, readFileSync } from 'node:fs'

/** Pids of the processes whose arguments (from /proc, so Linux only) satisfy `match`; never this process. */
export function processesWhere(match: (args: string[]) => boolean, proc = '/proc'): number[] {
  if (process.platform !== 'linux') return []
  const pids: number[] = []
  for (const entry of listing(proc)) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      if (match(readFileSync(`${proc}/${entry}/cmdline`, 'utf8').split('\0'))) pids.push(Number(entry))
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids
}

/**
 * Kills the processes whose command line names `dir`: an installer or probe that a killed main step left running
 * (they run in their own process groups, so the runner's kill of the step does not reach them). Each names the venv
 * in its arguments. Linux only (/proc); elsewhere the runner's own end-of-job cleanup stops them. Returns their pids.
 */
export function killProcessesUsing(dir: string, proc = '/proc'): number[] {
  if (!dir) return []
  // The folder itself or a path inside it: a sibling whose name merely starts the same is not ours.
  const pids = processesWhere(args => args.some(a => a === dir || a.includes(`${dir}/`)), proc)
  return pids.filter(pid => {
    try {
      process.kill(pid, 'SIGKILL')
      return true
    } catch {
      return false // gone, or not ours to kill
    }
  })
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
