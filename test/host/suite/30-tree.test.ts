import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const PROD_VAULT = DEMO_IDS.prodVault;
const DISK_VAULT = DEMO_IDS.diskVault;

describe('Tree', () => {
  let api: CbrExplorerTestApi;

  const children = async (node?: ExplorerNode) => api.explorer.getChildren(node);
  const labelOf = (node: ExplorerNode) => {
    const label = api.explorer.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const item = (node: ExplorerNode) => api.explorer.getTreeItem(node);
  const find = async (parent: ExplorerNode | undefined, label: string) => {
    const found = (await children(parent)).find((n) => labelOf(n) === label);
    assert.ok(found, `"${label}" is listed under ${parent ? labelOf(parent) : 'the root'}`);
    return found;
  };

  before(async () => {
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await vscode.workspace.getConfiguration('cbr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    api.explorer.refresh();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('cbr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await emulator.clearFaults();
  });

  it('lists the vaults of the one region at the root, then the database instances', async () => {
    await emulator.resetCounters();
    const roots = await children();
    assert.deepEqual(roots.map(labelOf), ['vault-prod-servers', 'vault-data-disks', 'vault-staging', 'Policies', 'Database instances', 'Activity']);
    assert.equal(await count('cbr.listBackups'), 0, 'nothing below a vault loads until it is expanded');
    assert.equal(await count('gaussdb.listInstances'), 0);
    const vault = item(roots[0]);
    assert.match(String(vault.description), /^server · [\d.,]+\/[\d.,]+ GB( · [\w-]+)?$/, 'used and total in one unit, then the policy when one is applied');
    const tooltip = (vault.tooltip as vscode.MarkdownString).value;
    assert.ok(tooltip.includes(PROD_VAULT) && /Consistency level/.test(tooltip) && /Billing status/.test(tooltip));
  });

  it('shows a vault as Resources and Restore points; resources with type, status, size and backups', async () => {
    const vault = await find(undefined, 'vault-prod-servers');
    assert.deepEqual((await children(vault)).map(labelOf), ['Resources', 'Restore points']);
    const resources = await find(vault, 'Resources');
    const servers = await children(resources);
    assert.deepEqual(servers.map(labelOf), ['web-server-01', 'app-server-01']);
    assert.match(String(item(servers[0]).description), /^server · \d+ GB · 2 backups$/);
  });

  it('groups the vault backups into restore points, newest first, with per-resource backups under each', async () => {
    const vault = await find(undefined, 'vault-prod-servers');
    const points = await children(await find(vault, 'Restore points'));
    assert.deepEqual(points.map(labelOf), ['before-release-2-4', 'autobk_nightly']);
    assert.match(String(item(points[0]).description), /^.+ · available$/, 'relative time and status');
    const backups = await children(points[0]);
    assert.deepEqual(backups.map(labelOf).sort(), ['app-server-01', 'web-server-01']);
    assert.match(String(item(backups[0]).description), /GB · available$/);
  });

  it('marks a restore point with a failed backup in red', async () => {
    const disks = await find(undefined, 'vault-data-disks');
    const points = await children(await find(disks, 'Restore points'));
    const failed = points.find((p) => /failed/.test(String(item(p).description)));
    assert.ok(failed, 'the restore point with a failed backup says failed');
    const icon = item(failed).iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'error');
    assert.equal((icon.color as vscode.ThemeColor).id, 'errorForeground');
  });

  it('lists a resource’s own backups, newest first', async () => {
    const vault = await find(undefined, 'vault-prod-servers');
    const server = await find(await find(vault, 'Resources'), 'web-server-01');
    const backups = await children(server);
    assert.deepEqual(backups.map(labelOf), ['before-release-2-4', 'autobk_nightly']);
  });

  it('shows GaussDB instances and their backups with status, size, type and time', async () => {
    const instances = await find(undefined, 'Database instances');
    const db = await find(instances, 'orders-db');
    const backups = await children(db);
    assert.equal(backups.length, 3);
    assert.match(String(item(backups[0]).description), /^completed · [\d.,]+ (MB|GB) · (auto|manual) · .+$/);
  });

  it('says an empty vault is empty', async () => {
    const staging = await find(undefined, 'vault-staging');
    assert.deepEqual((await children(await find(staging, 'Resources'))).map(labelOf), ['No resources are associated with this vault']);
    assert.deepEqual((await children(await find(staging, 'Restore points'))).map(labelOf), ['No restore points yet']);
  });

  it('pages with Load more: one request per page, and a double click loads once', async () => {
    await vscode.workspace.getConfiguration('cbr').update('pageSize', 2, vscode.ConfigurationTarget.Global);
    api.explorer.refresh();
    await emulator.resetCounters();
    const first = await children();
    assert.deepEqual(first.map(labelOf), ['vault-prod-servers', 'vault-data-disks', 'Load more…', 'Policies', 'Database instances', 'Activity']);
    assert.equal(await count('cbr.listVaults'), 1);
    const more = first[2];
    assert.equal(item(more).description, '2 of 3 shown');
    await Promise.all([vscode.commands.executeCommand('cbr.loadMore', more), vscode.commands.executeCommand('cbr.loadMore', more)]);
    assert.equal(await count('cbr.listVaults'), 2, 'the second click did not fetch again');
    assert.deepEqual((await children()).map(labelOf), ['vault-prod-servers', 'vault-data-disks', 'vault-staging', 'Policies', 'Database instances', 'Activity']);
    await vscode.workspace.getConfiguration('cbr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const [status, code, advice] of [
    [403, 'BackupService.8600', /permissions/],
    [429, 'APIGW.0308', /throttling/],
  ] as const) {
    it(`defect 4: a ${status} shows one short error row; its tooltip and aria label carry ${code}, the request id and what to do; Retry recovers`, async () => {
      await emulator.addFault({ op: 'cbr.listVaults', status, body: { error_code: code, error_msg: 'refused by the emulator' }, times: 5 });
      const nodes = await children();
      const errors = nodes.filter((n) => n.kind === 'message');
      assert.equal(errors.length, 1);
      const row = item(errors[0]);
      // The vaults were shown before this refresh: they stay under the error row.
      assert.equal(labelOf(errors[0]), 'Could not refresh the vaults', 'the label says what failed in a few words');
      assert.deepEqual(nodes.slice(1, 4).map(labelOf), ['vault-prod-servers', 'vault-data-disks', 'vault-staging']);
      assert.equal(row.description, `${code} · Retry`);
      const tooltip = (row.tooltip as vscode.MarkdownString).value;
      const aria = row.accessibilityInformation?.label ?? '';
      for (const text of [tooltip.replace(/\\/g, ''), aria]) {
        assert.ok(text.includes(code), text);
        assert.match(text, /request id [0-9a-f]{32}/);
        assert.match(text, advice);
      }
      assert.equal(row.command?.command, 'cbr.retryLoad');
      await emulator.clearFaults();
      await vscode.commands.executeCommand('cbr.retryLoad', errors[0]);
      assert.deepEqual((await children()).map(labelOf).slice(0, 3), ['vault-prod-servers', 'vault-data-disks', 'vault-staging']);
    });
  }

  it('defect 4: a failed refresh keeps the rows already loaded, marked not current, under the error row', async () => {
    const vault = await find(undefined, 'vault-prod-servers');
    const group = await find(vault, 'Restore points');
    const before = (await children(group)).map(labelOf);
    assert.ok(before.length >= 2);
    await emulator.addFault({ op: 'cbr.listBackups', status: 500, body: { error_code: 'BackupService.9999', error_msg: 'internal error' }, times: 10 });
    await vscode.commands.executeCommand('cbr.refreshItem', group);
    const after = await children(await find(await find(undefined, 'vault-prod-servers'), 'Restore points'));
    assert.equal(after[0]?.kind, 'message');
    assert.equal(labelOf(after[0]), 'Could not refresh the restore points');
    assert.deepEqual(after.slice(1).map(labelOf), before, 'the restore points loaded before are still there');
    for (const row of after.slice(1)) {
      assert.match(String(item(row).description), /not current$/);
      assert.match((item(row).tooltip as vscode.MarkdownString).value, /last refresh failed/);
    }
    await emulator.clearFaults();
    await vscode.commands.executeCommand('cbr.retryLoad', after[0]);
    const fresh = await children(await find(await find(undefined, 'vault-prod-servers'), 'Restore points'));
    assert.deepEqual(fresh.map(labelOf), before);
    assert.ok(fresh.every((row) => !/not current/.test(String(item(row).description))), 'a good load clears the mark');
  });

  it('offers Sign in again when the cloud answers 401: the row and its inline action sign in', async () => {
    await emulator.addFault({ op: 'cbr.listVaults', status: 401, body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }, times: 5 });
    const errors = (await children()).filter((n) => n.kind === 'message');
    assert.equal(errors.length, 1);
    assert.equal(item(errors[0]).description, 'APIGW.0301 · Sign in again');
    assert.equal(item(errors[0]).command?.command, 'cbr.signIn');
    assert.equal(item(errors[0]).contextValue, 'error:auth');
  });

  it('reveals a restore point through getParent', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
    const vault = await find(undefined, 'vault-prod-servers');
    const points = await children(await find(vault, 'Restore points'));
    const target = points[0] as Extract<ExplorerNode, { kind: 'checkpoint' }>;
    assert.equal(api.explorer.getParent(target)?.kind, 'checkpoints');
    await api.explorer.revealTarget({ kind: 'checkpoint', region: demo.region, vaultId: PROD_VAULT, checkpointId: target.checkpointId });
    await waitFor('the restore point to be selected', () => api.treeView.selection[0]?.id === target.id || undefined);
  });

  it('reveals a restore point the tree has not loaded yet, as a notification’s Reveal does after a reload', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
    const { backups } = await api.connection.session(demo.region).cbr.listBackups({ vaultId: DISK_VAULT, limit: 1 });
    const checkpointId = backups[0]?.checkpointId;
    assert.ok(checkpointId);
    api.explorer.refresh(); // nothing below the root is loaded now
    await emulator.resetCounters();
    await api.explorer.revealTarget({ kind: 'checkpoint', region: demo.region, vaultId: DISK_VAULT, checkpointId });
    const selected = await waitFor('the restore point to be selected', () => api.treeView.selection[0]);
    assert.equal(selected.kind, 'checkpoint');
    assert.equal(selected.id, `root/vault/${DISK_VAULT}/checkpoints/${checkpointId}`);
    const listed = (await emulator.requests('cbr.listBackups')).filter((r) => r.query.vault_id === DISK_VAULT);
    assert.equal(listed.length, 1, 'the restore points were listed once on the way');
  });

  it('copies an id and shows all fields read-only', async () => {
    const vault = await find(undefined, 'vault-prod-servers');
    await vscode.commands.executeCommand('cbr.copyId', vault);
    assert.equal(await vscode.env.clipboard.readText(), PROD_VAULT);
    await vscode.commands.executeCommand('cbr.showDetails', vault);
    const page = await waitFor('the details page', () => vscode.window.activeTextEditor?.document);
    assert.equal(page.uri.scheme, 'cbr-details');
    // The readable page first; every field the cloud sent is one command away.
    await vscode.commands.executeCommand('cbr.showRawDetails');
    const doc = await waitFor('the raw details', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('.json') ? vscode.window.activeTextEditor.document : undefined));
    const shown = JSON.parse(doc.getText()) as { id: string; billing: { spec_code: string } };
    assert.equal(shown.id, PROD_VAULT);
    assert.ok(shown.billing.spec_code, 'raw fields are shown');
  });
});
