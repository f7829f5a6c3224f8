import * as vscode from 'vscode';
import { CloudConnection } from '../auth/connection';
import { ExplorerProvider } from './explorerProvider';
import type { CommandHandler, CommandSlice } from '../common/commands';
import { Commands } from '../constants';
import { consoleUrl, type ConsoleCloud } from './consoleLinks';
import { escapeMarkdown } from './format';
import { ExplorerNode, NodeKind, Nodes } from './nodes';
import { renderNode } from './render';

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
    case 'operation':
      return node.operation.id;
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
    case 'operation':
      return node.operation.raw;
    default:
      return undefined;
  }
}

/** The kind of item a details document is about, in words. */
function kindWords(node: ExplorerNode): string {
  switch (node.kind) {
    case 'vault':
      return node.vault.billing.protectType === 'replication' ? vscode.l10n.t('Replication vault') : vscode.l10n.t('Vault');
    case 'resource':
      return vscode.l10n.t('Protected resource');
    case 'checkpoint':
      return vscode.l10n.t('Restore point');
    case 'backup':
      return vscode.l10n.t('Backup');
    case 'instance':
      return vscode.l10n.t('GaussDB(for MySQL) instance');
    case 'gaussBackup':
      return vscode.l10n.t('GaussDB(for MySQL) backup');
    case 'operation':
      return vscode.l10n.t('Operation');
    default:
      return '';
  }
}

/** The row's own Markdown tooltip: the fields a person wants first, in words and local time. */
function tooltipOf(node: ExplorerNode): string {
  const tooltip = renderNode(node, { projectIdOf: () => undefined }).tooltip;
  return tooltip instanceof vscode.MarkdownString ? tooltip.value : escapeMarkdown(tooltip ?? '');
}

/**
 * A readable details document: what the row's tooltip says (the same fields, so both always
 * agree), a restore point's backups each with theirs, and where the raw JSON is.
 */
export function readableDetails(node: ExplorerNode): string {
  const title = renderNode(node, { projectIdOf: () => undefined }).label;
  const heading = typeof title === 'string' ? title : (title?.label ?? node.id);
  const parts = [`# ${escapeMarkdown(heading)}`, '', `_${escapeMarkdown(vscode.l10n.t('{0} in {1}', kindWords(node), node.region))}_`, '', tooltipOf(node)];
  if (node.kind === 'checkpoint') {
    for (const backup of node.backups) {
      parts.push('', `## ${escapeMarkdown(backup.resourceName ?? backup.name)}`, '', tooltipOf(Nodes.backup(node, backup)));
    }
  }
  parts.push('', '---', '', escapeMarkdown(vscode.l10n.t('Every field the cloud sent: CBR: Show Raw JSON (the {0} button at the top of this editor).', '{ }')), '');
  return parts.join('\n');
}

/**
 * Serves `cbr-details:` documents: a readable Markdown page per item (`….md`), and the raw JSON
 * of every field the cloud sent (`….json`), one command away (`cbr.showRawDetails`).
 */
export class DetailsProvider implements vscode.TextDocumentContentProvider {
  private readonly documents = new Map<string, string>();

  show(node: ExplorerNode): Thenable<vscode.TextEditor> {
    const id = cloudIdOf(node) ?? node.id;
    const base = `/${node.kind}-${id}`;
    const readable = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `${base}.md` });
    this.documents.set(readable.toString(), readableDetails(node));
    this.documents.set(vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `${base}.json` }).toString(), JSON.stringify(detailsOf(node), null, 2));
    return vscode.workspace.openTextDocument(readable).then((doc) => vscode.window.showTextDocument(doc, { preview: true }));
  }

  /** The raw JSON next to a readable page (the active editor's when none is given). */
  async showRaw(arg?: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== DETAILS_SCHEME) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the details of an item first (Show Details on its row).'));
      return;
    }
    const raw = uri.with({ path: uri.path.replace(/\.md$/, '.json') });
    if (!this.documents.has(raw.toString())) {
      return;
    }
    const doc = await vscode.workspace.openTextDocument(raw);
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString()) ?? '';
  }
}

