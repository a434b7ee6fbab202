// Writes jest's own aggregated counts to a file so .ci/run can print one plain totals line.
const fs = require('node:fs');
const path = require('node:path');

class TotalsReporter {
  constructor(globalConfig) {
    this.file = process.env.JEST_TOTALS_FILE || path.join(globalConfig.rootDir, '.jest-totals.json');
  }
  onRunComplete(_contexts, results) {
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
      runtimeErrorSuites: results.numRuntimeErrorTestSuites,
    };
    fs.writeFileSync(this.file, JSON.stringify(totals));
  }
}
module.exports = TotalsReporter;
