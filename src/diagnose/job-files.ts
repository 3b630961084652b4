import { type Finding } from '../core/finding.js'

/** What the action found changed in the step's workflow command files (and put back). */
export interface JobFileChange {
  variable: string
  added: string
}

/** The finding for workflow command files written by the code under test: always an error, the files restored. */
export function jobFilesTampered(changes: JobFileChange[]): Finding {
  const names = changes.map(c => c.variable).join(', ')
  return {
    id: 'job-files-tampered',
    severity: 'error',
    title: `Code run by the check wrote to this step's ${names}`,
    explanation:
      'A build backend, a package the probe imported, or a smoke import wrote into the workflow command files of ' +
      'this step, whose names it was never given. keras-compat put the files back as they were before any of that ' +
      'code ran, so none of it reaches the job.',
    fix: 'Find the package in the install and probe logs (the evidence shows what it wrote) and stop depending on it.',
    locations: [],
    evidence: changes.map(c => `${c.variable}:\n${c.added}`).join('\n\n'),
    stage: 'probe'
  }
}