/** What "Open in Cloud Console" opens for a node (see src/commands/consoleLinks.ts), or nothing. */
export function consoleUrlOf(cloud: ConsoleCloud, node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'vault':
      return consoleUrl(cloud, node.region, { kind: 'vault', objectType: node.vault.billing.objectType });
    case 'resource':
      return consoleUrl(cloud, node.region, { kind: 'resource', type: node.resource.type, id: node.resource.id });
    case 'instance':
      return consoleUrl(cloud, node.region, { kind: 'instance', id: node.instance.id });
    default:
      return undefined;
  }
}

const NODE_KINDS: ReadonlySet<string> = new Set<NodeKind>(['region', 'vault', 'resources', 'checkpoints', 'resource', 'checkpoint', 'backup', 'instances', 'instance', 'gaussBackup', 'loadMore', 'message']);

/** The tree node a command was invoked on; undefined for anything else (the palette, a keybinding's URI). */
export function asExplorerNode(arg: unknown): ExplorerNode | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const n = arg as { kind?: unknown; id?: unknown; region?: unknown };
  return typeof n.kind === 'string' && NODE_KINDS.has(n.kind) && typeof n.id === 'string' && typeof n.region === 'string' ? (arg as ExplorerNode) : undefined;
}

/** Runs `fn` with the node of the given kinds the command was invoked on; does nothing for any other argument. */
function onNode<K extends NodeKind>(kinds: readonly K[], fn: (node: Extract<ExplorerNode, { kind: K }>) => unknown): CommandHandler {
  return (arg?: unknown) => {
    const node = asExplorerNode(arg);
    return node && (kinds as readonly string[]).includes(node.kind) ? fn(node as Extract<ExplorerNode, { kind: K }>) : undefined;
  };
}

const CLOUD_ITEMS = ['vault', 'resource', 'checkpoint', 'backup', 'instance', 'gaussBackup', 'operation'] as const;

/** The tree's part of the command table. */
export function treeCommands(explorer: ExplorerProvider, details: DetailsProvider, connection: CloudConnection): CommandSlice<TreeCommandId> {
  return {
    // VS Code passes the focused row to view-title commands; the title button still means everything.
    [Commands.refresh]: () => explorer.refresh(),
    [Commands.refreshItem]: (arg?: unknown) => {
      const node = asExplorerNode(arg);
      return node ? explorer.refresh(node) : undefined;
    },
    [Commands.loadMore]: onNode(['loadMore'], (node) => explorer.loadMore(node)),
    [Commands.showOperationTarget]: (region?: unknown, vaultId?: unknown, checkpointId?: unknown) => {
      if (typeof region !== 'string' || typeof vaultId !== 'string') {
        return undefined;
      }
      return explorer.revealTarget(typeof checkpointId === 'string' && checkpointId ? { kind: 'checkpoint', region, vaultId, checkpointId } : { kind: 'vault', region, vaultId });
    },
    [Commands.retryLoad]: onNode(['message'], (node) => explorer.refresh(node.owner)),
    [Commands.copyId]: onNode(CLOUD_ITEMS, async (node) => {
      const id = cloudIdOf(node);
      if (id) {
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
      }
    }),
    [Commands.showDetails]: onNode(CLOUD_ITEMS, (node) => details.show(node)),
    [Commands.showRawDetails]: (arg?: unknown) => details.showRaw(arg),
    [Commands.openInConsole]: onNode(['vault', 'resource', 'instance'], async (node) => {
      const url = consoleUrlOf(connection.cloudSettings.cloud, node);
      if (!url) {
        // The menu offers it only where there is a page; the palette hides it.
        void vscode.window.showInformationMessage(vscode.l10n.t('The web console has no page for this item.'));
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
  };
}

export type TreeCommandId = typeof Commands.refresh | typeof Commands.refreshItem | typeof Commands.showOperationTarget | typeof Commands.loadMore | typeof Commands.retryLoad | typeof Commands.copyId | typeof Commands.showDetails | typeof Commands.showRawDetails | typeof Commands.openInConsole;
