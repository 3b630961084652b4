// The curated platform rules for packages outside the release history, and the markers a fix writes.
import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { readFileSync } from 'node:fs'
import { platformOnly } from '../../src/knowledge/platform-only.js'
import { markerFor } from '../../src/preflight/rules/platforms.js'
import { markerEnvironmentFor, WHEEL_PLATFORMS } from '../../src/knowledge/platform-env.js'
import { evaluateMarker } from '../../src/requirements/markers.js'
import { type WheelPlatform } from '../../src/knowledge/index-types.js'

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../knowledge/${name}`, import.meta.url), 'utf8'))

describe('knowledge/platform-only.json', () => {
  it('follows its schema', () => {
    const validate = new Ajv({ allErrors: true }).compile(read('platform-only.schema.json'))
    expect(validate(read('platform-only.json')) ? [] : validate.errors).toEqual([])
  })
  it.each([
    ['nvidia-nccl-cu12', ['macos-x86_64', 'macos-arm64', 'windows-x86_64']],
    ['nvidia_cublas_cu12', ['macos-x86_64', 'macos-arm64']],
    ['nvidia-cudnn-cu11', ['macos-x86_64', 'macos-arm64']],
    ['nvidia-ml-py', undefined],
    ['tensorflow', undefined]
  ])('%s has no wheels on %j', (name, none) => {
    expect(platformOnly(name)?.noWheels).toEqual(none)
  })
})

describe('the marker that keeps a line to its platforms', () => {
  const cases: WheelPlatform[][] = [
    ['macos-arm64'],
    ['windows-x86_64'],
    ['linux-x86_64', 'linux-aarch64', 'macos-x86_64', 'macos-arm64'],
    ['linux-x86_64', 'macos-x86_64', 'windows-x86_64'],
    ['linux-aarch64', 'macos-arm64']
  ]
  it.each(cases)('is true exactly on %j', (...platforms) => {
    const marker = markerFor(platforms)
    for (const p of WHEEL_PLATFORMS)
      expect({ p, holds: evaluateMarker(marker, markerEnvironmentFor(p, '3.11.7')) }).toEqual({
        p,
        holds: platforms.includes(p)
      })
  })
})
