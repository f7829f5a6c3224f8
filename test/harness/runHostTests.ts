/**
 * `npm run test:host`: runs the mocha suite in test/host inside a real VS Code (code-server)
 * extension host, against the emulator, and exits with the suite's exit code.
 * Same contract as @vscode/test-electron: extensionDevelopmentPath + extensionTestsPath.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { startEmulator } from '../emulator';
import { developmentUrl, openWorkbench, REPO_ROOT, startCodeServer } from './codeServer';
import { emulatorSettings, isWorkbenchNoise } from './hostSettings';

const SUITE_TIMEOUT_MS = Number(process.env.CBR_HOST_TEST_TIMEOUT_MS ?? 15 * 60_000);

async function runOnce(): Promise<number> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cbr-host-ws-'));
  const testsPath = process.env.CBR_HOST_TESTS_PATH ?? path.join(REPO_ROOT, 'out', 'test', 'host', 'index');
  const extensionPath = process.env.CBR_EXTENSION_PATH ?? REPO_ROOT;
  const verbose = process.env.CBR_HOST_VERBOSE === '1';
  const emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1500, gaussBackupBuildingMs: 1500, replicationMs: 2000 } });
  const server = await startCodeServer({
    workspace,
    userSettings: emulatorSettings(emu.endpoints, ['ap-southeast-1']),
    env: { CBR_EMULATOR_URL: emu.url, CBR_TEST_TIER: 'host' },
    log: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  let exitCode: number | undefined;
  // The suite's own summary line ("host: N passed, M failed, K skipped"): an extension host that
  // dies mid-run can still report exit code 0, so a run without it never counts as passed.
  let summary: string | undefined;
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const workbench = await openWorkbench(developmentUrl(server.url, workspace, extensionPath, testsPath), {
    onExit: (code) => {
      exitCode = code;
      resolveExit(code);
    },
    onLog: (_type, args) => {
      // The host forwards console calls with their format string (mocha's "%s%s") and arguments.
      const text = format(...(args as [unknown, ...unknown[]]));
      summary ??= /host: \d+ passed, \d+ failed/.exec(text)?.[0];
      if (!verbose && isWorkbenchNoise(text)) {
        return;
      }
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  });
  const timeout = new Promise<number>((resolve) =>
    setTimeout(() => {
      console.error(`host tests: no result within ${SUITE_TIMEOUT_MS} ms`);
      resolve(1);
    }, SUITE_TIMEOUT_MS).unref(),
  );
  let code = await Promise.race([exited, timeout]);
  if (code === 0 && summary === undefined) {
    console.error('host tests: the extension host ended without the suite summary (it disconnected or crashed): counted as failed');
    code = 1;
  }
  if (exitCode === undefined) {
    await workbench.page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'host-timeout.png') }).catch(() => undefined);
  }
  await workbench.close();
  await server.close();
  await emu.close();
  fs.rmSync(workspace, { recursive: true, force: true });
  return code;
}

/**
 * Without a grep, the Reliability suite (fault injection across every action, then the secrets
 * scan over everything the window wrote) runs in a window of its own after the others: in one
 * window with all the suites before it, the accumulated state made it fail cases that pass on a
 * fresh window, and once starved the extension host into a disconnect.
 */
async function main(): Promise<number> {
  if (process.env.CBR_HOST_GREP) {
    return runOnce();
  }
  process.env.CBR_HOST_GREP = 'Reliability';
  process.env.CBR_HOST_INVERT = '1';
  const first = await runOnce();
  process.env.CBR_HOST_INVERT = '0';
  const second = await runOnce();
  delete process.env.CBR_HOST_GREP;
  return first !== 0 ? first : second;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
