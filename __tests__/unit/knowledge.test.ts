import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { KNOWLEDGE } from '../../src/knowledge/index.js'
import { parseRange } from '../../src/versions/range.js'

const schema = JSON.parse(readFileSync(new URL('../../knowledge/schema.json', import.meta.url), 'utf8'))

describe('knowledge/tensorflow.json', () => {
  it('matches its schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema)
    const ok = validate(KNOWLEDGE)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('covers TensorFlow 2.10 to 2.21: a curated row and released versions for each minor', () => {
    const minors = Array.from({ length: 12 }, (_, i) => `2.${10 + i}`)
    expect(KNOWLEDGE.tensorflow.minors.map(m => m.minor)).toEqual(expect.arrayContaining(minors))
    for (const minor of minors) expect(KNOWLEDGE.tensorflow.releases.some(r => r.minor === minor)).toBe(true)
  })

  it('has a source behind every row, and every named source exists', () => {
    const named = new Set(Object.keys(KNOWLEDGE.sources))
    for (const m of KNOWLEDGE.tensorflow.minors) for (const s of m.sources) expect(named).toContain(s)
    for (const c of KNOWLEDGE.companions) expect(named).toContain(c.source.split(/[;( ]/)[0])
  })

  it('writes every range so the rules can read it', () => {
    const specs = [
      ...KNOWLEDGE.tensorflow.releases.flatMap(r => Object.values(r.requires)),
      ...KNOWLEDGE.companions.flatMap(c => [c.versions, c.tensorflow]),
      ...KNOWLEDGE.tfKeras.map(t => t.tensorflow)
    ]
    for (const spec of specs) expect([spec, parseRange(spec) !== undefined]).toEqual([spec, true])
  })
})
