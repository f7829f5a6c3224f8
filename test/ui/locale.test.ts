import { strict as assert } from 'node:assert';
import { openExplorerView, signInThroughWelcome, treeRow, useVsCode } from './workbench';

describe('UI: Simplified Chinese', function () {
  const ui = useVsCode({ locale: 'zh-cn' });

  it('shows the welcome and the tree in Chinese', async () => {
    const { page } = ui;
    await openExplorerView(page);
    const welcome = page.locator('.welcome-view-content').filter({ hasText: '登录后即可浏览' });
    await welcome.waitFor({ state: 'visible', timeout: 30_000 });
    await ui.screenshot('20-zh-cn-welcome');
    await signInThroughWelcome(ui);
    await treeRow(page, 'vault-prod-servers').click();
    await treeRow(page, '还原点').waitFor();
    await page.waitForTimeout(300);
    await ui.screenshot('21-zh-cn-tree');
    assert.ok(await treeRow(page, '资源').isVisible());
  });

  it('checks a restore point name as it is typed, in Chinese', async () => {
    const { page } = ui;
    await treeRow(page, 'vault-prod-servers').click({ button: 'right' });
    await page.locator('.context-view .action-item').filter({ hasText: '创建还原点…' }).first().hover();
    await page.keyboard.press('Enter');
    const box = page.locator('.quick-input-widget .quick-input-box input');
    await box.waitFor({ state: 'visible' });
    await box.fill('不合法 的名称!');
    const message = page.locator('.quick-input-widget .quick-input-message').filter({ hasText: '名称只能包含字母、数字、_ 和 -。' });
    await message.waitFor({ state: 'visible', timeout: 10_000 });
    await ui.screenshot('22-zh-cn-name-validation');
    await box.press('Escape');
  });
});
