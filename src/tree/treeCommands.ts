import * as vscode from 'vscode';
import { CloudConnection } from '../auth/connection';
import { ExplorerProvider } from './explorerProvider';
import { ExplorerNode, LoadMoreNode, MessageNode } from './nodes';

export const DETAILS_SCHEME = 'cbr-details';

/** The cloud id a node stands for (what "Copy ID" copies). */
export function cloudIdOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'vault':
      return node.vault.id;
    case 'resource':
      return node.resource.id;
    case 'checkpoint':
      return node.checkpointId;
    case 'backup':
      return node.backup.id;
    case 'instance':
      return node.instance.id;
    case 'gaussBackup':
      return node.backup.id;
    default:
      return undefined;
  }
}

/** Every field the cloud sent for a node, for the read-only details view. */
export function detailsOf(node: ExplorerNode): unknown {
  switch (node.kind) {
    case 'vault':
      return node.vault.raw;
    case 'resource':
      return node.resource.raw;
    case 'checkpoint':
      return { checkpoint_id: node.checkpointId, vault_id: node.vault.id, backups: node.backups.map((b) => b.raw) };
    case 'backup':
      return node.backup.raw;
    case 'instance':
      return node.instance.raw;
    case 'gaussBackup':
      return node.backup.raw;
    default:
      return undefined;
  }
}

/** Serves `cbr-details:` documents: read-only JSON of a node's fields. */
export class DetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly documents = new Map<string, string>();

  show(node: ExplorerNode): Thenable<vscode.TextEditor> {
    const id = cloudIdOf(node) ?? node.id;
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${node.kind}-${id}.json` });
    this.documents.set(uri.toString(), JSON.stringify(detailsOf(node), null, 2));
    return vscode.workspace.openTextDocument(uri).then((doc) => vscode.window.showTextDocument(doc, { preview: true }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '';
  }
}

function consoleUrl(cloud: string, region: string): string | undefined {
  if (cloud === 'huaweicloud') {
    return `https://console.huaweicloud.com/cbr/?region=${encodeURIComponent(region)}#/cbr/manager/csbs/vaultList`;
  }
  if (cloud === 'opentelekomcloud') {
    return `https://console.otc.t-systems.com/cbr/?region=${encodeURIComponent(region)}#/cbr/manager/csbs/vaultList`;
  }
  return undefined;
}

export function treeCommands(explorer: ExplorerProvider, details: DetailsProvider, connection: CloudConnection) {
  return {
    loadMore: (node: LoadMoreNode) => explorer.loadMore(node),
    retryLoad: (node: MessageNode) => explorer.refresh(node.owner),
    copyId: async (node: ExplorerNode) => {
      const id = cloudIdOf(node);
      if (id) {
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
      }
    },
    showDetails: (node: ExplorerNode) => details.show(node),
    openInConsole: async (node: ExplorerNode) => {
      const url = consoleUrl(connection.cloudSettings.cloud, node.region);
      if (!url) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There is no web console for custom endpoints.'));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}
