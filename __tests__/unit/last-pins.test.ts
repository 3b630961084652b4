// The last resolution kept between runs (the early install's pins): what is read back, what is kept, and the key.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { type Resolution } from '../../src/install/types.js'
import { lastPins, pinsKey, readPins } from '../../src/pipeline/last-pins.js'
import { scratchDir } from '../helpers/scratch.js'

const UV_OUTPUT = 'absl-py==2.5.1\n    # via tensorflow-cpu\nkeras==3.15.1\n    # via -r requirements.txt\n\n'

function inputs(text: string, extraPackages: string[] = []) {
  const dir = scratchDir('pins-in')
  const file = path.join(dir, 'requirements.txt')
  writeFileSync(file, text)
  return { python: '3.11.7 linux x86_64', plan: { files: [file], extraPackages } }
}

const resolution = (pinned: string): Resolution => ({ ok: true, seconds: 0, command: [], log: '', pinned })

describe('readPins', () => {
  it("reads uv's compiled output: the pins, without its notes", () => {
    expect(readPins(UV_OUTPUT)).toEqual(['absl-py==2.5.1', 'keras==3.15.1'])
    expect(readPins('six==1.17.0\r\nidna==3.10\r\n')).toEqual(['six==1.17.0', 'idna==3.10'])
  })

  it.each([
    ['an installer option', '--index-url https://evil.example/simple\nsix==1.17.0\n'],
    ['an option on a pin', 'six==1.17.0 --hash=sha256:abc\n'],
    ['a direct reference', 'six @ https://example.org/six-1.17.0-py3-none-any.whl\n'],
    ['an editable', '-e ./local\n'],
    ['a range', 'six>=1.16\n'],
    ['a marker', 'six==1.17.0 ; python_version < "3.12"\n'],
    ['an include', '-r other.txt\nsix==1.17.0\n'],
    ['nothing at all', '# only a note\n\n']
  ])('refuses a file with %s', (_label, text) => {
    expect(readPins(text)).toBeUndefined()
  })
})

describe('pinsKey', () => {
  it('follows the content of the inputs, the extra packages and the interpreter, not the paths', () => {
    const a = inputs('six==1.17.0\n')
    const same = inputs('six==1.17.0\n')
    expect(a.plan.files[0]).not.toBe(same.plan.files[0])
    expect(pinsKey(same)).toBe(pinsKey(a))
    expect(pinsKey(inputs('six==1.16.0\n'))).not.toBe(pinsKey(a))
    expect(pinsKey(inputs('six==1.17.0\n', ['idna']))).not.toBe(pinsKey(a))
    expect(pinsKey({ ...a, python: '3.12.3 linux x86_64' })).not.toBe(pinsKey(a))
    const overrides = path.join(scratchDir('pins-over'), 'overrides.txt')
    writeFileSync(overrides, 'tensorflow-cpu==2.15.1\n')
    expect(pinsKey({ ...a, plan: { ...a.plan, overridesFile: overrides } })).not.toBe(pinsKey(a))
  })

  it('is undefined when an input cannot be read', () => {
    const a = inputs('six==1.17.0\n')
    expect(pinsKey({ ...a, plan: { ...a.plan, files: [path.join(scratchDir('pins-gone'), 'gone.txt')] } })).toBe(
      undefined
    )
  })
})

describe('lastPins', () => {
  it('keeps a resolution and gives the next run of the same inputs a checked copy of its pins', () => {
    const store = path.join(scratchDir('pins-store'), 'resolutions')
    const compiled = path.join(scratchDir('pins-run'), 'resolved.txt')
    writeFileSync(compiled, UV_OUTPUT)
    const first = lastPins(store, inputs('keras\n'), scratchDir('pins-work'))
    expect(first.file).toBeUndefined()
    first.save(resolution(compiled))
    expect(readdirSync(store)).toHaveLength(1)

    const work = scratchDir('pins-work')
    const next = lastPins(store, inputs('keras\n'), work)
    expect(next.file).toBe(path.join(work, 'last-pins.txt'))
    expect(readFileSync(next.file!, 'utf8')).toBe('absl-py==2.5.1\nkeras==3.15.1\n')
    expect(lastPins(store, inputs('keras==3.15.1\n'), scratchDir('pins-work')).file).toBeUndefined()
  })

  it('never gives back a stored file with more than pins, and never keeps a failed resolution', () => {
    const store = path.join(scratchDir('pins-store'), 'resolutions')
    const identity = inputs('six\n')
    const compiled = path.join(scratchDir('pins-run'), 'resolved.txt')
    writeFileSync(compiled, 'six==1.17.0\n')
    lastPins(store, identity, scratchDir('pins-work')).save({ ...resolution(compiled), ok: false })
    expect(existsSync(store)).toBe(false)
    lastPins(store, identity, scratchDir('pins-work')).save(resolution(compiled))
    const [stored] = readdirSync(store)
    writeFileSync(path.join(store, stored), '--extra-index-url https://evil.example/simple\nsix==1.17.0\n')
    expect(lastPins(store, identity, scratchDir('pins-work')).file).toBeUndefined()
  })
})
