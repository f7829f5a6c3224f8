import { strict as assert } from 'node:assert';
import { notification, pickQuickItem, quickInput, treeRow, useVsCode } from './workbench';

describe('UI: restoring a GaussDB(for MySQL) instance', function () {
  const ui = useVsCode({ signIn: true, timing: { gaussBackupBuildingMs: 4000 } });

  it('restores orders-db to a point in time from its context menu: the window shown, the name typed, to the "restored" notification', async () => {
    const { page } = ui;
    await treeRow(page, 'Database instances').click();
    await treeRow(page, 'orders-db').waitFor();
    await treeRow(page, 'orders-db').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Restore Database Instance…' }).first().hover();
    await page.keyboard.press('Enter');
    await pickQuickItem(page, 'A point in time');

    // The restorable window is shown under the box, in local time; the newest moment is offered.
    const prompt = quickInput(page).locator('.quick-input-message, .quick-input-header').filter({ hasText: /Restorable: from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} to / }).first();
    await prompt.waitFor({ state: 'visible', timeout: 20_000 });
    const box = quickInput(page).locator('.quick-input-box input');
    const offered = await box.inputValue();
    assert.match(offered, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await box.fill('2001-01-01 00:00:00');
    await quickInput(page).locator('.quick-input-message').filter({ hasText: 'is outside the restorable window' }).first().waitFor({ state: 'visible' });
    await ui.screenshot('70-restore-instance-outside-window');
    await box.fill(offered);
    await page.waitForTimeout(300);
    await ui.screenshot('71-restore-instance-point-in-time');
    await box.press('Enter');

    await pickQuickItem(page, 'this instance (default)');
    const confirm = quickInput(page).locator('.quick-input-message, .quick-input-header').filter({ hasText: 'Type orders-db to confirm.' }).first();
    await confirm.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await quickInput(page).innerText(), /Database instance orders-db \(\w+\) is overwritten with orders-db as it was at .+All current data on orders-db is lost/s);
    await ui.screenshot('72-restore-instance-type-name');
    await box.fill('orders-db');
    await box.press('Enter');

    await notification(page, `Restoring orders-db to ${offered}.`).waitFor({ timeout: 20_000 });
    const restored = notification(page, 'Database instance orders-db restored.');
    await restored.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('73-restore-instance-restored-notification');
  });
});
