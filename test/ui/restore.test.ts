import { strict as assert } from 'node:assert';
import { answerInput, notification, pickQuickItem, treeRow, useVsCode } from './workbench';

describe('UI: restoring a server backup', function () {
  const ui = useVsCode({ signIn: true, timing: { checkpointProtectingMs: 4000 } });

  it('restores a server from a backup’s context menu, with a safety restore point first, to the "restored" notification', async () => {
    const { page } = ui;
    // A fresh backup of both servers (the seeded ones list no disk backups).
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Create Restore Point…' }).first().hover();
    await page.keyboard.press('Enter');
    await answerInput(page, 'Restore point name', 'ui-before-restore');
    await answerInput(page, 'Description', '');
    await pickQuickItem(page, 'Incremental');
    const ready = notification(page, 'Restore point "ui-before-restore" is ready.');
    await ready.waitFor({ state: 'visible', timeout: 60_000 });
    await ready.locator('.monaco-button').filter({ hasText: 'Reveal' }).click();
    await treeRow(page, 'ui-before-restore').waitFor({ timeout: 20_000 });
    // The finished poll refreshes the vault: wait for that redraw, then open the restore point.
    await page.waitForTimeout(2_500);
    await treeRow(page, 'ui-before-restore').click();
    await page.keyboard.press('ArrowRight');
    const backupRow = page.locator('.sidebar .monaco-list-row').filter({ hasText: 'app-server-01' }).last();
    await backupRow.waitFor({ timeout: 20_000 });

    await backupRow.click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Restore Backup…' }).first().hover();
    await page.keyboard.press('Enter');
    await pickQuickItem(page, 'Start it');
    await page.waitForTimeout(200);
    await ui.screenshot('60-restore-safety-offered');
    await pickQuickItem(page, 'Take a safety restore point first');
    const message = page.locator('.quick-input-widget .quick-input-message, .quick-input-widget .quick-input-header').filter({ hasText: 'Type app-server-01 to confirm.' }).first();
    await message.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /overwritten with backup ui-before-restore.*All current data on its disks is lost/s);
    await ui.screenshot('61-restore-type-name-to-confirm');
    await answerInput(page, 'Type app-server-01 to confirm.', 'app-server-01');

    await notification(page, /Taking safety restore point safety_app-server-01 of app-server-01/).waitFor({ timeout: 20_000 });
    await ui.screenshot('62-restore-safety-restore-point');
    await notification(page, 'Restoring app-server-01 from backup ui-before-restore.').waitFor({ timeout: 60_000 });
    const restored = notification(page, 'app-server-01 restored.');
    await restored.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('63-restore-restored-notification');
  });
});
