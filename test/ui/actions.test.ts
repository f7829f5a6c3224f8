import { strict as assert } from 'node:assert';
import { answerInput, notification, pickQuickItem, runCommand, treeRow, UiSession, useVsCode } from './workbench';

describe('UI: backing up', function () {
  const ui = useVsCode({ signIn: true, timing: { checkpointProtectingMs: 6000, gaussBackupBuildingMs: 6000 } });

  it('creates a restore point from a vault’s context menu; the status bar spins, then a notification says it is ready', async () => {
    const { page } = ui;
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    // Menu items act on mouse-up in the workbench; choosing with the keyboard is what a person does too.
    await page.locator('.context-view .action-item').filter({ hasText: 'Create Restore Point…' }).first().hover();
    await page.keyboard.press('Enter');
    await answerInput(page, 'Restore point name', 'ui-restore-point');
    await answerInput(page, 'Description', 'made by the UI test');
    await pickQuickItem(page, 'Incremental');
    const status = page.locator('.statusbar-item').filter({ hasText: /^\s*1 backup in progress\s*$/ }).locator('.codicon-sync.codicon-modifier-spin, .codicon-sync~spin, .codicon-modifier-spin').first();
    await status.waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('30-checkpoint-protecting-status-bar');
    const ready = notification(page, 'Restore point "ui-restore-point" is ready.');
    await ready.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('31-checkpoint-ready-notification');
    assert.ok(await ready.locator('.monaco-button').filter({ hasText: 'Reveal' }).isVisible(), 'the notification offers Reveal');
    await ready.locator('.monaco-button').filter({ hasText: 'Reveal' }).click();
    await treeRow(page, 'ui-restore-point').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    await ui.screenshot('32-checkpoint-revealed');
    assert.match((await treeRow(page, 'ui-restore-point').innerText()).replace(/\s+/g, ' '), /available/);
  });

  it('makes a manual database backup from the command palette', async () => {
    const { page } = ui;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'CBR: Back Up Database Instance…');
    await pickQuickItem(page, 'orders-db');
    await answerInput(page, 'Backup name', '1-bad-name');
    await quickMessage(ui, 'The name must start with a letter.');
    await ui.screenshot('33-db-backup-name-validation');
    // The box stays open with the message in place of the prompt: correct the value there.
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await box.fill('ui-db-backup');
    await box.press('Enter');
    await answerInput(page, 'Description', 'before the schema change');
    await notification(page, 'Backup ui-db-backup of orders-db has started.').waitFor({ timeout: 20_000 });
    const done = notification(page, 'Database backup "ui-db-backup" completed.');
    await done.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    await ui.screenshot('34-db-backup-completed');
  });
});

async function quickMessage(ui: UiSession, text: string): Promise<void> {
  await ui.page.locator('.quick-input-widget .quick-input-message').filter({ hasText: text }).waitFor({ timeout: 10_000 });
}
