/**
 * `npm run test:electron`: the same host suite under @vscode/test-electron, for machines that can
 * download VS Code (it cannot work where only the npm registry is reachable; use test:host there).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator';
import { REPO_ROOT } from './codeServer';
import { emulatorSettings } from './hostSettings';

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1500, gaussBackupBuildingMs: 1500, replicationMs: 2000 } });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbr-electron-'));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cbr-electron-ws-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(emulatorSettings(emu.endpoints, ['ap-southeast-1']), null, 2));
  try {
    await runTests({
      version: process.env.CBR_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'host', 'index'),
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { CBR_EMULATOR_URL: emu.url, CBR_TEST_TIER: 'host' },
    });
  } finally {
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
