import { strict as assert } from 'node:assert';
import { answerInput, notification, openExplorerView, pickQuickItem, quickInput, runCommand, treeRow, useVsCode } from './workbench';

describe('UI: signing in', function () {
  const ui = useVsCode();

  it('shows the welcome with a Sign in button when signed out', async () => {
    const { page } = ui;
    await openExplorerView(page);
    const welcome = page.locator('.welcome-view-content').filter({ hasText: 'Sign in to browse' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await ui.screenshot('01-welcome-signed-out');
    assert.ok(await welcome.locator('a.monaco-button, .monaco-button').filter({ hasText: 'Sign in' }).isVisible());
  });

  it('refuses a wrong password and keeps the welcome', async () => {
    const { page } = ui;
    await page.locator('.welcome-view-content .monaco-button').filter({ hasText: 'Sign in' }).first().click();
    await pickQuickItem(page, 'IAM user password');
    await answerInput(page, 'Account (domain) name', 'demo-domain');
    await answerInput(page, 'IAM user name', 'demo-user');
    await quickInput(page).locator('.quick-input-message').filter({ hasText: 'Password of demo-user' }).waitFor();
    const box = quickInput(page).locator('.quick-input-box input');
    assert.equal(await box.getAttribute('type'), 'password', 'the password box is masked');
    await answerInput(page, 'Password of demo-user', 'not-the-password');
    const error = notification(page, 'Sign-in failed');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(600); // let the toast finish sliding in
    await ui.screenshot('02-wrong-password');
    const text = (await error.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /nothing was stored/);
    assert.match(text, /HTTP 401/);
    assert.ok(!text.includes('not-the-password'), 'the password is not echoed');
    await page.locator('.welcome-view-content').filter({ hasText: 'Sign in to browse' }).waitFor({ state: 'visible' });
  });

  it('signs in through the real input boxes and the view lists the vaults', async () => {
    const { page } = ui;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.welcome-view-content .monaco-button').filter({ hasText: 'Sign in' }).first().click();
    await pickQuickItem(page, 'IAM user password');
    await answerInput(page, 'Account (domain) name', 'demo-domain');
    await answerInput(page, 'IAM user name', 'demo-user');
    await answerInput(page, 'Password of demo-user', 'Demo-Passw0rd!');
    await notification(page, 'Signed in to').waitFor({ state: 'visible', timeout: 30_000 });
    const firstVault = page.locator('.sidebar .monaco-list-row').first();
    await firstVault.waitFor({ state: 'visible', timeout: 30_000 });
    await ui.screenshot('03-signed-in-vaults');
    assert.equal(await page.locator('.welcome-view-content').filter({ hasText: 'Sign in to browse' }).isVisible(), false);
    assert.ok(await treeRow(page, /vault/i).isVisible(), 'a vault is listed');
  });
});
