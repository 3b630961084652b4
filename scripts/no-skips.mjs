// Reads jest's --json results and prints one plain closing line. Fails when no test ran, or when any was skipped: a
// skip means a prerequisite was missing (root for the tmpfs, Debian jython), and CI runs every scenario or fails.
import { readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file) {
  console.error('usage: node scripts/no-skips.mjs JEST_RESULTS.json')
  process.exit(2)
}
const r = JSON.parse(readFileSync(file, 'utf8'))
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)
if (r.numTotalTests === 0) {
  console.error('no test ran')
  process.exit(1)
}
if (r.numPendingTests > 0) {
  console.error('tests were skipped: CI needs every scenario to run')
  process.exit(1)
}
