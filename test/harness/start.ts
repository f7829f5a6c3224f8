/**
 * `npm start`: the extension in a real VS Code against the built-in emulator, signed in with the
 * demo credential. Prints the URL to open; Ctrl-C stops everything it started.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator } from '../emulator';
import { REPO_ROOT, startCodeServer } from './codeServer';
import { emulatorSettings } from './hostSettings';

const VSCODE_PORT = Number(process.env.CBR_START_PORT ?? 8765);
const EMULATOR_PORT = Number(process.env.CBR_EMULATOR_PORT ?? 9870);

async function main(): Promise<void> {
  const stateDir = path.join(REPO_ROOT, '.cbr-start');
  const workspace = path.join(stateDir, 'workspace');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Install the working tree as an extension: a reload of the window picks up a rebuild.
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.startsWith(`${pkg.publisher}.${pkg.name}-`)) {
      fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
    }
  }
  fs.symlinkSync(REPO_ROOT, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });

  const emu = await startEmulator({ port: EMULATOR_PORT, rebaseTimestamps: true });
  const server = await startCodeServer({
    workspace,
    port: VSCODE_PORT,
    stateDir,
    userSettings: emulatorSettings(emu.endpoints, ['ap-southeast-1', 'ap-southeast-2']),
    env: {
      CBR_EXPLORER_DEMO_CREDENTIALS: JSON.stringify({ kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' }),
    },
    log: process.env.CBR_START_VERBOSE === '1' ? (line) => console.log(`[code-server] ${line}`) : undefined,
    // CBR_START_LOCALE=zh-cn: the workbench in Simplified Chinese, as the UI tier's locale test runs it.
    ...(process.env.CBR_START_LOCALE ? { locale: process.env.CBR_START_LOCALE } : {}),
    linkExtensions: process.env.CBR_START_LOCALE === 'zh-cn' ? [path.join(REPO_ROOT, 'test', 'fixtures', 'language-pack-zh-cn')] : [],
  });

  console.log('');
  console.log('CBR Explorer is running in VS Code against the built-in emulator.');
  console.log(`  Open:      ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  console.log(`  Emulator:  ${emu.url}  (IAM ${emu.endpoints.iam}, CBR ${emu.endpoints.cbr}, GaussDB ${emu.endpoints.gaussdb})`);
  console.log('  Signed in as demo-user (demo-domain) in ap-southeast-1 and ap-southeast-2.');
  console.log('  Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping VS Code and the emulator…');
    await server.close();
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
