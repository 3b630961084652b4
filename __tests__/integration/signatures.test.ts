// The live twin of __fixtures__/signatures.json: each failure class made again by the real library in a real venv
// (scripts/fixtures/signature-texts.py), and classified as the probe and the smoke command classify it.
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import * as path from 'node:path'
import { matchSignature } from '../../src/diagnose/signatures.js'
import { type StepRecord } from '../../src/probe/contract.js'
import { ROOT } from './helpers/runner.js'
import { runIn, venvWith } from './helpers/venv.js'

jest.setTimeout(30 * 60_000)

const SCRIPT = path.join(ROOT, 'scripts/fixtures/signature-texts.py')
const VENVS: Record<string, string[]> = {
  protobuf4: ['protobuf==4.25.9'],
  protobuf3: ['protobuf==3.19.6'],
  keras3: ['tensorflow-cpu==2.21.0', 'keras==3.15.1'],
  keras312: ['tensorflow-cpu==2.21.0', 'keras==3.12.0'],
  transformers: ['tensorflow-cpu==2.21.0', 'keras==3.15.1', 'transformers<5']
}
const python: Record<string, string> = {}

beforeAll(async () => {
  // One after another: each install is quick from the shared cache, and the machine's cores are shared.
  for (const [name, packages] of Object.entries(VENVS)) python[name] = await venvWith(packages)
})

function asStep(text: string): StepRecord {
  return {
    step: 'smoke-command',
    status: 'error',
    seconds: 1,
    data: {},
    error: { type: 'SmokeCommandFailed', module: 'keras-compat', message: 'exited with code 1', traceback: text }
  }
}

describe('failure signatures on texts the libraries print now', () => {
  it.each([
    ['protobuf4', 'protobuf-too-new', [], 'protobuf-runtime', /Descriptors cannot be created directly/],
    ['protobuf3', 'protobuf-too-old', [], 'protobuf-runtime', /cannot import name 'builder'/],
    ['keras3', 'legacy-optimizer', [], 'keras-legacy-optimizer', /is not supported in Keras 3/],
    ['keras3', 'keras-tensor', [], 'keras-tensor-in-tf-function', /A KerasTensor cannot be used/],
    ['keras3', 'keras-engine', [], 'keras-private-module', /No module named 'keras\.engine'/],
    ['keras3', 'keras-src-engine', [], 'keras-private-module', /No module named 'keras\.src\.engine'/],
    [
      'keras3',
      'savedmodel-keras3',
      [path.join(ROOT, '__fixtures__/models/k2-savedmodel')],
      'model-savedmodel-keras3',
      /File format not supported/
    ],
    ['keras312', 'save-spec', [], 'keras3-conversion', /'Sequential' object has no attribute '_get_save_spec'/],
    ['transformers', 'transformers', [], 'transformers-keras3', /Keras 3, but this is not yet supported/]
  ] as [string, string, string[], string, RegExp][])('%s: %s is %s', async (venv, kase, args, id, words) => {
    const text = await runIn(python[venv], [SCRIPT, kase, ...args])
    expect(text).toMatch(words)
    expect(matchSignature(asStep(text), '')?.id).toBe(id)
  })
})
