import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextValue, ExplorerNode, Nodes } from '../../../src/tree/nodes';
import { renderNode } from '../../../src/tree/render';
import { MarkdownString, ThemeIcon, TreeItemCollapsibleState } from '../vscode/stub';
import { aBackup, aGaussBackup, anInstance, anOperation, aResource, aVault } from './fixtures';
import type { Backup } from '../../../src/api';
import { aPolicy } from '../policies/fixtures';

const ctx = { projectIdOf: (region: string) => (region === 'r1' ? '0123456789abcdef0123456789abcdef' : undefined) };
const item = (node: ExplorerNode) => renderNode(node, ctx) as unknown as { label: string; description?: string; tooltip?: string | MarkdownString; contextValue?: string; id?: string; iconPath?: ThemeIcon; collapsibleState: TreeItemCollapsibleState; command?: { command: string; arguments?: unknown[] }; accessibilityInformation?: { label: string } };

/** One node of every kind, built as the tree builds them. */
function everyKind(): ExplorerNode[] {
  const region = Nodes.region('r1');
  const vault = Nodes.vault('r1', region, aVault());
  const replication = Nodes.vault('r1', region, aVault({ id: 'vault-2', billing: { objectType: 'server', protectType: 'replication', status: 'available' } as never }));
  const resources = Nodes.resources(vault);
  const checkpoints = Nodes.checkpoints(vault);
  const resource = Nodes.resource(resources, aResource());
  const point = Nodes.checkpoint(checkpoints, 'cp-1', [aBackup()]);
  const busyPoint = Nodes.checkpoint(checkpoints, 'cp-2', [aBackup({ id: 'b-2', checkpointId: 'cp-2', status: 'protecting' })]);
  const instances = Nodes.instances('r1', region);
  const instance = Nodes.instance(instances, anInstance());
  const activity = Nodes.activity('r1', region);
  const policies = Nodes.policies('r1', region);
  return [
    region,
    vault,
    replication,
    resources,
    checkpoints,
    resource,
    point,
    busyPoint,
    Nodes.backup(point, aBackup()),
    instances,
    instance,
    Nodes.gaussBackup(instance, aGaussBackup()),
    Nodes.gaussBackup(instance, aGaussBackup({ id: 'gb-auto', type: 'auto' })),
    activity,
    Nodes.operation(activity, anOperation()),
    Nodes.operation(activity, anOperation({ id: 'op-2', status: 'failed', errorInfo: { code: 'BackupService.0002', message: 'busy' } })),
    policies,
    Nodes.policy(policies, aPolicy()),
    Nodes.policy(policies, aPolicy({ id: 'policy-2', enabled: false })),
    Nodes.loadMore(checkpoints, 'r1', { kind: 'vaultBackups', region: 'r1', vault: vault.vault }, 100, 250),
    Nodes.message(checkpoints, 'r1', { severity: 'error', label: 'Could not load the restore points', detail: 'x (error code BackupService.9910, request id abc)' }),
    Nodes.message(undefined, 'r1', { severity: 'error', label: 'Could not load the vaults', detail: 'The cloud rejected the credentials.', signInAgain: true }),
    Nodes.message(checkpoints, 'r1', { severity: 'info', label: 'No restore points yet' }),
  ];
}

/** The `view/item/context` menu entries of package.json, with their `when` clauses evaluated for a context value. */
function menuCommandsFor(contextValue: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  return (manifest.contributes.menus['view/item/context'] ?? [])
    .filter((m) => {
      const when = m.when ?? '';
      const eq = /viewItem == ([\w:-]+)/.exec(when);
      const re = /viewItem =~ \/(.+)\//.exec(when);
      return (eq ? eq[1] === contextValue : true) && (re ? new RegExp(re[1] ?? '').test(contextValue) : true) && (eq || re);
    })
    .map((m) => m.command)
    .filter((c, i, all) => all.indexOf(c) === i)
    .sort();
}

