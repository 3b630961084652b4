// Turns a constraints file into configuration that both installers read on their own: a user pip.conf
// (`constraint = ...`) and a user uv.toml (`constraint-dependencies`), in a folder to use as XDG_CONFIG_HOME.
// keras-compat passes XDG_CONFIG_HOME to the installers (it is on its allow-list), so every install the integration
// tests make is capped. Constraint files the machine's pip configuration already names are kept in both.
//
//   node scripts/test-constraints.mjs OUT_DIR [CONSTRAINTS_FILE]   → prints XDG_CONFIG_HOME=OUT_DIR
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const [out, file = path.join(import.meta.dirname, '..', '__tests__', 'integration', 'constraints.txt')] =
  process.argv.slice(2)
if (!out) {
  console.error('usage: node scripts/test-constraints.mjs OUT_DIR [CONSTRAINTS_FILE]')
  process.exit(2)
}

/** The requirement lines of a constraints file: comments, blank lines and options left out. */
function constraintLines(text) {
  return text
    .split(/\r?\n/)
    .map(line => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(line => line !== '' && !line.startsWith('-'))
}

/** Constraint files the machine's own pip configuration names (global and user files, and PIP_CONSTRAINT). */
function machineConstraints() {
  const dirs = (process.env.XDG_CONFIG_DIRS || '/etc/xdg').split(':')
  const home = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config')
  const configs = [
    ...dirs.map(d => path.join(d, 'pip', 'pip.conf')),
    '/etc/pip.conf',
    path.join(home, 'pip', 'pip.conf')
  ]
  const found = configs
    .filter(f => existsSync(f))
    .flatMap(f =>
      [...readFileSync(f, 'utf8').matchAll(/^\s*constraints?\s*[=:]\s*(.+)$/gm)].flatMap(m => m[1].split(/\s+/))
    )
  return [...found, ...(process.env.PIP_CONSTRAINT ?? '').split(/\s+/)].filter(f => f && existsSync(f))
}

const files = [path.resolve(file), ...machineConstraints()]
const lines = [...new Set(files.flatMap(f => constraintLines(readFileSync(f, 'utf8'))))]
mkdirSync(path.join(out, 'pip'), { recursive: true })
mkdirSync(path.join(out, 'uv'), { recursive: true })
writeFileSync(path.join(out, 'pip', 'pip.conf'), `[global]\nconstraint = ${files.join(' ')}\n`)
writeFileSync(
  path.join(out, 'uv', 'uv.toml'),
  `constraint-dependencies = [\n${lines.map(l => `  ${JSON.stringify(l)},`).join('\n')}\n]\n`
)
console.log(`XDG_CONFIG_HOME=${path.resolve(out)}`)
