import { strict as assert } from 'node:assert';
import { notification, treeRow, useVsCode } from './workbench';

describe('UI: deleting backups', function () {
  const ui = useVsCode({ signIn: true, timing: { checkpointProtectingMs: 4000 } });

  it('deletes three backups selected together, from right-click to the "deleted" notification', async () => {
    const { page } = ui;
    await treeRow(page, 'vault-prod-servers').click();
    await treeRow(page, 'Restore points').click();
    await treeRow(page, 'before-release-2-4').click();
    await treeRow(page, 'web-server-01').waitFor();
    await treeRow(page, 'autobk_nightly').click();
    const backups = page.locator('.sidebar .monaco-list-row').filter({ hasText: /^(web|app)-server-01/ });
    await backups.nth(2).waitFor();
    // Three rows selected as a person does: a click, then Ctrl+click.
    await backups.nth(0).click();
    await backups.nth(1).click({ modifiers: ['Control'] });
    await backups.nth(2).click({ modifiers: ['Control'] });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.sidebar .monaco-list-row.selected').count(), 3, 'three rows selected');
    await backups.nth(2).click({ button: 'right' });
    const item = page.locator('.context-view .action-item').filter({ hasText: 'Delete Backups…' }).first();
    await item.waitFor({ state: 'visible' });
    await page.waitForTimeout(200);
    await ui.screenshot('70-delete-context-menu');
    await item.hover();
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await dialog.innerText();
    assert.match(text, /Delete 3 backups \(240 GB\)\?/);
    assert.match(text, /web-server-01: before-release-2-4 · 40 GB/);
    assert.match(text, /app-server-01: before-release-2-4 · 100 GB/);
    assert.match(text, /app-server-01: autobk_nightly · 100 GB/);
    await ui.screenshot('71-delete-confirmation');
    await dialog.locator('.monaco-button').filter({ hasText: /^Delete$/ }).click();

    await treeRow(page, /deleting/).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('72-delete-deleting');
    const deleted = notification(page, '3 backups deleted.');
    await deleted.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(1_000);
    await ui.screenshot('73-delete-deleted-notification');
    assert.equal(await page.locator('.sidebar .monaco-list-row').filter({ hasText: /deleting/ }).count(), 0, 'the tree no longer shows them');
  });
});
