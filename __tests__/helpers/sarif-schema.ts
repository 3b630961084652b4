// The official SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json, as @microsoft/jest-sarif ships it), compiled once. It is
// written for JSON Schema draft-04; the only draft-04 keyword it uses is the root `id`, so it is given to Ajv's
// draft-07 validator with that one renamed to `$id`. Formats are checked: date-time as RFC 3339, uri by the WHATWG
// URL parser, uri-reference as any string.
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
export const SARIF_SCHEMA_ID = String(schema.id)
// Ajv knows no draft-04 meta-schema: the schema is compiled without it, its root `id` given as `$id`.
const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'id' && key !== '$schema'))

// Its `language` pattern (`…[a-zA-Z]{2}]?$`) is not valid as a Unicode regular expression: patterns run without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/)
ajv.addFormat('uri', (value: string) => URL.canParse(value))
ajv.addFormat('uri-reference', () => true)
const validate = ajv.compile({ $id: SARIF_SCHEMA_ID, ...rest })

/** The schema's complaints about a SARIF log ([] when valid), each with where in the log. */
export function sarifErrors(log: unknown): string[] {
  if (validate(log)) return []
  return (validate.errors ?? []).map(e => `sarif${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
}
