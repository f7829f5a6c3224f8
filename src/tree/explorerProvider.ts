import * as vscode from 'vscode';
import { CloudApiError, type GaussInstance, type Vault } from '../api';
import type { CloudConnection } from '../auth/connection';
import type { Logger } from '../common/logger';
import { readPageSize } from '../config/settings';
import { childrenOf, ChildrenContext, regionChildren } from './children';
import { applyFilter, type ViewFilter } from './filters';
import { errorNode } from './messages';
import { instanceScope, instancesScope, ListSpec, Page, PagedLists, regionScope, vaultScope } from './model/pagedLists';
import { ExplorerNode, LoadMoreNode, Nodes, owningVaultOrInstance, RegionNode } from './nodes';
import { renderNode } from './render';
import { policyFacts } from './render/policies';
import { findNode, RevealTarget } from './reveal';

export type { RevealTarget } from './reveal';


/**
 * The CBR Explorer view: a TreeDataProvider over the paged-list model. Nothing loads until its
 * parent is expanded. Nodes are kept by id, so the objects VS Code holds stay the ones a refresh
 * fires for, and what was expanded stays expanded.
 */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly lists: PagedLists;
  /** Every node handed to VS Code, by id. */
  private readonly nodes = new Map<string, ExplorerNode>();
  /** Project ids this view looked up itself, and the regions it asked for. */
  private readonly projectIds = new Map<string, string>();
  private readonly projectLookups = new Set<string>();
  private readonly subscription: vscode.Disposable;
  private readonly children: ChildrenContext;
  private view: vscode.TreeView<ExplorerNode> | undefined;
  /**
   * Ids of the rows the user expanded. VS Code forgets a row's expansion once the row is gone
   * (signed out, an error row in place of a list); a row that comes back under the same id opens
   * as it was.
   */
  private readonly expanded = new Set<string>();
  private viewSubscriptions: vscode.Disposable | undefined;

  /** The auth failure every region shows until the next sign-in or refresh: one is enough to know. */
  private authFailure: CloudApiError | undefined;
  /** Bumped at every sign-in change: an answer to a request sent before belongs to the old credentials. */
  private generation = 0;

  constructor(
    private readonly connection: CloudConnection,
    private readonly logger: Logger,
    /** Called once per auth failure (not per region or per list): the composition root tells the user. */
    private readonly onAuthFailure: (err: CloudApiError) => void = () => undefined,
  ) {
    this.lists = new PagedLists((spec, offset, limit) => this.fetchPage(spec, offset, limit), () => this.pageSize, (err) => logger.warn(`A page listener failed: ${String(err)}`));
    this.children = {
      lists: this.lists,
      regionParent: (region) => this.regionParent(region),
      failed: (owner, region, err, stale) => errorNode(logger, owner, region, err, { stale }),
    };
    this.subscription = vscode.Disposable.from(
      connection.onDidChange(() => this.reset()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cbr.pageSize')) {
          this.refresh();
        }
      }),
    );
  }

  attach(view: vscode.TreeView<ExplorerNode>): void {
    this.view = view;
    this.viewSubscriptions?.dispose();
    this.viewSubscriptions = vscode.Disposable.from(
      view.onDidExpandElement((e) => this.expanded.add(e.element.id)),
      view.onDidCollapseElement((e) => this.expanded.delete(e.element.id)),
    );
  }

  /** The view filter in force (src/tree/filters.ts); set by the composition root. */
  filterOf: () => ViewFilter | undefined = () => undefined;

  /** Redraws every row from what is loaded (a filter changed); nothing is fetched again. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  private get pageSize(): number {
    return readPageSize();
  }

  /**
   * Reloads `node` (everything when omitted). A node inside a vault or an instance reloads that
   * vault or instance: their children are built from the vault's and instance's own records.
   */
  refresh(node?: ExplorerNode): void {
    const owner = node && owningVaultOrInstance(node);
    if (owner?.kind === 'vault') {
      void this.refreshVault(owner.region, owner.vault.id);
    } else if (owner?.kind === 'instance') {
      void this.refreshInstance(owner.region, owner.instance.id);
    } else if (node && node.kind !== 'message') {
      // A region, or the instances group: the lists under it load again.
      this.lists.forget(node.kind === 'region' ? regionScope(node.region) : instancesScope(node.region));
      this.changed.fire(this.known(node));
    } else {
      // Everything loads again; what was shown stays (marked) if that fails.
      this.authFailure = undefined;
      this.lists.forget();
      this.changed.fire(undefined);
    }
  }

  /** After a sign-in, a sign-out or a settings change: nothing of what was shown may stay. */
  private reset(): void {
    this.generation += 1;
    this.authFailure = undefined;
    this.projectLookups.clear();
    this.projectIds.clear();
    this.lists.forget(undefined, { discard: true });
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  /** The first auth failure is told once and marks every region; the others are the same news. */
  private noteAuthFailure(err: unknown): void {
    if (!(err instanceof CloudApiError) || err.kind !== 'auth' || this.authFailure) {
      return;
    }
    this.authFailure = err;
    this.onAuthFailure(err);
    if (this.connection.regions.length > 1) {
      this.changed.fire(undefined); // every region redraws with the same error, without a request
    }
  }

  /**
   * Reloads a vault (after a checkpoint or an association, or when tracked work finishes): its
   * lists, and its own record (resources, used size), which sits in the region's vault list.
   */
  async refreshVault(region: string, vaultId: string): Promise<void> {
    this.lists.forget(vaultScope(region, vaultId));
    const spec = { kind: 'vaults', region } as const;
    await this.reloadRecord(spec, vaultId, () => this.connection.session(region).cbr.showVault(vaultId), (fresh: Vault) => {
      const node = this.nodes.get(Nodes.vault(region, this.regionParent(region), fresh).id);
      if (node?.kind === 'vault') {
        node.vault = fresh;
      }
      return node;
    });
  }

  /** Reloads an instance (status) and its backups. */
  async refreshInstance(region: string, instanceId: string): Promise<void> {
    this.lists.forget(instanceScope(region, instanceId));
    const spec = { kind: 'instances', region } as const;
    const group = Nodes.instances(region, this.regionParent(region));
    await this.reloadRecord(spec, instanceId, async () => (await this.connection.session(region).gaussdb.listInstances({ id: instanceId, limit: 1 })).instances.find((i) => i.id === instanceId), (fresh: GaussInstance) => {
      const node = this.nodes.get(Nodes.instance(group, fresh).id);
      if (node?.kind === 'instance') {
        node.instance = fresh;
      }
      return node;
    });
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    if (await this.lists.more(node.list)) {
      this.changed.fire(node.owner && this.known(node.owner));
    }
  }

  /** Selects and shows the node for a target, expanding its parents. */
  async revealTarget(target: RevealTarget): Promise<void> {
    const node = await findNode(target, { regionParent: (r) => this.regionParent(r), children: (n) => this.getChildren(n) });
    if (!node || !this.view) {
      return;
    }
    // A reveal that arrives while the view redraws after a refresh can be dropped without an
    // error; try again a few times until the row is selected.
    for (let attempt = 0; attempt < 4; attempt++) {
      await this.view.reveal(node, { select: true, focus: true, expand: target.kind === 'vault' ? false : 1 });
      if (this.view.selection.some((n) => n.id === node.id)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // Until the stored credentials are read the view shows its progress bar, not an empty tree.
    await this.connection.loaded;
    if (this.connection.state.kind !== 'signedIn') {
      return []; // the welcome view explains and offers Sign in
    }
    let built: ExplorerNode[];
    if (!node) {
      const regions = this.connection.regions;
      built = regions.length === 1 && regions[0] ? await regionChildren(this.children, regions[0]) : regions.map((region) => Nodes.region(region));
    } else {
      if (node.kind === 'region') {
        this.lookUpProject(node);
      }
      try {
        built = applyFilter(node, node.region, await childrenOf(this.children, node), this.filterOf());
      } catch (err) {
        built = [this.children.failed(node, node.region, err)];
      }
    }
    return built.map((n) => this.intern(n));
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const row = renderNode(node, { projectIdOf: (region) => this.projectOf(region), ...policyFacts(this.lists) });
    if (row.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && this.expanded.has(node.id)) {
      row.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return row;
  }

  dispose(): void {
    this.viewSubscriptions?.dispose();
    this.subscription.dispose();
    this.changed.dispose();
    this.lists.dispose();
  }

  // ------------------------------------------------------------------ internals

  private fetchPage(spec: ListSpec, offset: number, limit: number): Promise<Page<unknown>> {
    if (this.authFailure) {
      return Promise.reject(this.authFailure); // the cloud refused the credentials: no point asking again
    }
    const generation = this.generation;
    return fetchListPage(this.connection, spec, offset, limit).catch((err: unknown) => {
      if (generation === this.generation) {
        this.noteAuthFailure(err); // a refusal of credentials replaced since says nothing about the new ones
      }
      throw err;
    });
  }

  /** The node VS Code knows for this id (the same object), keeping its data up to date. */
  private intern(node: ExplorerNode): ExplorerNode {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) {
      for (const key of Object.keys(existing)) {
        if (!(key in node)) {
          delete (existing as unknown as Record<string, unknown>)[key]; // e.g. `stale` after a good load
        }
      }
      Object.assign(existing, node);
      return existing;
    }
    this.nodes.set(node.id, node);
    return node;
  }

  private known(node: ExplorerNode): ExplorerNode | undefined {
    return this.nodes.get(node.id);
  }

  private regionParent(region: string): RegionNode | undefined {
    if (this.connection.regions.length === 1) {
      return undefined;
    }
    const node = Nodes.region(region);
    return (this.nodes.get(node.id) as RegionNode | undefined) ?? node;
  }

  /**
   * Fetches a vault's or instance's record again and puts it in place in its region's list (or
   * drops it from there when the cloud no longer has it), then redraws just that row: the node
   * itself when it is still there, else the list's owner. A failure reloads the whole list.
   */
  private async reloadRecord<T extends { id: string }>(spec: Extract<ListSpec, { kind: 'vaults' | 'instances' }>, id: string, fetch: () => Promise<T | undefined>, update: (fresh: T) => ExplorerNode | undefined): Promise<void> {
    const listed = this.lists.peek(spec)?.items.some((item) => item.id === id);
    if (!listed) {
      return; // not shown: it loads fresh when its list is first expanded
    }
    const owner = spec.kind === 'vaults' ? this.regionParent(spec.region) : this.known(Nodes.instances(spec.region, this.regionParent(spec.region)));
    let fresh: T | undefined;
    try {
      fresh = await fetch();
    } catch (err) {
      if (!(err instanceof CloudApiError && err.kind === 'notFound')) {
        this.logger.warn(`Reloading ${id} failed; reloading its list`);
        this.lists.forgetList(spec);
        this.changed.fire(owner && this.known(owner));
        return;
      }
    }
    if (fresh && this.lists.replace(spec, fresh as never)) {
      const node = update(fresh);
      this.changed.fire(node ?? (owner && this.known(owner)));
    } else if (!fresh && this.lists.remove(spec, id)) {
      this.changed.fire(owner && this.known(owner));
    }
  }

  private projectOf(region: string): string | undefined {
    return this.connection.cloudSettings.projectIds[region] ?? this.connection.knownProjectId(region) ?? this.projectIds.get(region);
  }

  /**
   * Looks a region's project id up once, when the region is expanded (after a reload it is not
   * known until the region's session has asked), and redraws the region when it arrives.
   */
  private lookUpProject(node: RegionNode): void {
    if (this.projectOf(node.region) || this.projectLookups.has(node.region)) {
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
        this.changed.fire(this.known(node));
      },
      () => undefined,
    );
  }
}

/** One page of a list from the cloud. */
export async function fetchListPage(connection: Pick<CloudConnection, 'session'>, spec: ListSpec, offset: number, limit: number): Promise<Page<unknown>> {
  const session = connection.session(spec.region);
  switch (spec.kind) {
    case 'vaults': {
      const page = await session.cbr.listVaults({ offset, limit });
      return { items: page.vaults, total: page.count };
    }
    case 'vaultBackups': {
      const page = await session.cbr.listBackups({ vaultId: spec.vault.id, sort: 'created_at:desc', showReplication: true, offset, limit });
      return { items: page.backups, total: page.count };
    }
    case 'resourceBackups': {
      const page = await session.cbr.listBackups({ vaultId: spec.vault.id, resourceId: spec.resource.id, sort: 'created_at:desc', showReplication: true, offset, limit });
      return { items: page.backups, total: page.count };
    }
    case 'instances': {
      const page = await session.gaussdb.listInstances({ offset, limit: Math.min(limit, 100) });
      return { items: page.instances, total: page.totalCount };
    }
    case 'instanceBackups': {
      const page = await session.gaussdb.listBackups({ instanceId: spec.instance.id, offset, limit: Math.min(limit, 100) });
      return { items: page.backups, total: page.totalCount };
    }
    case 'operations': {
      // The cloud lists operation logs newest first (created_at descending).
      const page = await session.cbr.listOperationLogs({ offset, limit: Math.min(limit, 1000) });
      return { items: page.operationLogs, total: page.count };
    }
    case 'policies': {
      // ListPolicies is not paged (no limit or offset documented): the whole list is one page.
      const page = await session.policies.listPolicies();
      return { items: offset === 0 ? page.policies : [], total: page.policies.length };
    }
  }
}
