// docs/report.schema.json compiled once: the unit tests check it against the code's own types and captured
// reports, and every integration run checks its real report and outputs with it.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/report.schema.json')
export const REPORT_SCHEMA = JSON.parse(readFileSync(file, 'utf8')) as {
  $id: string
  $defs: Record<string, { enum?: string[] }>
}

const ajv = new Ajv2020({ allErrors: true, strict: true })
// RFC 3339 date-time, as JavaScript's toISOString writes it.
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/)
ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/)
ajv.addSchema(REPORT_SCHEMA)

const validators = {
  report: ajv.getSchema(REPORT_SCHEMA.$id)!,
  findings: ajv.compile({ $ref: `${REPORT_SCHEMA.$id}#/$defs/findingsOutput` }),
  matrix: ajv.compile({ $ref: `${REPORT_SCHEMA.$id}#/$defs/matrixOutput` }),
  tensorflowMatrix: ajv.compile({ $ref: `${REPORT_SCHEMA.$id}#/$defs/tensorflowMatrix` })
}

/** The schema's complaints about a value ([] when it is valid): what is wrong, and where. */
export function schemaErrors(kind: keyof typeof validators, value: unknown): string[] {
  const validate = validators[kind]
  if (validate(value)) return []
  return (validate.errors ?? []).map(e => `${kind}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
}