describe('unit: tree renderers', () => {
  it('gives every node kind its id and a context value', () => {
    for (const node of everyKind()) {
      const row = item(node);
      assert.equal(row.id, node.id);
      assert.ok(row.contextValue, `${node.kind} has a context value`);
    }
  });

  it('offers on each row exactly the menu commands that fit it (patterns anchored: "instances" is not "instance")', () => {
    const expected: Record<ContextValue, string[]> = {
      region: ['cbr.refreshItem'],
      vault: ['cbr.addResources', 'cbr.copyId', 'cbr.createCheckpoint', 'cbr.deleteVault', 'cbr.openInConsole', 'cbr.refreshItem', 'cbr.removeResources', 'cbr.replicate', 'cbr.showDetails'],
      'vault:replication': ['cbr.copyId', 'cbr.deleteVault', 'cbr.openInConsole', 'cbr.refreshItem', 'cbr.showDetails'],
      'group:resources': ['cbr.refreshItem'],
      'group:checkpoints': ['cbr.refreshItem'],
      resource: ['cbr.copyId', 'cbr.createCheckpoint', 'cbr.openInConsole', 'cbr.refreshItem', 'cbr.removeResources', 'cbr.showDetails'],
      checkpoint: ['cbr.copyId', 'cbr.deleteBackups', 'cbr.refreshItem', 'cbr.restoreBackup', 'cbr.showDetails'],
      'checkpoint:inflight': ['cbr.copyId', 'cbr.refreshItem', 'cbr.showDetails'],
      backup: ['cbr.copyId', 'cbr.deleteBackups', 'cbr.refreshItem', 'cbr.restoreBackup', 'cbr.showDetails'],
      instances: ['cbr.refreshItem'],
      // Open in Cloud Console on Huawei Cloud only (the `config.cbr.cloud` part is not evaluated here).
      instance: ['cbr.copyId', 'cbr.createInstanceBackup', 'cbr.openInConsole', 'cbr.refreshItem', 'cbr.restoreInstance', 'cbr.showDetails'],
      // Automated backups are not offered for deletion; manual ones are.
      gaussBackup: ['cbr.copyId', 'cbr.refreshItem', 'cbr.restoreInstance', 'cbr.showDetails'],
      'gaussBackup:manual': ['cbr.copyId', 'cbr.deleteInstanceBackup', 'cbr.refreshItem', 'cbr.restoreInstance', 'cbr.showDetails'],
      activity: ['cbr.refreshItem'],
      operation: ['cbr.copyId', 'cbr.showDetails'],
      'operation:failed': ['cbr.copyId', 'cbr.showDetails'],
      policies: [],
      policy: ['cbr.applyPolicy', 'cbr.deletePolicy', 'cbr.disablePolicy', 'cbr.removePolicy'],
      'policy:disabled': ['cbr.applyPolicy', 'cbr.deletePolicy', 'cbr.enablePolicy', 'cbr.removePolicy'],
      loadMore: [],
      error: ['cbr.retryLoad'],
      'error:auth': ['cbr.signIn'],
      empty: [],
    };
    const rendered = new Set(everyKind().map((n) => item(n).contextValue));
    assert.deepEqual([...rendered].sort(), Object.keys(expected).sort(), 'every context value is produced by some node');
    for (const [value, commands] of Object.entries(expected)) {
      assert.deepEqual(menuCommandsFor(value), commands, `menu of ${value}`);
    }
  });

  it('defect 15: shows a vault with its type and used/total in one unit; defect 14: the tooltip has id, capacity and %, counts and words', () => {
    const row = item(Nodes.vault('r1', undefined, aVault()));
    assert.equal(row.label, 'vault-prod');
    assert.equal(row.description, 'server · 2/100 GB');
    const tooltip = (row.tooltip as MarkdownString).value.replace(/\\/g, '');
    assert.match(tooltip, /vault-1/);
    assert.match(tooltip, /Capacity: 2\/100 GB used \(2%\)/);
    assert.match(tooltip, /Resources: \d+/);
    assert.match(tooltip, /Consistency level: crash-consistent/);
    assert.match(tooltip, /Status: available/);
    assert.equal(row.collapsibleState, TreeItemCollapsibleState.Collapsed);
  });

  it('defect 15: a replication vault is described as a replica, not by what its source protects', () => {
    const vault = aVault();
    const row = item(Nodes.vault('r1', undefined, { ...vault, billing: { ...vault.billing, protectType: 'replication' } }));
    assert.equal(row.description, 'replica · 2/100 GB');
    assert.equal(row.contextValue, 'vault:replication');
  });

  it('defect 15: a vault over 80 % full is drawn in the warning colour', () => {
    const vault = aVault();
    const row = item(Nodes.vault('r1', undefined, { ...vault, billing: { ...vault.billing, used: 90 * 1024 } }));
    assert.equal((row.iconPath as unknown as { color?: { id: string } }).color?.id, 'editorWarning.foreground');
  });

  it('defect 15: a failed backup shows no size, and CBR and GaussDB both say "failed"', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const point = Nodes.checkpoint(Nodes.checkpoints(vault), 'cp', [aBackup({ status: 'error' })]);
    const row = item(Nodes.backup(point, point.backups[0]));
    assert.doesNotMatch(String(row.description), /GB/);
    assert.match(String(row.description), /^failed$/);
  });

  it('defect 14: a backup tooltip carries size, status, kind, trigger and expiry; sibling rows have distinct aria labels', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const a = aBackup({ id: 'b1', incremental: true, createdAt: new Date(Date.UTC(2026, 10, 1, 2)), raw: { extend_info: { auto_trigger: true } } as unknown as Backup['raw'] });
    const b = aBackup({ id: 'b2', incremental: false, createdAt: new Date(Date.UTC(2026, 10, 2, 2)), expiredAt: new Date(Date.UTC(2026, 11, 30)) });
    const resource = Nodes.resource(Nodes.resources(vault), aResource());
    const [rowA, rowB] = [item(Nodes.backup(resource, a)), item(Nodes.backup(resource, b))];
    const tipA = (rowA.tooltip as MarkdownString).value.replace(/\\/g, '');
    assert.match(tipA, /Kind: incremental/);
    assert.match(tipA, /Made: by a policy/);
    assert.match(tipA, /Kept until: until deleted/);
    assert.match((rowB.tooltip as MarkdownString).value.replace(/\\/g, ''), /Kind: full/);
    assert.notEqual(rowA.accessibilityInformation?.label, rowB.accessibilityInformation?.label);
  });

  it('Activity: an operation says what, on what, its status and progress; a failed one names the cloud’s reason and leads to its item', () => {
    const activity = Nodes.activity('r1', undefined);
    const running = item(Nodes.operation(activity, anOperation({ status: 'running', progress: 40 })));
    assert.equal(running.label, 'Backup: web-server-01');
    assert.match(String(running.description), /^running · 40% · /);
    const failed = item(Nodes.operation(activity, anOperation({ id: 'op-9', status: 'failed', checkpointId: 'cp-9', errorInfo: { code: 'BackupService.0002', message: 'resources are being backed up' } })));
    assert.equal(failed.contextValue, 'operation:failed');
    assert.match((failed.tooltip as MarkdownString).value.replace(/\\/g, ''), /Failure: BackupService.0002: resources are being backed up/);
    assert.deepEqual(failed.command?.arguments, ['r1', 'vault-1', 'cp-9']);
  });

  it('defect 16: the last restore point of a page, maybe cut short, is marked incomplete when it is the only one', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const row = item(Nodes.checkpoint(Nodes.checkpoints(vault), 'cp', [aBackup()], true));
    assert.match(String(row.description), /incomplete$/);
    assert.match((row.tooltip as MarkdownString).value.replace(/\\/g, ''), /Load more/);
  });

  it('marks a restore point whose backup is protecting as in flight, with a spinning icon', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const row = item(Nodes.checkpoint(Nodes.checkpoints(vault), 'cp', [aBackup({ status: 'protecting' }), aBackup({ id: 'b2' })]));
    assert.equal(row.contextValue, 'checkpoint:inflight');
    assert.equal(row.iconPath?.id, 'sync~spin');
    assert.match(String(row.description), /protecting/);
  });

  it('marks a restore point with a failed backup in red', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const row = item(Nodes.checkpoint(Nodes.checkpoints(vault), 'cp', [aBackup(), aBackup({ id: 'b2', status: 'error' })]));
    assert.equal(row.iconPath?.id, 'error');
    assert.equal(row.iconPath?.color?.id, 'errorForeground');
  });

  it('labels a backup under a restore point by its resource, and under a resource by its name and age', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const underPoint = item(Nodes.backup(Nodes.checkpoint(Nodes.checkpoints(vault), 'cp-1', [aBackup()]), aBackup()));
    const underResource = item(Nodes.backup(Nodes.resource(Nodes.resources(vault), aResource()), aBackup()));
    assert.equal(underPoint.label, 'web-server-01');
    assert.equal(underResource.label, 'nightly');
    assert.match(String(underResource.description), /3 hours ago/);
  });

  it('defect 15: a region row shows its display name; the project id is in the tooltip once known', () => {
    const known = item(Nodes.region('ap-southeast-2'));
    assert.equal(known.description, 'AP-Bangkok');
    assert.equal(item(Nodes.region('r1')).description, undefined, 'a custom region has no name to show');
    assert.match((item(Nodes.region('r1')).tooltip as MarkdownString).value, /0123456789abcdef0123456789abcdef/);
    assert.doesNotMatch((item(Nodes.region('r2')).tooltip as MarkdownString).value, /Project ID/);
  });

  it('defect 16: counts restore points, not backups, on the restore points’ Load more, and carries the node to the command', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const node = Nodes.loadMore(Nodes.checkpoints(vault), 'r1', { kind: 'vaultBackups', region: 'r1', vault: vault.vault }, 12, 250);
    const row = item(node);
    assert.equal(row.description, '12 restore points shown');
    assert.equal(row.command?.command, 'cbr.loadMore');
    assert.equal(row.command?.arguments?.[0], node);
    const vaults = item(Nodes.loadMore(undefined, 'r1', { kind: 'vaults', region: 'r1' }, 2, 5));
    assert.equal(vaults.description, '2 of 5 shown');
  });

  it('puts the whole error in the error row’s tooltip and aria label, with Retry as its command', () => {
    const node = Nodes.message(undefined, 'r1', { severity: 'error', label: 'Could not load: refused', detail: 'refused (error code BackupService.9910, request id 0a1b)' });
    const row = item(node);
    assert.match((row.tooltip as MarkdownString).value, /BackupService\.9910.*request id 0a1b/);
    assert.match(row.accessibilityInformation?.label ?? '', /BackupService\.9910.*Retry/);
    assert.equal(row.command?.command, 'cbr.retryLoad');
    assert.equal(row.command?.arguments?.[0], node);
  });

  it('offers Sign in on an auth failure instead of Retry', () => {
    const row = item(Nodes.message(undefined, 'r1', { severity: 'error', label: 'Could not load: x', detail: 'x', signInAgain: true }));
    assert.equal(row.command?.command, 'cbr.signIn');
    assert.equal(row.description, 'Sign in again');
  });

  it('shows a database backup with status, size, type and age', () => {
    const instance = Nodes.instance(Nodes.instances('r1', undefined), anInstance());
    const row = item(Nodes.gaussBackup(instance, aGaussBackup()));
    assert.equal(row.description, 'completed · 512 MB · manual · 1 hour ago');
  });

  it('renders without side effects: the same row twice, nothing shown, nothing run', async () => {
    const stub = await import('../vscode/stub');
    for (const node of everyKind()) {
      assert.deepEqual(JSON.stringify(item(node)), JSON.stringify(item(node)));
    }
    assert.equal(stub.recorded.executed.length, 0);
    assert.equal(stub.recorded.notifications.length, 0);
  });
});
