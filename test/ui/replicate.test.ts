import { strict as assert } from 'node:assert';
import { notification, pickQuickItem, treeRow, useVsCode } from './workbench';

describe('UI: replicating to a second region', function () {
  const ui = useVsCode({ signIn: true, regions: ['ap-southeast-1', 'ap-southeast-2'], timing: { replicationMs: 6000 } });

  it('replicates a vault from its context menu to the replication vault of the other region, and the replicas show there', async () => {
    const { page } = ui;
    // Two regions: each is a root, expanded, described by its display name (the project id is in its tooltip).
    await treeRow(page, 'ap-southeast-2').waitFor({ timeout: 20_000 });
    await treeRow(page, 'ap-southeast-2').filter({ hasText: 'AP-Bangkok' }).waitFor({ timeout: 10_000 });
    await treeRow(page, 'ap-southeast-1').filter({ hasText: 'CN-Hong Kong' }).waitFor({ timeout: 10_000 });
    await treeRow(page, 'vault-dr-replica').waitFor({ timeout: 20_000 });
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: 'Replicate to Another Region…' }).first().hover();
    await page.keyboard.press('Enter');

    await pickQuickItem(page, 'ap-southeast-2');
    await pickQuickItem(page, 'vault-dr-replica');
    const billed = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'billed extra' });
    await billed.waitFor({ state: 'visible' });
    await ui.screenshot('40-replicate-acceleration-billed-extra');
    await pickQuickItem(page, 'No acceleration');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await dialog.innerText(), /vault-prod-servers \(ap-southeast-1\).*vault-dr-replica \(ap-southeast-2\)/s);
    await ui.screenshot('41-replicate-confirm');
    await dialog.locator('.monaco-button').filter({ hasText: /^Replicate$/ }).click();

    await notification(page, /^Replicating \d+ backups of vault-prod-servers to vault-dr-replica in ap-southeast-2\./).waitFor({ timeout: 20_000 });
    const spinning = page.locator('.statusbar-item').filter({ hasText: /^\s*1 operation in progress\s*$/ }).locator('.codicon-modifier-spin').first();
    await spinning.waitFor({ state: 'visible', timeout: 20_000 });
    await ui.screenshot('42-replication-in-flight');

    const finished = notification(page, 'Replication of "vault-prod-servers → vault-dr-replica" to ap-southeast-2 finished.');
    await finished.waitFor({ state: 'visible', timeout: 60_000 });

    // The replica vault's restore points now hold the copies.
    await treeRow(page, 'vault-dr-replica').click();
    await treeRow(page, 'Restore points').last().waitFor();
    const replicaPoints = page.locator('.sidebar .monaco-list-row').filter({ hasText: 'Restore points' }).last();
    await replicaPoints.click();
    await page.locator('.sidebar .monaco-list-row[aria-level="4"]').filter({ hasText: /available/ }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('43-replicas-in-destination-vault');
  });
});
