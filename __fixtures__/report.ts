// Builds reports and probe results for renderer and diagnosis tests; each test states what it changes.
import { type Finding } from '../src/core/finding.js'
import { type StepRecord } from '../src/probe/contract.js'
import { type ProbeResult } from '../src/probe/run.js'
import { type Report } from '../src/report/model.js'

export function step(
  name: string,
  status: StepRecord['status'],
  data: Record<string, unknown> = {},
  extra: Partial<StepRecord> = {}
): StepRecord {
  return { step: name, status, seconds: 0.5, data, ...extra }
}

export function probeResult(steps: StepRecord[], overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    steps,
    completed: true,
    unfinishedStep: '',
    malformed: 0,
    exitCode: 0,
    signal: null,
    timedOut: false,
    seconds: 3,
    log: '',
    missing: [],
    ...overrides
  }
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'legacy-keras-missing',
    severity: 'error',
    title: 'TF_USE_LEGACY_KERAS is set but tf-keras is not installed',
    explanation: 'tf.keras raises ImportError.',
    fix: 'Add `tf-keras~=2.21.0` to your requirements.',
    locations: [{ file: 'requirements.txt', line: 1 }],
    evidence: 'ImportError: Keras cannot be imported. Check that it is installed.',
    ...overrides
  }
}

export function report(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'keras-compat', version: '0.1.0' },
    status: 'pass',
    mode: 'full',
    outcome: 'probed',
    override: '',
    startedAt: '2026-11-25T00:00:00.000Z',
    seconds: 30,
    workingDirectory: '/repo',
    requirementFiles: ['/repo/requirements.txt'],
    project: '',
    installer: {
      name: 'pip',
      version: '23.2.1',
      ok: true,
      command: ['python', '-m', 'pip', 'install'],
      log: 'Successfully installed keras-3.15.1'
    },
    environment: {
      python: '3.11.7',
      tensorflow: '2.21.0',
      keras: '3.15.1',
      tfKeras: 'keras3',
      packages: {
        numpy: '2.4.6',
        protobuf: '7.36.2',
        'ml-dtypes': '0.6.0',
        h5py: '3.14.0',
        setuptools: '65.5.0',
        'tf-keras': null
      }
    },
    stages: [{ name: 'install', seconds: 20, ok: true }],
    steps: [
      step('tensorflow.import', 'ok', { version: '2.21.0' }),
      step('tf.keras.attribute', 'ok', { kind: 'keras3', module: 'keras.src.layers.core.dense', version: '3.15.1' })
    ],
    probeLog: '',
    findings: [],
    runtime: { node: 'v20.20.2', maxRssMb: 80 },
    ...overrides
  }
}
