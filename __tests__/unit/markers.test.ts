import { describe, expect, it } from '@jest/globals'
import { linuxMarkers } from '../../__fixtures__/markers.js'
import { evaluateMarker } from '../../src/requirements/markers.js'

const linux311 = linuxMarkers('3.11')

describe('PEP 508 markers', () => {
  it.each([
    ['python_version < "3.12"', true],
    ['python_version >= "3.12"', false],
    ["python_version<'3.10'", false],
    ['python_version >= "3.9" and sys_platform == "linux"', true],
    ['sys_platform == "darwin" or platform_machine == "x86_64"', true],
    ['(sys_platform == "darwin" or sys_platform == "win32") and python_version >= "3.9"', false],
    ['platform_system != "Darwin"', true],
    ['"linux" in sys_platform', true],
    ['platform_machine not in "arm64 aarch64"', true],
    ['python_full_version >= "3.11.1"', true],
    ['python_version ~= "3.11"', true],
    ['extra == "tf"', false],
    ['', true]
  ])('%s → %s', (marker, expected) => {
    expect(evaluateMarker(marker, linux311)).toBe(expected)
  })

  it('says it cannot tell for unknown variables or garbage', () => {
    expect(evaluateMarker('python_version < "3.12"', {})).toBeUndefined()
    expect(evaluateMarker('python_version <', linux311)).toBeUndefined()
    expect(evaluateMarker('frobnicate == "1"', linux311)).toBeUndefined()
  })
})
