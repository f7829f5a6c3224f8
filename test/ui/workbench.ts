/**
 * Drives the real VS Code workbench (code-server in headless Chromium) the way a person does:
 * clicks, keystrokes, and screenshots saved under test-results/ui.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startEmulator } from '../emulator';
import { developmentUrl, openWorkbench, REPO_ROOT, RunningCodeServer, startCodeServer, Workbench } from '../harness/codeServer';
import { emulatorSettings } from '../harness/hostSettings';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'ui');

export interface UiSession {
  page: Page;
  emulatorUrl: string;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface UiOptions {
  regions?: string[];
  locale?: string;
  env?: Record<string, string>;
  timing?: Record<string, number>;
}

export async function openVsCode(options: UiOptions = {}): Promise<UiSession> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const emu = await startEmulator({ port: 0, rebaseTimestamps: true, timing: { checkpointProtectingMs: 4000, gaussBackupBuildingMs: 4000, replicationMs: 5000, ...options.timing } });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cbr-ui-ws-'));
  let server: RunningCodeServer | undefined;
  let workbench: Workbench | undefined;
  try {
    server = await startCodeServer({
      workspace,
      userSettings: emulatorSettings(emu.endpoints, options.regions ?? ['ap-southeast-1']),
      env: { CBR_EMULATOR_URL: emu.url, ...options.env },
      locale: options.locale,
      // code-server only starts in a language it has a language pack for.
      linkExtensions: options.locale === 'zh-cn' ? [path.join(REPO_ROOT, 'test', 'fixtures', 'language-pack-zh-cn')] : [],
    });
    workbench = await openWorkbench(developmentUrl(server.url, workspace, REPO_ROOT));
    const page = workbench.page;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor({ timeout: 60_000 });
    const wb = workbench;
    const srv = server;
    return {
      page,
      emulatorUrl: emu.url,
      screenshot: async (name) => {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      close: async () => {
        await wb.close();
        await srv.close();
        await emu.close();
        fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await workbench?.close();
    await server?.close();
    await emu.close();
    throw err;
  }
}

/** The CBR Explorer icon in the activity bar. */
export function activityBarIcon(page: Page): Locator {
  return page.locator('.activitybar .action-item a[aria-label^="CBR Explorer"], .activitybar .action-item[aria-label^="CBR Explorer"]').first();
}

export async function openExplorerView(page: Page): Promise<Locator> {
  // Clicking the icon of the view that is already open would close the side bar.
  const open = await page.locator('.sidebar .composite.title').filter({ hasText: /CBR Explorer/i }).isVisible();
  if (!open) {
    await activityBarIcon(page).click();
  }
  const pane = page.locator('.pane').filter({ has: page.locator('.pane-header[aria-label*="Backups"], .pane-header:has-text("Backups")') }).first();
  await page.locator('.sidebar').waitFor();
  return pane;
}

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/**
 * Waits for the quick input to ask `prompt` (shown under the box), then types and presses Enter.
 * Waiting for the prompt matters: VS Code reuses the same box from step to step.
 */
export async function answerInput(page: Page, prompt: string | RegExp, text: string): Promise<void> {
  await quickInput(page).locator('.quick-input-message, .quick-input-header').filter({ hasText: prompt }).first().waitFor({ state: 'visible' });
  const box = quickInput(page).locator('.quick-input-box input');
  await box.waitFor({ state: 'visible' });
  await box.fill(text);
  await box.press('Enter');
}

export async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const box = quickInput(page).locator('.quick-input-box input');
  await box.waitFor({ state: 'visible' });
  await box.fill(`>${title}`);
  const row = quickInput(page).locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await box.press('Enter');
}

export function treeRow(page: Page, label: string | RegExp): Locator {
  return page.locator('.sidebar .monaco-list-row').filter({ hasText: label }).first();
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
}

/** Signs in through the welcome's button as a person does. */
export async function signInThroughWelcome(ui: UiSession): Promise<void> {
  const { page } = ui;
  await openExplorerView(page);
  await page.locator('.welcome-view-content .monaco-button').filter({ hasText: /Sign in|登录|Entrar/ }).first().click();
  await pickQuickItem(page, /IAM user password|IAM 用户密码|Senha de usuário do IAM/);
  await answerInput(page, /Account \(domain\) name|账号|Nome da conta/, 'demo-domain');
  await answerInput(page, /IAM user name|IAM 用户名|Nome de usuário do IAM/, 'demo-user');
  await answerInput(page, /Password of|的密码|Senha de/, 'Demo-Passw0rd!');
}

/**
 * Runs "Developer: Reload Window" and waits until a new page has loaded and the workbench is
 * back. The extension host restarts too, so the extension is deactivated and activated again.
 */
export async function reloadWindow(ui: UiSession, timeoutMs = 90_000): Promise<void> {
  const { page } = ui;
  // A mark on the old document: it is gone once the page has really been reloaded.
  await page.evaluate(() => ((window as unknown as { cbrBeforeReload?: boolean }).cbrBeforeReload = true));
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForFunction(() => (window as unknown as { cbrBeforeReload?: boolean }).cbrBeforeReload !== true, undefined, { timeout: timeoutMs, polling: 250 });
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.activitybar').waitFor({ timeout: timeoutMs });
}

/**
 * Registers a suite's hooks: opens VS Code before its tests (and signs in through the welcome,
 * waiting for the confirmation and clearing it, with `signIn`), saves a screenshot of each
 * failed test, and closes everything after. The session it returns is usable inside the tests.
 */
export function useVsCode(options: UiOptions & { signIn?: boolean } = {}): UiSession {
  let opened: UiSession | undefined;
  const current = (): UiSession => {
    if (!opened) {
      throw new Error('VS Code is not open: use the session inside the tests');
    }
    return opened;
  };
  before(async () => {
    opened = await openVsCode(options);
    if (options.signIn) {
      await signInThroughWelcome(opened);
      await notification(opened.page, 'Signed in to').waitFor({ timeout: 30_000 });
      // VS Code keeps a finished progress toast up a moment, and Clear All leaves it alone.
      await notification(opened.page, 'Checking the credentials').waitFor({ state: 'hidden', timeout: 30_000 });
      await runCommand(opened.page, 'Notifications: Clear All Notifications');
    }
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await opened?.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });
  after(async () => {
    await opened?.close();
  });
  return {
    get page() {
      return current().page;
    },
    get emulatorUrl() {
      return current().emulatorUrl;
    },
    screenshot: (name) => current().screenshot(name),
    close: () => current().close(),
  };
}
