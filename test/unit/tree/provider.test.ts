import { strict as assert } from 'node:assert';
import { CloudApiError } from '../../../src/api';
import type { CloudConnection } from '../../../src/auth/connection';
import type { Logger } from '../../../src/common/logger';
import { ExplorerProvider } from '../../../src/tree/explorerProvider';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { treeCommands } from '../../../src/tree/treeCommands';
import { commands, EventEmitter, recorded, setConfiguration, TreeItemCollapsibleState } from '../vscode/stub';
import { aBackup, aVault } from './fixtures';

/** A signed-in connection whose CBR answers from arrays, counting the calls. */
function fakeConnection(regions = ['r1']) {
  const calls: string[] = [];
  const state = { vaults: [aVault(), aVault({ id: 'vault-2', name: 'vault-disks', resources: [] })], backups: [aBackup(), aBackup({ id: 'b-2', checkpointId: 'cp-2', name: 'weekly' })], failVaults: undefined as Error | undefined };
  const changed = new EventEmitter<unknown>();
  const session = {
    cbr: {
      listVaults: (q: { offset?: number; limit?: number }) => {
        calls.push(`listVaults ${q.offset}+${q.limit}`);
        if (state.failVaults) {
          return Promise.reject(state.failVaults);
        }
        return Promise.resolve({ vaults: state.vaults.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 100)), count: state.vaults.length });
      },
      showVault: (id: string) => {
        calls.push(`showVault ${id}`);
        const v = state.vaults.find((x) => x.id === id);
        return v ? Promise.resolve(v) : Promise.reject(new CloudApiError({ kind: 'notFound', operation: 'cbr.showVault', errorCode: 'BackupService.6105', message: 'gone' }));
      },
      listBackups: (q: { vaultId?: string }) => {
        calls.push(`listBackups ${q.vaultId}`);
        return Promise.resolve({ backups: state.backups, count: state.backups.length });
      },
    },
    gaussdb: { listInstances: () => Promise.resolve({ instances: [], totalCount: 0 }) },
    getProjectId: () => Promise.resolve('p'.repeat(32)),
  };
  const connection = {
    state: { kind: 'signedIn' },
    regions,
    cloudSettings: { cloud: 'huaweicloud', projectIds: {} },
    knownProjectId: () => undefined,
    session: () => session,
    onDidChange: changed.event,
  } as unknown as CloudConnection;
  return { connection, calls, state, changed };
}

const logger = { warn: () => undefined, info: () => undefined, error: () => undefined } as unknown as Logger;

