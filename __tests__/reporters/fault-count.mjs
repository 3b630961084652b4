// Prints the fault-injection suite's scenario count at the end of `npm test` (issue #7): every test under a
// describe block whose name starts with "fault injection" is one scenario.
export default class FaultCountReporter {
  onRunComplete(_contexts, results) {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (!test.ancestorTitles.some(t => t.startsWith('fault injection'))) continue
        if (test.status === 'passed') counts.passed++
        else if (test.status === 'failed') counts.failed++
        else counts.skipped++
      }
    }
    const total = counts.passed + counts.failed + counts.skipped
    if (total === 0) return
    process.stderr.write(
      `\nfault-injection suite: ${total} scenarios, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`
    )
  }
}
