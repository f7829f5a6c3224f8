import * as vscode from 'vscode';
import { Vault } from '../api';
import { CloudConnection } from '../auth/connection';
import { describeError } from '../common/errors';

type Node =
  | { kind: 'region'; region: string }
  | { kind: 'vault'; region: string; vault: Vault }
  | { kind: 'message'; id: string; label: string; error?: boolean };

/** The CBR Explorer view: one root per region when there are several, vaults under each. */
export class ExplorerProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: CloudConnection) {
    this.subscription = connection.onDidChange(() => this.refresh());
  }

  refresh(node?: Node): void {
    this.changed.fire(node);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (this.connection.state.kind !== 'signedIn') {
      return []; // viewsWelcome explains and offers Sign in
    }
    if (!node) {
      const regions = this.connection.regions;
      if (regions.length === 1 && regions[0]) {
        return this.vaults(regions[0]);
      }
      return regions.map((region) => ({ kind: 'region', region }));
    }
    if (node.kind === 'region') {
      return this.vaults(node.region);
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'region': {
        const item = new vscode.TreeItem(node.region, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `region:${node.region}`;
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = 'region';
        return item;
      }
      case 'vault': {
        const item = new vscode.TreeItem(node.vault.name, vscode.TreeItemCollapsibleState.None);
        item.id = `vault:${node.region}:${node.vault.id}`;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.contextValue = 'vault';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.tooltip = node.label;
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info', node.error ? new vscode.ThemeColor('errorForeground') : undefined);
        item.contextValue = node.error ? 'error' : 'message';
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async vaults(region: string): Promise<Node[]> {
    try {
      const page = await this.connection.session(region).cbr.listVaults({ limit: 100 });
      if (page.vaults.length === 0) {
        return [{ kind: 'message', id: `empty:${region}`, label: vscode.l10n.t('No vaults in {0}', region) }];
      }
      return page.vaults.map((vault) => ({ kind: 'vault', region, vault }));
    } catch (err) {
      return [{ kind: 'message', id: `error:${region}`, label: describeError(err), error: true }];
    }
  }
}
