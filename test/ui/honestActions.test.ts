import { strict as assert } from 'node:assert';
import { notification, openExplorerView, runCommand, treeRow, useVsCode } from './workbench';

describe('UI: honest actions, filters and details (issue 10)', function () {
  const ui = useVsCode({ signIn: true });

  it('defect 7 and filters: an empty vault’s restore point is refused with "Associate Resources…"; "failed only" shows in the view', async () => {
    const { page } = ui;
    await openExplorerView(page);
    await treeRow(page, 'vault-staging').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Create Restore Point…' }).first().hover();
    await page.keyboard.press('Enter');
    const refused = notification(page, 'vault-staging protects no servers or disks yet');
    await refused.waitFor({ state: 'visible', timeout: 20_000 });
    assert.ok(await refused.locator('.monaco-button').filter({ hasText: 'Associate Resources…' }).isVisible(), 'the next step is a button');
    await page.waitForTimeout(300);
    await ui.screenshot('60-empty-vault-refused');
    await runCommand(page, 'Notifications: Clear All Notifications');

    await runCommand(page, 'CBR: Show Failed Only');
    await treeRow(page, 'vault-data-disks').click();
    await treeRow(page, 'Restore points').click();
    await page.locator('.sidebar').filter({ hasText: 'failed only' }).first().waitFor({ timeout: 10_000 });
    await treeRow(page, /failed/).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('61-filter-failed-only');
    await runCommand(page, 'CBR: Clear Filter');
  });

  it('details view: Show Details opens a readable page of the vault', async () => {
    const { page } = ui;
    await page.mouse.move(700, 700); // no row tooltip left over the menu (one hid it in a CI run)
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    const showDetails = page.locator('.context-view .action-item').filter({ hasText: 'Show Details' }).first();
    await showDetails.waitFor({ state: 'visible', timeout: 10_000 });
    await showDetails.click();
    await page.locator('.editor-instance .view-lines').filter({ hasText: '# vault-prod-servers' }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('62-details-readable');
  });
});
