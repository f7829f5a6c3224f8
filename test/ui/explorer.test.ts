import { strict as assert } from 'node:assert';
import { treeRow, useVsCode } from './workbench';

describe('UI: the explorer tree', function () {
  const ui = useVsCode({ signIn: true });

  it('expands a vault and a restore point', async () => {
    const { page } = ui;
    await treeRow(page, 'vault-prod-servers').click();
    await treeRow(page, 'Restore points').waitFor();
    await treeRow(page, 'Restore points').click();
    await treeRow(page, 'before-release-2-4').waitFor();
    await treeRow(page, 'before-release-2-4').click();
    await treeRow(page, 'web-server-01').waitFor();
    await page.waitForTimeout(300);
    await ui.screenshot('10-vault-and-restore-point-expanded');
    const rows = await page.locator('.sidebar .monaco-list-row').allInnerTexts();
    // innerText runs the label and description together: "web-server-0140 GB · available".
    const flat = rows.map((r) => r.replace(/\s+/g, ' ').trim());
    assert.ok(flat.some((r) => /^before-release-2-4.+ ago · available( · .+)?$/.test(r)), flat.join(' | '));
    assert.ok(flat.some((r) => /^autobk_nightly\d+ (days?|months?) ago/.test(r)), 'the older restore point follows');
    assert.ok(flat.some((r) => /^web-server-01\d+ GB · available$/.test(r)), flat.join(' | '));
  });

  it('expands the database instances and an instance', async () => {
    const { page } = ui;
    await treeRow(page, 'Database instances').click();
    await treeRow(page, 'orders-db').waitFor();
    await treeRow(page, 'orders-db').click();
    await treeRow(page, 'orders-db-auto-20251124').waitFor();
    await page.waitForTimeout(300);
    await ui.screenshot('11-database-instance-backups');
    assert.match((await treeRow(page, 'orders-db-auto-20251124').innerText()).replace(/\s+/g, ' '), /completed · .+ · auto · /);
  });
});
