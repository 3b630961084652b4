import { type FixPlan } from '../../fixplan/types.js'
import { escapeBlock, escapeLine, inlineHtml, tail } from './escape.js'

const MARK = { verified: '✅', failed: '❌', 'not-verified': '⚠️' } as const
const EVIDENCE_BUDGET = 6_000
// The patch of a plan is a few lines; a hostile file with thousands of changed lines still gets a bounded summary.
const PATCH_BUDGET = 20_000

/** What was proven, in the label's own words: "installs and passes …", "resolves (…)", "not verified: why". */
export function planLabel(plan: FixPlan): string {
  const v = plan.verification
  return v.status === 'not-verified' ? `not verified: ${v.detail}` : v.detail
}

/** What the plan asks beyond its line edits: another Python, variables to set. */
export function planExtras(plan: FixPlan, runPython: string): string[] {
  const out: string[] = []
  if (plan.python && runPython && !runPython.startsWith(`${plan.python}.`) && runPython !== plan.python)
    out.push(`Use Python ${plan.python} (this run used ${runPython}).`)
  for (const [k, v] of Object.entries(plan.env))
    out.push(`Set \`${k}=${v}\` wherever the code runs (and in the env input).`)
  out.push(...plan.patchNotes.map(n => `Not in the patch: ${n}.`))
  return out
}

const lineCount = (plan: FixPlan) => `${plan.edits.length} line${plan.edits.length === 1 ? '' : 's'}`

/** The summary's opening section: the plan as one diff, with its proof on top. Every value escaped. */
export function planSection(plan: FixPlan, runPython: string): string {
  if (!plan.found) return `<h3>Fix plan: none found</h3>\n<p>${inlineHtml(plan.summary)}</p>`
  const v = plan.verification
  const extras = planExtras(plan, runPython)
  return [
    `<h3>Fix plan: ${MARK[v.status]} ${escapeLine(planLabel(plan))}</h3>`,
    `<p>One change for every error together${plan.edits.length > 0 ? ` (${lineCount(plan)})` : ''}: ${inlineHtml(plan.summary)}.` +
      (plan.patch
        ? ' Apply it with <code>git apply</code> on the file the <code>fix-patch</code> output names, or <code>keras-compat --fix</code>.'
        : '') +
      '</p>',
    plan.patch ? `<pre lang="diff">${escapeBlock(tail(plan.patch, PATCH_BUDGET))}</pre>` : '',
    extras.length > 0 ? `<p>${extras.map(e => inlineHtml(e)).join('<br>')}</p>` : '',
    v.evidence
      ? `<details><summary>What the proof saw</summary>\n<pre>${escapeBlock(tail(v.evidence, EVIDENCE_BUDGET))}</pre>\n</details>`
      : ''
  ]
    .filter(Boolean)
    .join('\n')
}

/** The colours the terminal report uses (render/terminal.ts Style). */
interface Paint {
  bold(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
  dim(s: string): string
}

/** The plan for a terminal: the proof, the change, the diff coloured, what else to do, how to apply it. */
export function planTerminal(plan: FixPlan, style: Paint, runPython: string): string[] {
  if (!plan.found) return [`${style.bold('Fix plan')} none found: ${plan.summary.replace(/`/g, '')}`, '']
  const v = plan.verification
  const mark = v.status === 'verified' ? style.green('✓') : v.status === 'failed' ? style.red('✗') : style.yellow('!')
  const diff = plan.patch
    .replace(/\n$/, '')
    .split('\n')
    .map(l =>
      /^(\+\+\+|---|diff |@@)/.test(l)
        ? style.dim(l)
        : l.startsWith('+')
          ? style.green(l)
          : l.startsWith('-')
            ? style.red(l)
            : l
    )
  return [
    `${style.bold('Fix plan')} ${mark} ${planLabel(plan)}`,
    `  ${plan.summary.replace(/`/g, '')}`,
    ...(plan.patch ? diff.map(l => `  ${l}`) : []),
    ...planExtras(plan, runPython).map(e => `  ${e.replace(/`/g, '')}`),
    style.dim('  apply: keras-compat DIR --fix (or --fix --dry-run for the patch)'),
    ''
  ]
}
