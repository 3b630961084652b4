import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { FINDING_IDS } from '../../src/core/ids.js'

const doc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8')

describe('docs/findings.md', () => {
  it('has one section per finding id, and none for ids that do not exist', () => {
    const sections = [...doc.matchAll(/^## (\S+)$/gm)].map(m => m[1])
    expect([...sections].sort()).toEqual([...FINDING_IDS].sort())
  })
})
