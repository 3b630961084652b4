import { type PhysicalLine } from './py-text.js'
import { type LogicalLine } from './lines.js'

/**
 * A conda environment saved where a pip requirements file belongs: `conda list --export` (`numpy=1.26.4=py311h…`
 * under a `# platform: linux-64` header), `conda env export` (YAML: name, channels, dependencies) or the `conda list`
 * table. pip rejects every line of it; one finding that says what the file is helps more than one per line.
 */
export interface CondaExport {
  /** The first line that shows it (the header, or the first conda line). */
  line: number
  form: 'conda list --export' | 'conda env export' | 'conda list'
  /** Lines pip would reject. */
  count: number
  example: string
}

const HEADER = /^#\s*(platform:\s*(linux|osx|win|noarch)-\w+|\$?\s*conda create\b|packages in environment at\b)/i
const TABLE_HEADER = /^#\s*Name\s+Version\s+Build\b/i
// name=version[=build]: a single `=` is no pip operator, so pip rejects every such line.
const EXPORT_LINE = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*=[^=\s]+(=[^=\s]+)?$/
const TRIPLE = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*=[^=\s]+=[^=\s]+$/
const YAML_KEY = /^(name|channels|dependencies|prefix|variables):(\s|$)/
const YAML_ITEM = /^-\s+\S/
const TABLE_ROW = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*\s+\d[^\s]*\s+\S+(\s+\S+)?$/

type Form = CondaExport['form']

function formOf(text: string): Form | undefined {
  if (EXPORT_LINE.test(text)) return 'conda list --export'
  if (YAML_KEY.test(text) || YAML_ITEM.test(text)) return 'conda env export'
  if (TABLE_ROW.test(text)) return 'conda list'
  return undefined
}

export function condaExport(physical: PhysicalLine[], lines: LogicalLine[]): CondaExport | undefined {
  if (lines.length === 0) return undefined
  const header = physical.findIndex(p => HEADER.test(p.text.trim()) || TABLE_HEADER.test(p.text.trim()))
  const yaml = lines.some(l => /^dependencies:/.test(l.text)) && lines.some(l => /^(channels|name):/.test(l.text))
  const forms = lines.map(l => formOf(l.text))
  const conda = forms.filter(f => f !== undefined).length
  const triples = lines.filter(l => TRIPLE.test(l.text)).length
  const marked = header >= 0 || yaml
  const isExport = marked ? conda * 2 >= lines.length : lines.length >= 2 && triples * 5 >= lines.length * 4
  if (!isExport) return undefined
  const first = lines[forms.findIndex(f => f !== undefined)] ?? lines[0]
  const counts = new Map<Form, number>()
  for (const f of forms) if (f) counts.set(f, (counts.get(f) ?? 0) + 1)
  const form = yaml ? 'conda env export' : ([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'conda list --export')
  return { line: header >= 0 ? header + 1 : first.line, form, count: lines.length, example: first.text }
}
