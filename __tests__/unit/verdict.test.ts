import { describe, expect, it } from '@jest/globals'
import { type Finding } from '../../src/core/finding.js'
import { failsAt, statusOf } from '../../src/report/verdict.js'

const finding = (severity: Finding['severity']): Finding => ({
  id: 'import-failed',
  severity,
  title: '',
  explanation: '',
  fix: '',
  locations: [],
  evidence: ''
})
const ran = { installed: true, probeCompleted: true }

describe('status', () => {
  it('is the worst severity found', () => {
    expect(statusOf([], ran)).toBe('pass')
    expect(statusOf([finding('info')], ran)).toBe('pass')
    expect(statusOf([finding('info'), finding('warning')], ran)).toBe('warn')
    expect(statusOf([finding('warning'), finding('error')], ran)).toBe('fail')
  })
  it('can never pass when the install or the probe did not really finish', () => {
    expect(statusOf([], { installed: false, probeCompleted: true })).toBe('fail')
    expect(statusOf([], { installed: true, probeCompleted: false })).toBe('fail')
  })
  it('fails the job at the chosen level', () => {
    expect([failsAt('fail', 'error'), failsAt('warn', 'error'), failsAt('pass', 'error')]).toEqual([true, false, false])
    expect([failsAt('fail', 'warning'), failsAt('warn', 'warning'), failsAt('pass', 'warning')]).toEqual([
      true,
      true,
      false
    ])
    expect([failsAt('fail', 'never'), failsAt('warn', 'never')]).toEqual([false, false])
  })
})
