/**
 * Starts a real VS Code (code-server from npm, installed by scripts/install-host.sh) and opens
 * its workbench in headless Chromium. Shared by the host tests, the UI tests and `npm start`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

export function hostCacheDir(): string {
  const base = process.env.CBR_HOST_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cbr-explorer');
  return base;
}

export function codeServerEntry(): string {
  const entry = path.join(hostCacheDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${entry}. Run: bash scripts/install-host.sh`);
  }
  return entry;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspace: string;
  /** Settings written to the user's settings.json before start. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** vsix files or extension ids to install before start. */
  installExtensions?: string[];
  /** Extension folders to place in the extensions directory (as links) before start. */
  linkExtensions?: string[];
  port?: number;
  /** Keep state between runs (npm start) instead of a fresh temporary profile. */
  stateDir?: string;
  locale?: string;
  log?: (line: string) => void;
}

interface LinkedManifest {
  publisher: string;
  name: string;
  version: string;
  contributes?: { localizations?: { languageId: string; languageName: string; localizedLanguageName?: string; translations: { id: string; path: string }[] }[] };
}

export interface RunningCodeServer {
  url: string;
  port: number;
  userDataDir: string;
  close(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const entry = codeServerEntry();
  const port = options.port ?? (await freePort());
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cbr-host-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...options.userSettings,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  if (options.locale) {
    fs.writeFileSync(path.join(userDataDir, 'User', 'locale.json'), JSON.stringify({ locale: options.locale }));
  }

  const languagePacks: Record<string, unknown> = {};
  for (const folder of options.linkExtensions ?? []) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as LinkedManifest;
    const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(folder, link, 'dir');
    // The server picks its display language from languagepacks.json at start; it writes that
    // file only after an install, so a linked pack is registered here in the same format.
    const id = `${manifest.publisher}.${manifest.name}`;
    for (const loc of manifest.contributes?.localizations ?? []) {
      languagePacks[loc.languageId] = {
        hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: Object.fromEntries(loc.translations.map((t) => [t.id, path.join(link, t.path)])),
        label: loc.localizedLanguageName ?? loc.languageName,
      };
    }
  }
  if (Object.keys(languagePacks).length > 0) {
    fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks));
  }

  const baseArgs = [entry, '--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const ext of options.installExtensions ?? []) {
    await runToEnd(process.execPath, [...baseArgs, '--force', '--install-extension', ext], options.log);
  }

  const args = [
    ...baseArgs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.locale ? ['--locale', options.locale] : []),
    options.workspace,
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that closing it also ends the extension hosts it started.
    detached: true,
  });
  // Detached, it no longer gets the terminal's Ctrl-C: whatever ends this process ends its group.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);
  const close = async (): Promise<void> => {
    await stopProcess(child, { group: true });
    process.off('exit', killOnExit);
  };
  exitOnSignals();
  const log = options.log ?? (() => undefined);
  child.stdout?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, 60_000);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    url,
    port,
    userDataDir,
    close,
  };
}

async function runToEnd(cmd: string, args: string[], log?: (line: string) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => log?.(d.toString().trimEnd()));
    child.stderr.on('data', (d: Buffer) => log?.(d.toString().trimEnd()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[args.length - 1] ?? cmd)}: exit ${code}`))));
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error('code-server exited before it was ready');
    }
    try {
      const res = await fetch(url);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) {
      process.kill(-child.pid, sig);
    }
  } catch {
    // already gone
  }
}

let signalsHandled = false;
/**
 * Ctrl-C, a closed terminal or a kill end this process through `exit`, so the `exit` handlers
 * stop the code-server groups. A runner with its own handler (npm start) stops them itself.
 */
function exitOnSignals(): void {
  if (signalsHandled) {
    return;
  }
  signalsHandled = true;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(sig, () => {
      if (process.listenerCount(sig) === 1) {
        process.exit(code);
      }
    });
  }
}

/** Stops a child (and, with `group`, every process of the group it leads), forcefully after 5 s. */
export async function stopProcess(child: ChildProcess, options: { group?: boolean } = {}): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    if (options.group) {
      killGroup(child, sig);
    } else {
      try {
        child.kill(sig);
      } catch {
        // already gone
      }
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    signal('SIGKILL'); // what it left behind in its group
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      signal('SIGKILL');
      resolve();
    });
    signal('SIGTERM');
  });
}

export interface Workbench {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Opens the workbench in headless Chromium; hooks are installed before the page loads. */
export async function openWorkbench(
  url: string,
  hooks: { onExit?: (code: number) => void; onLog?: (type: string, args: unknown[]) => void } = {},
  viewport = { width: 1400, height: 900 },
): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (hooks.onExit) {
    await page.exposeFunction('codeAutomationExit', hooks.onExit);
  }
  if (hooks.onLog) {
    await page.exposeFunction('codeAutomationLog', hooks.onLog);
  }
  await page.goto(url);
  return {
    browser,
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

/** The workbench URL that opens `workspace` as an Extension Development Host, optionally running tests. */
export function developmentUrl(base: string, workspace: string, extensionPath: string, testsPath?: string): string {
  const authority = new URL(base).host;
  const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`]];
  if (testsPath) {
    payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
  }
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
