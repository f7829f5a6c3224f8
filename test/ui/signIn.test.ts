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

  it('defect 12: a wrong password keeps the wizard on the password step with the reason, as step 3 of 3', async () => {
    const { page } = ui;
    await page.locator('.welcome-view-content .monaco-button').filter({ hasText: 'Sign in' }).first().click();
    await pickQuickItem(page, 'IAM user password');
    await answerInput(page, 'Account (domain) name', 'demo-domain');
    await answerInput(page, 'IAM user name', 'demo-user');
    await quickInput(page).locator('.quick-input-message').filter({ hasText: 'Password of demo-user' }).waitFor();
    const box = quickInput(page).locator('.quick-input-box input');
    assert.equal(await box.getAttribute('type'), 'password', 'the password box is masked');
    assert.match(await quickInput(page).locator('.quick-input-title, .quick-input-header').first().innerText(), /3\/3/, 'the last of three steps');
    await answerInput(page, 'Password of demo-user', 'not-the-password');
    const reason = quickInput(page).locator('.quick-input-message').filter({ hasText: 'The cloud refused these credentials' });
    await reason.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('02-wrong-password-stays-on-step');
    const text = (await reason.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /HTTP 401/);
    assert.match(text, /Check the password/);
    assert.ok(!/iam\.|not-the-password/.test(text), 'no internal name, no password');
    assert.match(await quickInput(page).locator('.quick-input-title, .quick-input-header').first().innerText(), /3\/3/, 'still step 3 of 3');
    await box.press('Escape');
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

describe('UI: signing in with no region configured (issue 10)', function () {
  const ui = useVsCode({ regions: [] });

  it('defect 2: regions are picked by their names, several at once, and shown once the sign-in succeeded', async () => {
    const { page } = ui;
    await openExplorerView(page);
    await page.locator('.welcome-view-content .monaco-button').filter({ hasText: 'Sign in' }).first().click();
    await pickQuickItem(page, 'IAM user password');
    const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'CN-Hong Kong' }).first().waitFor({ state: 'visible' });
    await rows.filter({ hasText: 'CN-Hong Kong' }).first().click();
    await rows.filter({ hasText: 'AP-Bangkok' }).first().click();
    await page.waitForTimeout(300);
    await ui.screenshot('05-regions-picked-by-name');
    assert.equal(await rows.filter({ hasText: 'CN-Hong Kong' }).first().locator('input[type=checkbox], .monaco-checkbox, .quick-input-list-checkbox').count() > 0, true, 'a multi-select');
    await quickInput(page).locator('.quick-input-box input').press('Enter');
    await answerInput(page, 'Account (domain) name', 'demo-domain');
    await answerInput(page, 'IAM user name', 'demo-user');
    await answerInput(page, 'Password of demo-user', 'Demo-Passw0rd!');
    await notification(page, 'Signed in to').waitFor({ state: 'visible', timeout: 30_000 });
    await treeRow(page, 'AP-Bangkok').waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('06-signed-in-two-regions-who-am-i');
    assert.ok(await treeRow(page, 'CN-Hong Kong').isVisible(), 'both picked regions are shown');
    assert.match(await page.locator('.sidebar .pane-header').filter({ hasText: /Backups/i }).first().innerText(), /demo-user @ demo-domain/, 'who is signed in, in the view\'s description');
  });
});

describe('UI: signed in with no region configured (issue 10)', function () {
  const ui = useVsCode({ regions: [], env: { CBR_EXPLORER_DEMO_CREDENTIALS: JSON.stringify({ kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' }) } });

  it('defect 3: the view says no region is configured and offers Add Regions, which brings the vaults', async () => {
    const { page } = ui;
    await openExplorerView(page);
    const welcome = page.locator('.welcome-view-content').filter({ hasText: 'names no region' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('07-no-regions-welcome');
    await welcome.locator('.monaco-button').filter({ hasText: 'Add Regions' }).first().click();
    const rows = quickInput(page).locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'CN-Hong Kong' }).first().click();
    await quickInput(page).locator('.quick-input-box input').press('Enter');
    await treeRow(page, /vault/i).waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('08-region-added-vaults');
    assert.equal(await welcome.isVisible(), false);
  });
});
