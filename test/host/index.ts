/**
 * Entry point of the host tests, loaded by VS Code as `extensionTestsPath` (code-server through
 * test/harness/runHostTests.ts, or @vscode/test-electron through test/harness/runElectronTests.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  process.env.CBR_TEST_TIER = process.env.CBR_TEST_TIER ?? 'host';
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: require.resolve('../support/summaryReporter'),
    grep: process.env.CBR_HOST_GREP,
    invert: process.env.CBR_HOST_INVERT === '1',
  });
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} host test(s) failed`);
  }
}
