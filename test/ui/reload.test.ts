import { strict as assert } from 'node:assert';
import type { Locator, Page } from 'playwright-core';
import { answerInput, notification, pickQuickItem, reloadWindow, runCommand, treeRow, useVsCode } from './workbench';

const POINT = 'ui-reload-point';

/** The in-flight status bar item while it spins: `$(sync~spin) 1 backup in progress`. */
function spinningOne(page: Page): Locator {
  return page.locator('.statusbar-item').filter({ hasText: /^\s*1 backup in progress\s*$/ }).locator('.codicon-modifier-spin').first();
}

describe('UI: a window reload', function () {
  // Long enough for the restore point to still be protecting once the reloaded window is back.
  const ui = useVsCode({ signIn: true, timing: { checkpointProtectingMs: 30_000 } });

  it('keeps following a restore point in flight: after the reload the status bar spins again, then it says the point is ready', async () => {
    const { page } = ui;
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Create Restore Point…' }).first().hover();
    await page.keyboard.press('Enter');
    await answerInput(page, 'Restore point name', POINT);
    await answerInput(page, 'Description', 'followed across a window reload');
    await pickQuickItem(page, 'Incremental');
    await spinningOne(page).waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('50-reload-before-in-flight');

    // Whatever the reloaded page ever shows is recorded as it happens, so a brief flash of the
    // sign-in welcome cannot slip between two looks.
    await page.addInitScript(() => {
      const w = window as unknown as { cbrWelcomeSeen?: boolean };
      w.cbrWelcomeSeen = false;
      new MutationObserver(() => {
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('.welcome-view-content'))) {
          if (el.offsetParent !== null && (el.textContent ?? '').includes('Sign in to browse')) {
            w.cbrWelcomeSeen = true;
          }
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await reloadWindow(ui);
    // The workbench is back with the CBR view, signed in from SecretStorage. While the extension
    // activates, the view stays empty: a signed-in user is never shown the sign-in welcome.
    try {
      await treeRow(page, 'vault-prod-servers').waitFor({ state: 'visible', timeout: 60_000 });
    } catch (err) {
      const welcome = await page.locator('.welcome-view-content').filter({ hasText: 'Sign in to browse' }).isVisible();
      assert.fail(welcome ? 'a minute after the reload the view still asks to sign in: the credentials did not survive the reload' : `the tree did not come back after the reload: ${String(err)}`);
    }
    assert.equal(await page.evaluate(() => (window as unknown as { cbrWelcomeSeen?: boolean }).cbrWelcomeSeen), false, 'the sign-in welcome flashed for a signed-in user');

    // The tree shows the vaults collapsed, so the restore point was not seen in a list again:
    // the work in the status bar is what the new activation read back from its stored state.
    assert.equal(await treeRow(page, 'Restore points').isVisible(), false, 'no restore point list is open after the reload');
    await spinningOne(page).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await notification(page, `Restore point "${POINT}" is ready.`).isVisible(), false, 'the point is still protecting when the window is back');
    await page.waitForTimeout(300);
    await ui.screenshot('51-reload-after-in-flight-again');

    const ready = notification(page, `Restore point "${POINT}" is ready.`);
    await ready.waitFor({ state: 'visible', timeout: 90_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('52-reload-ready-notification');
    await spinningOne(page).waitFor({ state: 'hidden', timeout: 10_000 });

    // The log of the new session (a fresh activation) starts by resuming the stored item.
    await runCommand(page, 'CBR: Show Log');
    const log = page.locator('.part.panel .monaco-editor').first();
    await log.locator('.view-line').first().waitFor({ state: 'visible', timeout: 20_000 });
    await log.click();
    await page.keyboard.press('Control+Home');
    await log.locator('.view-line').filter({ hasText: 'Tracking: resuming 1 item(s) from the last session' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('53-reload-log-resumed');
  });
});
