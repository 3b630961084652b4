// The failure signatures against the real libraries' texts (__fixtures__/signatures.json, captured with
// scripts/fixtures/signature-texts.py; __tests__/integration/signatures.test.ts makes the live ones again), and the
// fixes they write for each TensorFlow.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { type StepRecord } from '../../src/probe/contract.js'
import { matchSignature, SIGNATURES } from '../../src/diagnose/signatures.js'
import { failingPb2Package } from '../../src/diagnose/signatures-platform.js'

const captured = JSON.parse(readFileSync(new URL('../../__fixtures__/signatures.json', import.meta.url), 'utf8')) as {
  cases: Record<string, { expect: string; text: string }>
}

/** A failed step whose error is the text as the probe (or a smoke command's output) carries it. */
function failed(text: string, step = 'smoke-command'): StepRecord {
  const last =
    text
      .trim()
      .split('\n')
      .reverse()
      .find(l => /^[\w.]+(Error|Exception): /.test(l)) ?? ''
  const [type, ...message] = last.split(': ')
  return {
    step,
    status: 'error',
    seconds: 1,
    data: {},
    error: { type, module: '', message: message.join(': '), traceback: text }
  }
}

const ctx = (tensorflow: string, text = '', versions: Record<string, string | null> = {}) => ({
  versions,
  tensorflow,
  log: '',
  text
})
const sig = (name: string) => {
  const found = matchSignature(failed(captured.cases[name].text), '')
  if (!found) throw new Error(`no signature for ${name}`)
  return found
}

describe('signatures on the real texts', () => {
  it.each(Object.entries(captured.cases).map(([name, c]) => [name, c.expect, c.text]))('%s is %s', (_, id, text) => {
    expect(matchSignature(failed(text), '')?.id).toBe(id)
  })

  it("a text that also holds another class's words goes to the more specific class", () => {
    // transformers' ValueError chains the ModuleNotFoundError for tf_keras, which alone means a companion lacks it.
    const text = captured.cases.transformers.text
    expect(SIGNATURES.filter(s => s.pattern.test(text)).map(s => s.id)).toEqual([
      'transformers-keras3',
      'companion-incompatible'
    ])
  })
})

describe('protobuf fixes, by what TensorFlow itself needs', () => {
  const pb2 =
    '  File "/venv/lib/python3.11/site-packages/oldproto/msgs_pb2.py", line 20, in <module>\n' +
    captured.cases['protobuf-too-new'].text

  it('TensorFlow 2.21 needs protobuf >=6.31.1: no pin, regenerate the named package', () => {
    const fix = sig('protobuf-too-new').fix(ctx('2.21.0', pb2))
    expect(fix.requirement).toBeUndefined()
    expect(fix.text).toMatch(
      /no pin can bring back the old runtime: regenerate the out-of-date `_pb2.py` modules \(in oldproto\)/
    )
    expect(failingPb2Package(pb2)).toBe('oldproto')
  })

  it('TensorFlow 2.15 allows protobuf 3.20: pin below 3.21', () => {
    expect(sig('protobuf-too-new').fix(ctx('2.15.1', pb2)).requirement).toEqual({
      name: 'protobuf',
      specifier: '<3.21'
    })
  })

  it("TensorFlow 2.10 caps protobuf below 3.20: TensorFlow's range is the pin", () => {
    expect(sig('protobuf-too-new').fix(ctx('2.10.1', pb2)).requirement).toEqual({
      name: 'protobuf',
      specifier: '>=3.9.2,<3.20'
    })
  })

  it("too old for new generated code: TensorFlow's range (which starts at 3.20.3 or later)", () => {
    expect(sig('protobuf-too-old').fix(ctx('2.21.0')).requirement?.specifier).toMatch(/^>=6\.31\.1/)
    expect(sig('protobuf-too-old').fix(ctx('2.10.1')).text).toMatch(/does not allow: upgrade TensorFlow/)
  })
})

describe('Keras 3 fixes', () => {
  it('on TensorFlow 2.16+, keep Keras 2 with the tf-keras of the same minor, or port', () => {
    const fix = sig('legacy-optimizer').fix(ctx('2.21.0'))
    expect(fix.requirement).toEqual({ name: 'tf-keras', specifier: '~=2.21.0' })
    expect(fix.text).toMatch(/TF_USE_LEGACY_KERAS=1.*keras\.optimizers\.Adam/)
  })

  it('with tf-keras already installed, only the variable is missing; on TensorFlow 2.15, only porting is offered', () => {
    expect(sig('keras-tensor').fix(ctx('2.21.0', '', { 'tf-keras': '2.21.0' }))).toEqual({
      text: expect.stringMatching(/tf-keras is installed, so set TF_USE_LEGACY_KERAS=1/)
    })
    expect(sig('keras-tensor').fix(ctx('2.15.1')).requirement).toBeUndefined()
  })
})