describe('unit: the explorer provider', () => {
  let fired: (ExplorerNode | undefined)[];
  const make = (regions?: string[]) => {
    const fake = fakeConnection(regions);
    const explorer = new ExplorerProvider(fake.connection, logger);
    fired = [];
    explorer.onDidChangeTreeData((n) => void fired.push(n));
    return { explorer, ...fake };
  };

  it('lists a single region’s vaults at the root, then its database instances', async () => {
    const { explorer } = make();
    assert.deepEqual((await explorer.getChildren()).map((n) => n.kind), ['vault', 'vault', 'policies', 'instances', 'activity']);
  });

  it('shows one row per region when several are configured, and loads nothing until one is expanded', async () => {
    const { explorer, calls } = make(['r1', 'r2']);
    const roots = await explorer.getChildren();
    assert.deepEqual(roots.map((n) => n.id), ['region:r1', 'region:r2']);
    assert.equal(calls.length, 0);
    const under = await explorer.getChildren(roots[0]);
    assert.equal(under[0]?.parent, roots[0], 'children know the region row as their parent');
  });

  it('hands VS Code the same node objects on every load, so a refresh can fire for them', async () => {
    const { explorer } = make();
    const first = await explorer.getChildren();
    explorer.lists.forget();
    const again = await explorer.getChildren();
    assert.equal(again[0], first[0]);
  });

  it('refreshing one vault fetches its record and fires for that vault only', async () => {
    const { explorer, calls, state } = make();
    const [vault] = await explorer.getChildren();
    state.vaults[0] = aVault({ name: 'vault-prod', resources: [] });
    calls.length = 0;
    await explorer.refreshVault('r1', 'vault-1');
    assert.deepEqual(calls, ['showVault vault-1']);
    assert.deepEqual(fired, [vault]);
    assert.equal(vault?.kind === 'vault' && vault.vault.resources.length, 0, 'the node shows the fresh record');
  });

  it('drops a vault the cloud no longer has and redraws its list', async () => {
    const { explorer, state } = make();
    await explorer.getChildren();
    state.vaults.splice(0, 1);
    await explorer.refreshVault('r1', 'vault-1');
    assert.deepEqual(fired, [undefined]);
    assert.deepEqual((await explorer.getChildren()).map((n) => n.kind), ['vault', 'policies', 'instances', 'activity']);
  });

  it('a vault’s restore points load again after its refresh, and only its lists', async () => {
    const { explorer, calls } = make();
    const [vault] = await explorer.getChildren();
    const [, points] = await explorer.getChildren(vault);
    await explorer.getChildren(points);
    calls.length = 0;
    await explorer.getChildren(points);
    assert.deepEqual(calls, [], 'served from the model');
    await explorer.refreshVault('r1', 'vault-1');
    await explorer.getChildren(points);
    assert.deepEqual(calls, ['showVault vault-1', 'listBackups vault-1']);
  });

  it('groups backups into restore points, newest first', async () => {
    const { explorer } = make();
    const [vault] = await explorer.getChildren();
    const [, points] = await explorer.getChildren(vault);
    assert.deepEqual((await explorer.getChildren(points)).map((n) => (n.kind === 'checkpoint' ? n.checkpointId : n.kind)), ['cp-1', 'cp-2']);
  });

  it('pages with Load more: the next page is appended, once however often it is clicked', async () => {
    const { explorer, calls } = make();
    setConfiguration({ 'cbr.pageSize': 1 });
    const first = await explorer.getChildren();
    assert.deepEqual(first.map((n) => n.kind), ['vault', 'loadMore', 'policies', 'instances', 'activity']);
    const more = first[1];
    const handlers = treeCommands(explorer, { show: () => Promise.resolve() } as never, {} as never);
    await Promise.all([handlers['cbr.loadMore'](more), handlers['cbr.loadMore'](more)]);
    assert.deepEqual(calls.filter((c) => c.startsWith('listVaults')), ['listVaults 0+1', 'listVaults 1+1']);
    assert.deepEqual((await explorer.getChildren()).map((n) => n.kind), ['vault', 'vault', 'policies', 'instances', 'activity']);
  });

  it('shows one error row for a failed list, logs it, keeps the instances reachable, and Retry loads again', async () => {
    const warned: string[] = [];
    const fake = fakeConnection();
    const explorer = new ExplorerProvider(fake.connection, { ...logger, warn: (m: string) => warned.push(m) } as unknown as Logger);
    fake.state.failVaults = new CloudApiError({ kind: 'server', operation: 'cbr.listVaults', errorCode: 'BackupService.9910', requestId: 'f'.repeat(32), httpStatus: 500, message: 'Unknown error' });
    const rows = await explorer.getChildren();
    assert.deepEqual(rows.map((n) => n.kind), ['message', 'policies', 'instances', 'activity']);
    assert.ok(warned.some((w) => /BackupService\.9910/.test(w)), 'the failure is logged');
    fake.state.failVaults = undefined;
    const handlers = treeCommands(explorer, {} as never, {} as never);
    await handlers['cbr.retryLoad'](rows[0]);
    assert.deepEqual((await explorer.getChildren()).map((n) => n.kind), ['vault', 'vault', 'policies', 'instances', 'activity']);
  });

  it('tree commands ignore an argument that is not one of their nodes', async () => {
    const { explorer } = make();
    const handlers = treeCommands(explorer, { show: () => assert.fail('no details for a URI') } as never, {} as never);
    await handlers['cbr.copyId']({ scheme: 'file', path: '/tmp/x' });
    await handlers['cbr.showDetails'](undefined);
    assert.equal(recorded.clipboard, '');
    const [vault] = await explorer.getChildren();
    await handlers['cbr.copyId'](vault);
    assert.equal(recorded.clipboard, 'vault-1');
  });

  it('defect 19: a vault the user expanded opens expanded again after a sign-in (when VS Code has forgotten it)', async () => {
    const { explorer, changed } = make();
    const expand = new EventEmitter<{ element: ExplorerNode }>();
    const collapse = new EventEmitter<{ element: ExplorerNode }>();
    explorer.attach({ onDidExpandElement: expand.event, onDidCollapseElement: collapse.event } as never);
    const vault = (await explorer.getChildren()).find((n) => n.kind === 'vault');
    assert.ok(vault);
    assert.equal(explorer.getTreeItem(vault).collapsibleState, TreeItemCollapsibleState.Collapsed);
    expand.fire({ element: vault });
    changed.fire({ kind: 'signedIn' }); // a sign-in: the tree starts over
    const again = (await explorer.getChildren()).find((n) => n.id === vault.id);
    assert.ok(again);
    assert.equal(explorer.getTreeItem(again).collapsibleState, TreeItemCollapsibleState.Expanded);
    collapse.fire({ element: again });
    assert.equal(explorer.getTreeItem(again).collapsibleState, TreeItemCollapsibleState.Collapsed, 'collapsing is remembered too');
  });

  it('reveal finds a restore point by loading the lists on the way', async () => {
    const { explorer } = make();
    let revealed: ExplorerNode | undefined;
    const view = { selection: [] as ExplorerNode[], reveal: (n: ExplorerNode) => ((revealed = n), (view.selection = [n]), Promise.resolve()), onDidExpandElement: new EventEmitter().event, onDidCollapseElement: new EventEmitter().event };
    explorer.attach(view as never);
    await explorer.revealTarget({ kind: 'checkpoint', region: 'r1', vaultId: 'vault-1', checkpointId: 'cp-2' });
    assert.equal(revealed?.kind === 'checkpoint' && revealed.checkpointId, 'cp-2');
    assert.equal(revealed?.parent?.parent?.kind, 'vault');
  });

  it('shows nothing while signed out (the welcome view speaks)', async () => {
    const { explorer, connection, calls } = make();
    (connection as unknown as { state: { kind: string } }).state = { kind: 'signedOut' };
    assert.deepEqual(await explorer.getChildren(), []);
    assert.equal(calls.length, 0);
    void commands;
  });
});
