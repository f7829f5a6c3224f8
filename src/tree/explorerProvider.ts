import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { CloudConnection } from '../auth/connection';
import { describeError } from '../common/errors';
import { Commands } from '../constants';
import { absoluteTime, gb, isInProgress, mb, relativeTime, resourceType, statusIcon, statusLabel, toneOf } from './format';
import { CheckpointNode, ContextValue, ExplorerNode, groupByCheckpoint, MessageNode } from './nodes';

/** What the tree can be asked to reveal, and what it reports as in progress. */
export type RevealTarget =
  | { kind: 'checkpoint'; region: string; vaultId: string; checkpointId: string }
  | { kind: 'gaussBackup'; region: string; instanceId: string; backupId: string }
  | { kind: 'vault'; region: string; vaultId: string };

interface Page {
  items: unknown[];
  total: number;
}

/** A fetched page of backups, for whoever follows what is on it (tracking). */
export type FetchedPage =
  | { kind: 'backups'; region: string; vaultId: string; backups: readonly import('../api').Backup[] }
  | { kind: 'gaussBackups'; region: string; instanceId: string; backups: readonly import('../api').GaussBackup[] };

const PAGE_SIZE_DEFAULT = 100;

/**
 * The CBR Explorer view: regions, vaults, their resources and restore points, database
 * instances and their backups. Nothing loads until its parent is expanded; each list loads one
 * page and offers "Load more"; a failed load is one error node with a retry.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly fetchedPage = new vscode.EventEmitter<FetchedPage>();
  /** Every page of restore points or database backups a load fetched (tracking follows what is being made). */
  readonly onDidFetchPage = this.fetchedPage.event;
  private readonly pages = new Map<string, Page>();
  /** First pages being fetched: VS Code and a reveal may ask for the same children at once. */
  private readonly firstPages = new Map<string, Promise<Page>>();
  private readonly loadingMore = new Set<string>();
  /** Project ids this view looked up itself, and the regions it asked for. */
  private readonly projectIds = new Map<string, string>();
  private readonly projectLookups = new Set<string>();
  private readonly subscription: vscode.Disposable;
  private view: vscode.TreeView<ExplorerNode> | undefined;

  constructor(private readonly connection: CloudConnection) {
    this.subscription = vscode.Disposable.from(
      connection.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cbr.pageSize')) {
          this.refresh();
        }
      }),
    );
  }

  attach(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
  }

  private get pageSize(): number {
    return Math.min(1000, Math.max(1, vscode.workspace.getConfiguration('cbr').get<number>('pageSize', PAGE_SIZE_DEFAULT)));
  }

  /**
   * Reloads `node` (everything when omitted). A node inside a vault or an instance reloads that
   * vault or instance: their children are built from the vault's and instance's own records.
   */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      // Also after a sign-in as someone else: look the project ids up again.
      this.projectLookups.clear();
      this.projectIds.clear();
    }
    const owner = node && owningVaultOrInstance(node);
    if (owner?.kind === 'vault') {
      void this.refreshVault(owner.region, owner.vault.id);
    } else if (owner?.kind === 'instance') {
      void this.refreshInstance(owner.region, owner.instance.id);
    } else {
      this.forget(node ? (key) => key === node.id || key.startsWith(`${node.id}/`) : () => true);
      this.changed.fire(node);
    }
  }

  /**
   * Reloads a vault (after a checkpoint or an association, or when tracked work finishes): its
   * lists, and its own record (resources, used size), which sits in the region's vault list.
   */
  async refreshVault(region: string, vaultId: string): Promise<void> {
    const regionKey = this.regionKey(region);
    await this.reloadListed(regionKey, `${regionKey}/vault/${vaultId}`, vaultId, () => this.connection.session(region).cbr.showVault(vaultId));
  }

  /** Reloads an instance (status) and its backups. */
  async refreshInstance(region: string, instanceId: string): Promise<void> {
    const listKey = `${this.regionKey(region)}/instances`;
    await this.reloadListed(listKey, `${listKey}/${instanceId}`, instanceId, async () => {
      const { instances } = await this.connection.session(region).gaussdb.listInstances({ id: instanceId, limit: 1 });
      return instances.find((i) => i.id === instanceId);
    });
  }

  async loadMore(node: LoadMoreNodeLike): Promise<void> {
    const key = node.owner?.id ?? this.rootKey();
    if (this.loadingMore.has(key)) {
      return; // a second click while the page is on its way
    }
    this.loadingMore.add(key);
    try {
      const page = this.pages.get(key);
      const fetcher = this.fetchers.get(key);
      if (!page || !fetcher) {
        return;
      }
      const next = await fetcher(page.items.length, this.pageSize);
      page.items.push(...next.items);
      page.total = next.total;
      this.changed.fire(node.owner);
    } finally {
      this.loadingMore.delete(key);
    }
  }

  /** Selects and shows the node for a target, expanding its parents. */
  async revealTarget(target: RevealTarget): Promise<void> {
    const node = await this.nodeFor(target);
    if (node && this.view) {
      await this.view.reveal(node, { select: true, focus: true, expand: target.kind === 'vault' ? false : 1 });
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (this.connection.state.kind !== 'signedIn') {
      return []; // the welcome view explains and offers Sign in
    }
    if (!node) {
      const regions = this.connection.regions;
      if (regions.length === 1 && regions[0]) {
        return this.regionChildren(regions[0], undefined);
      }
      return regions.map((region) => ({ kind: 'region', id: `region:${region}`, region }));
    }
    try {
      return await this.childrenOf(node);
    } catch (err) {
      return [this.errorNode(node, err)];
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const set = (contextValue: ContextValue): void => {
      item.contextValue = contextValue;
    };
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'region': {
        item.label = node.region;
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        item.description = this.projectOf(node.region);
        if (!item.description) {
          this.lookUpProject(node);
        }
        item.iconPath = new vscode.ThemeIcon('globe');
        set('region');
        break;
      }
      case 'vault': {
        const { vault } = node;
        const b = vault.billing;
        item.label = vault.name;
        item.collapsibleState = collapsed;
        item.description = `${b.objectType ?? ''} · ${mb(b.used)} / ${gb(b.size)}`;
        item.tooltip = new vscode.MarkdownString(
          [
            `**${vault.name}**`,
            '',
            `${vscode.l10n.t('ID')}: \`${vault.id}\``,
            `${vscode.l10n.t('Billing status')}: ${b.status ?? '—'}`,
            `${vscode.l10n.t('Protection type')}: ${b.protectType ?? '—'}`,
            `${vscode.l10n.t('Consistency level')}: ${b.consistentLevel ?? '—'}`,
            `${vscode.l10n.t('Created')}: ${absoluteTime(vault.createdAt)}`,
          ].join('  \n'),
        );
        item.iconPath = statusIcon(b.status === 'available' ? 'neutral' : b.status, b.protectType === 'replication' ? 'mirror' : 'archive');
        set(b.protectType === 'replication' ? 'vault:replication' : 'vault');
        break;
      }
      case 'resources':
      case 'checkpoints': {
        item.label = node.kind === 'resources' ? vscode.l10n.t('Resources') : vscode.l10n.t('Restore points');
        item.collapsibleState = collapsed;
        item.iconPath = new vscode.ThemeIcon(node.kind === 'resources' ? 'symbol-class' : 'history');
        if (node.kind === 'resources') {
          item.description = String(node.vault.resources.length);
        }
        set(node.kind === 'resources' ? 'group:resources' : 'group:checkpoints');
        break;
      }
      case 'resource': {
        const { resource } = node;
        const type = resourceType(resource.type);
        item.label = resource.name;
        item.collapsibleState = collapsed;
        item.description = [type.label, statusLabel(resource.protectStatus), gb(resource.size), resource.backupCount === 1 ? vscode.l10n.t('1 backup') : vscode.l10n.t('{0} backups', resource.backupCount ?? 0)].join(' · ');
        item.tooltip = `${resource.name}\n${resource.type}\n${resource.id}`;
        item.iconPath = toneOf(resource.protectStatus) === 'ok' || !resource.protectStatus ? new vscode.ThemeIcon(type.icon) : statusIcon(resource.protectStatus, type.icon);
        set('resource');
        break;
      }
      case 'checkpoint': {
        const status = checkpointStatus(node);
        item.label = node.name;
        item.collapsibleState = collapsed;
        item.description = `${relativeTime(node.createdAt)} · ${statusLabel(status)}`;
        item.tooltip = `${node.name}\n${vscode.l10n.t('Restore point')} ${node.checkpointId}\n${absoluteTime(node.createdAt)}`;
        item.iconPath = statusIcon(status, 'history');
        set(isInProgress(status) ? 'checkpoint:inflight' : 'checkpoint');
        break;
      }
      case 'backup': {
        const { backup } = node;
        item.label = node.labelBy === 'resource' ? (backup.resourceName ?? backup.name) : backup.name;
        item.description = [node.labelBy === 'backup' ? relativeTime(backup.createdAt) : undefined, gb(backup.resourceSize), statusLabel(backup.status)].filter(Boolean).join(' · ');
        item.tooltip = `${backup.name}\n${backup.id}\n${absoluteTime(backup.createdAt)}`;
        item.iconPath = statusIcon(backup.status, 'file-binary');
        set('backup');
        break;
      }
      case 'instances': {
        item.label = vscode.l10n.t('Database instances');
        item.description = 'GaussDB(for MySQL)';
        item.collapsibleState = collapsed;
        item.iconPath = new vscode.ThemeIcon('database');
        set('instances');
        break;
      }
      case 'instance': {
        item.label = node.instance.name;
        item.collapsibleState = collapsed;
        item.description = statusLabel(node.instance.status);
        item.tooltip = `${node.instance.name}\n${node.instance.id}\n${node.instance.datastore?.type ?? ''} ${node.instance.datastore?.version ?? ''}`;
        item.iconPath = statusIcon(node.instance.status === 'normal' ? 'neutral' : node.instance.status, 'database');
        set('instance');
        break;
      }
      case 'gaussBackup': {
        const { backup } = node;
        item.label = backup.name;
        item.description = [statusLabel(backup.status), mb(backup.size), backup.type, relativeTime(backup.beginTime)].filter(Boolean).join(' · ');
        item.tooltip = `${backup.name}\n${backup.id}\n${absoluteTime(backup.beginTime)}`;
        item.iconPath = statusIcon(backup.status, 'file-binary');
        set('gaussBackup');
        break;
      }
      case 'loadMore': {
        item.label = vscode.l10n.t('Load more…');
        // Restore points are built from backups, so their page counts backups, not restore points.
        item.description = node.owner?.kind === 'checkpoints'
          ? vscode.l10n.t('{0} of {1} backups loaded', node.shown, node.total)
          : vscode.l10n.t('{0} of {1} shown', node.shown, node.total);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: Commands.loadMore, title: vscode.l10n.t('Load more…'), arguments: [node] };
        set('loadMore');
        break;
      }
      case 'message': {
        item.label = node.label;
        item.tooltip = node.detail ?? node.label;
        item.description = node.detail;
        if (node.severity === 'error') {
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
          item.command = node.signInAgain
            ? { command: Commands.signIn, title: vscode.l10n.t('Sign in again') }
            : { command: Commands.retryLoad, title: vscode.l10n.t('Retry'), arguments: [node] };
          set('error');
        } else {
          item.iconPath = new vscode.ThemeIcon('info');
          set('empty');
        }
        break;
      }
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.fetchedPage.dispose();
  }

  // ------------------------------------------------------------------ loading

  /** How to fetch the next page of each owner's list (filled as lists are first loaded). */
  private readonly fetchers = new Map<string, (offset: number, limit: number) => Promise<{ items: unknown[]; total: number }>>();

  private async childrenOf(node: ExplorerNode): Promise<ExplorerNode[]> {
    const cbr = () => this.connection.session(node.region).cbr;
    const gauss = () => this.connection.session(node.region).gaussdb;
    switch (node.kind) {
      case 'region':
        return this.regionChildren(node.region, node);
      case 'vault':
        return [
          { kind: 'resources', id: `${node.id}/resources`, region: node.region, vault: node.vault, parent: node },
          { kind: 'checkpoints', id: `${node.id}/checkpoints`, region: node.region, vault: node.vault, parent: node },
        ];
      case 'resources':
        if (node.vault.resources.length === 0) {
          return [this.emptyNode(node, vscode.l10n.t('No resources are associated with this vault'))];
        }
        return node.vault.resources.map((resource) => ({ kind: 'resource', id: `${node.id}/${resource.id}`, region: node.region, vault: node.vault, resource, parent: node }));
      case 'checkpoints':
        return this.paged(node, vscode.l10n.t('No restore points yet'), async (offset, limit) => {
          const page = await cbr().listBackups({ vaultId: node.vault.id, sort: 'created_at:desc', offset, limit });
          return { items: page.backups, total: page.count };
        }, (items) => {
          const groups = groupByCheckpoint(items as Parameters<typeof groupByCheckpoint>[0]);
          const nodes: CheckpointNode[] = groups.map((g) => ({
            kind: 'checkpoint',
            id: `${node.id}/${g.checkpointId}`,
            region: node.region,
            vault: node.vault,
            checkpointId: g.checkpointId,
            name: g.backups[0]?.name ?? g.checkpointId,
            createdAt: g.backups[0]?.createdAt,
            backups: g.backups,
            parent: node,
          }));
          this.fetchedPage.fire({ kind: 'backups', region: node.region, vaultId: node.vault.id, backups: items as import('../api').Backup[] });
          return nodes;
        });
      case 'checkpoint':
        return node.backups.map((backup) => ({ kind: 'backup', id: `${node.id}/${backup.id}`, region: node.region, backup, labelBy: 'resource', parent: node }));
      case 'resource':
        return this.paged(node, vscode.l10n.t('No backups of this resource yet'), async (offset, limit) => {
          const page = await cbr().listBackups({ vaultId: node.vault.id, resourceId: node.resource.id, sort: 'created_at:desc', offset, limit });
          return { items: page.backups, total: page.count };
        }, (items) => (items as import('../api').Backup[]).map((backup) => ({ kind: 'backup', id: `${node.id}/${backup.id}`, region: node.region, backup, labelBy: 'backup', parent: node })));
      case 'instances':
        return this.paged(node, vscode.l10n.t('No GaussDB(for MySQL) instances in this region'), async (offset, limit) => {
          const page = await gauss().listInstances({ offset, limit: Math.min(limit, 100) });
          return { items: page.instances, total: page.totalCount };
        }, (items) => (items as import('../api').GaussInstance[]).map((instance) => ({ kind: 'instance', id: `${node.id}/${instance.id}`, region: node.region, instance, parent: node })));
      case 'instance':
        return this.paged(node, vscode.l10n.t('No backups of this instance yet'), async (offset, limit) => {
          const page = await gauss().listBackups({ instanceId: node.instance.id, offset, limit: Math.min(limit, 100) });
          return { items: page.backups, total: page.totalCount };
        }, (items) => {
          const backups = items as import('../api').GaussBackup[];
          this.fetchedPage.fire({ kind: 'gaussBackups', region: node.region, instanceId: node.instance.id, backups });
          return backups.map((backup) => ({ kind: 'gaussBackup', id: `${node.id}/${backup.id}`, region: node.region, instance: node.instance, backup, parent: node }));
        });
      default:
        return [];
    }
  }

  private async regionChildren(region: string, parent: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    const regionKey = this.regionKey(region);
    let vaults: ExplorerNode[];
    try {
      vaults = await this.paged(parent, vscode.l10n.t('No vaults in {0}', region), async (offset, limit) => {
        const page = await this.connection.session(region).cbr.listVaults({ offset, limit });
        return { items: page.vaults, total: page.count };
      }, (items) => (items as import('../api').Vault[]).map((vault) => ({ kind: 'vault', id: `${regionKey}/vault/${vault.id}`, region, vault, parent })), regionKey);
    } catch (err) {
      vaults = [this.errorNode(parent, err, region)];
    }
    return [...vaults, { kind: 'instances', id: `${regionKey}/instances`, region, parent }];
  }

  /** One page per owner, cached; renders what is loaded plus "Load more" while more exist. */
  private async paged(
    owner: ExplorerNode | undefined,
    emptyLabel: string,
    fetch: (offset: number, limit: number) => Promise<{ items: unknown[]; total: number }>,
    render: (items: unknown[]) => ExplorerNode[],
    ownerKey = owner?.id ?? this.rootKey(),
  ): Promise<ExplorerNode[]> {
    let page = this.pages.get(ownerKey);
    if (!page) {
      let loading = this.firstPages.get(ownerKey);
      if (!loading) {
        const started: Promise<Page> = fetch(0, this.pageSize).then(
          (first) => {
            const loadedPage = { items: [...first.items], total: first.total };
            // Kept only if no refresh forgot this owner while the request was out.
            if (this.firstPages.get(ownerKey) === started) {
              this.firstPages.delete(ownerKey);
              this.pages.set(ownerKey, loadedPage);
              this.fetchers.set(ownerKey, fetch);
            }
            return loadedPage;
          },
          (err: unknown) => {
            if (this.firstPages.get(ownerKey) === started) {
              this.firstPages.delete(ownerKey);
            }
            throw err;
          },
        );
        loading = started;
        this.firstPages.set(ownerKey, loading);
      }
      page = await loading;
    }
    if (page.items.length === 0) {
      return [this.emptyNode(owner, emptyLabel, ownerKey)];
    }
    const nodes = render(page.items);
    if (page.items.length < page.total) {
      nodes.push({ kind: 'loadMore', id: `${ownerKey}/more`, region: owner?.region ?? '', owner, shown: page.items.length, total: page.total, parent: owner });
    }
    return nodes;
  }

  private errorNode(owner: ExplorerNode | undefined, err: unknown, region = owner?.region ?? ''): MessageNode {
    const auth = err instanceof CloudApiError && err.kind === 'auth';
    const what = auth ? vscode.l10n.t('Sign in again') : vscode.l10n.t('Retry');
    return {
      kind: 'message',
      id: `${owner?.id ?? this.regionKey(region)}/error`,
      region,
      severity: 'error',
      label: vscode.l10n.t('Could not load: {0}', describeError(err)),
      detail: what,
      owner,
      signInAgain: auth,
      parent: owner,
    };
  }

  private emptyNode(owner: ExplorerNode | undefined, label: string, key = owner?.id ?? this.rootKey()): MessageNode {
    return { kind: 'message', id: `${key}/empty`, region: owner?.region ?? '', severity: 'info', label, parent: owner };
  }

  private regionKey(region: string): string {
    return this.connection.regions.length === 1 ? 'root' : `region:${region}`;
  }

  private rootKey(): string {
    return 'root';
  }

  private projectOf(region: string): string | undefined {
    return this.connection.cloudSettings.projectIds[region] ?? this.connection.knownProjectId(region) ?? this.projectIds.get(region);
  }

  /**
   * Looks a region's project id up once (after a reload it is not known until the region's
   * session has asked), and redraws the region when it arrives. A failed lookup is not
   * repeated until the next full refresh.
   */
  private lookUpProject(node: ExplorerNode): void {
    if (this.projectLookups.has(node.region) || this.connection.state.kind !== 'signedIn') {
      return;
    }
    this.projectLookups.add(node.region);
    let lookup: Promise<string>;
    try {
      lookup = this.connection.session(node.region).getProjectId();
    } catch {
      return; // a region the settings name wrongly: its vault list shows the error
    }
    lookup.then(
      (id) => {
        this.projectIds.set(node.region, id);
        this.changed.fire(node);
      },
      () => undefined,
    );
  }

  /** Drops loaded pages, and first pages still being fetched, whose owner key matches. */
  private forget(matches: (key: string) => boolean): void {
    for (const map of [this.pages, this.firstPages]) {
      for (const key of [...map.keys()]) {
        if (matches(key)) {
          map.delete(key);
        }
      }
    }
  }

  /**
   * Drops the pages of `ownKey` and below, fetches the item `id` again and puts it in place in
   * the list `listKey` (or drops it from there when the cloud no longer has it), then redraws.
   * Nodes are rebuilt with the same ids, so what was expanded stays expanded.
   */
  private async reloadListed(listKey: string, ownKey: string, id: string, fetchItem: () => Promise<{ id: string } | undefined>): Promise<void> {
    this.forget((key) => key === ownKey || key.startsWith(`${ownKey}/`));
    const list = this.pages.get(listKey);
    if (list?.items.some((item) => (item as { id: string }).id === id)) {
      let fresh: { id: string } | undefined;
      let failed = false;
      try {
        fresh = await fetchItem();
      } catch (err) {
        failed = !(err instanceof CloudApiError && err.kind === 'notFound');
      }
      // Looked up again: the list may have been reloaded or changed while the request was out.
      const index = this.pages.get(listKey) === list ? list.items.findIndex((item) => (item as { id: string }).id === id) : -1;
      if (failed) {
        // The whole list loads again, and shows the error node if the cloud still fails.
        this.forget((key) => key === listKey);
      } else if (index >= 0 && fresh) {
        list.items[index] = fresh;
      } else if (index >= 0) {
        list.items.splice(index, 1);
        list.total = Math.max(0, list.total - 1);
      }
    }
    this.changed.fire(undefined);
  }

  /**
   * The deepest node of the target that can be shown: the lists on the way are loaded first
   * (their first page, as expanding them would), so a restore point the tree has not shown yet
   * is found too; what is beyond the loaded pages falls back to its group.
   */
  private async nodeFor(target: RevealTarget): Promise<ExplorerNode | undefined> {
    const regions = this.connection.regions;
    const regionNode: ExplorerNode | undefined = regions.length === 1 ? undefined : { kind: 'region', id: `region:${target.region}`, region: target.region };
    const regionKey = this.regionKey(target.region);
    const loaded = async <T>(owner: ExplorerNode | undefined, key: string): Promise<T[]> => {
      if (!this.pages.has(key)) {
        await this.getChildren(owner); // an error node is fine: the reveal stops at the owner
      }
      return (this.pages.get(key)?.items ?? []) as T[];
    };
    if (target.kind === 'gaussBackup') {
      const instancesNode: ExplorerNode = { kind: 'instances', id: `${regionKey}/instances`, region: target.region, parent: regionNode };
      const instance = (await loaded<import('../api').GaussInstance>(instancesNode, instancesNode.id)).find((i) => i.id === target.instanceId);
      if (!instance) {
        return instancesNode;
      }
      const instanceNode: ExplorerNode = { kind: 'instance', id: `${instancesNode.id}/${instance.id}`, region: target.region, instance, parent: instancesNode };
      const backup = (await loaded<import('../api').GaussBackup>(instanceNode, instanceNode.id)).find((b) => b.id === target.backupId);
      return backup ? { kind: 'gaussBackup', id: `${instanceNode.id}/${backup.id}`, region: target.region, instance, backup, parent: instanceNode } : instanceNode;
    }
    const vault = (await loaded<import('../api').Vault>(regionNode, regionKey)).find((v) => v.id === target.vaultId);
    if (!vault) {
      return regionNode;
    }
    const vaultNode: ExplorerNode = { kind: 'vault', id: `${regionKey}/vault/${vault.id}`, region: target.region, vault, parent: regionNode };
    if (target.kind === 'vault') {
      return vaultNode;
    }
    const group: ExplorerNode = { kind: 'checkpoints', id: `${vaultNode.id}/checkpoints`, region: target.region, vault, parent: vaultNode };
    const backups = (await loaded<import('../api').Backup>(group, group.id)).filter((b) => b.checkpointId === target.checkpointId);
    if (backups.length === 0) {
      return group;
    }
    return { kind: 'checkpoint', id: `${group.id}/${target.checkpointId}`, region: target.region, vault, checkpointId: target.checkpointId, name: backups[0]?.name ?? target.checkpointId, createdAt: backups[0]?.createdAt, backups, parent: group };
  }
}

type LoadMoreNodeLike = { owner: ExplorerNode | undefined };

/** The vault or instance whose records a node is drawn from, if any (load-more and message nodes have their owner as parent). */
function owningVaultOrInstance(node: ExplorerNode): Extract<ExplorerNode, { kind: 'vault' | 'instance' }> | undefined {
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) {
    if (n.kind === 'vault' || n.kind === 'instance') {
      return n;
    }
  }
  return undefined;
}
/** A restore point is in progress while any backup is; in error when any failed. */
export function checkpointStatus(node: CheckpointNode): string {
  const statuses = node.backups.map((b) => b.status);
  const busy = statuses.find((s) => isInProgress(s));
  if (busy) {
    return busy;
  }
  if (statuses.some((s) => toneOf(s) === 'bad')) {
    return 'error';
  }
  return 'available';
}
