// Adds up the Vitest JSON reports and prints "N passed, N failed" (plus skipped).
// In CI nothing may be skipped: the PostgreSQL suites must run. A skipped test counts as a failure here.
import { existsSync, readFileSync } from 'node:fs';

const [, , ...args] = process.argv;
const stepFailures = Number(args.pop() ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of args) {
  if (!existsSync(file)) {
    console.log(`missing report: ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.numFailedTestSuites)
    console.log(`${file}: ${report.numFailedTestSuites} suite(s) with a failure or an error`);
  failed += report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0;
}
if (skipped > 0) console.log(`${skipped} test(s) skipped: in CI every suite must run (is DATABASE_URL set?)`);
if (stepFailures > 0) console.log(`${stepFailures} step(s) failed`);
const totalFailed = failed + skipped + (failed === 0 && skipped === 0 ? stepFailures : 0);
console.log(`${passed} passed, ${totalFailed} failed`);
process.exit(totalFailed > 0 || stepFailures > 0 ? 1 : 0);
