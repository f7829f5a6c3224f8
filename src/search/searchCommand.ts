import * as vscode from 'vscode';
import type { CloudConnection } from '../auth/connection';
import type { CommandSlice } from '../common/commands';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Notifier } from '../common/notifier';
import { Commands } from '../constants';
import type { RevealTarget } from '../tree/reveal';
import type { PickItem, PickList, Prompter } from '../ui/prompter';
import { inputStep, pickStep, runWizard } from '../ui/wizard';
import { normalizeQuery, searchRegion, type RegionSearch, type SearchHit } from './searchAccount';

export interface SearchDeps {
  connection: Pick<CloudConnection, 'state' | 'regions' | 'session'>;
  prompter: () => Prompter;
  reveal: (target: RevealTarget) => Promise<void>;
  logger: Pick<Logger, 'warn'>;
  messages: Pick<Notifier, 'info' | 'warn'>;
}

interface State {
  query?: string;
  hit?: SearchHit;
}

/** What the search box accepts: two characters at least, no control characters (never sent). */
export function validateQuery(value: string): string | undefined {
  const query = normalizeQuery(value);
  if (query.length < 2) {
    return vscode.l10n.t('Type at least two characters of a name, or a whole id.');
  }
  if (query.length > 128) {
    return vscode.l10n.t('Type at most 128 characters.');
  }
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(query)) {
    return vscode.l10n.t('The search cannot contain control characters.');
  }
  return undefined;
}

const ICONS: Record<SearchHit['kind'], string> = { vault: 'archive', resource: 'vm', checkpoint: 'history', instance: 'database' };

function kindLabel(hit: SearchHit): string {
  switch (hit.kind) {
    case 'vault':
      return vscode.l10n.t('vault');
    case 'resource':
      return vscode.l10n.t('resource in {0}', hit.vaultName);
    case 'checkpoint':
      return vscode.l10n.t('restore point');
    case 'instance':
      return vscode.l10n.t('database instance');
  }
}

/** Where the tree shows a hit. */
export function targetOf(hit: SearchHit): RevealTarget {
  switch (hit.kind) {
    case 'vault':
      return { kind: 'vault', region: hit.region, vaultId: hit.vaultId };
    case 'resource':
      return { kind: 'resource', region: hit.region, vaultId: hit.vaultId, resourceId: hit.resourceId };
    case 'checkpoint':
      return { kind: 'checkpoint', region: hit.region, vaultId: hit.vaultId, checkpointId: hit.checkpointId };
    case 'instance':
      return { kind: 'instance', region: hit.region, instanceId: hit.instanceId };
  }
}

/** The results as pick items, with a placeholder that names every region that could not be searched. */
export function resultList(searches: readonly RegionSearch[], several: boolean, logger: Pick<Logger, 'warn'>): PickList<SearchHit | undefined> {
  const items: PickItem<SearchHit | undefined>[] = [];
  for (const search of searches) {
    for (const hit of search.hits) {
      items.push({ label: `$(${ICONS[hit.kind]}) ${hit.name}`, description: several ? `${kindLabel(hit)} · ${hit.region}` : kindLabel(hit), detail: hit.detail, value: hit, ariaLabel: `${hit.name}, ${kindLabel(hit)}, ${hit.region}` } as PickItem<SearchHit>);
    }
  }
  const problems: string[] = [];
  for (const search of searches) {
    if (search.failure !== undefined) {
      logger.warn(`Search in ${search.region} failed: ${describeError(search.failure)}`);
      problems.push(vscode.l10n.t('{0} could not be searched: {1}', search.region, describeError(search.failure)));
    } else if (search.truncated) {
      problems.push(vscode.l10n.t('{0} has more vaults than were searched', search.region));
    }
  }
  if (items.length === 0) {
    items.push({ label: vscode.l10n.t('Nothing matches'), detail: vscode.l10n.t('Names are matched in part; ids only whole.'), value: undefined, alwaysShow: true });
  }
  const found = items.filter((i) => i.value).length;
  const summary = found === 1 ? vscode.l10n.t('1 match') : vscode.l10n.t('{0} matches', found);
  return { items, placeholder: [summary, ...problems].join(' · ') };
}

/**
 * `cbr.search`: find a vault, resource, restore point or database instance by name or id in every
 * configured region, asking the cloud (not only what the tree has loaded), and reveal it.
 * An argument (a string) is the query, for a keybinding or a test.
 */
export async function search(deps: SearchDeps, preset?: unknown): Promise<void> {
  if (deps.connection.state.kind !== 'signedIn') {
    const signIn = vscode.l10n.t('Sign in');
    if ((await deps.messages.info(vscode.l10n.t('Sign in to search your vaults and databases.'), signIn)) === signIn) {
      await vscode.commands.executeCommand(Commands.signIn);
    }
    return;
  }
  const regions = deps.connection.regions;
  const start: State = typeof preset === 'string' && !validateQuery(preset) ? { query: normalizeQuery(preset) } : {};
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Search'),
    subject: (s) => s.query,
    steps: [
      inputStep({
        when: (s) => s.query === undefined,
        prompt: vscode.l10n.t('Name or id of a vault, resource, restore point or database instance'),
        placeholder: vscode.l10n.t('e.g. web-server or a restore point id'),
        validate: validateQuery,
        keep: (s, value) => (s.query = normalizeQuery(value)),
      }),
      pickStep({
        placeholder: vscode.l10n.t('Searching {0}…', regions.join(', ')),
        items: async (s) => resultList(await Promise.all(regions.map((region) => searchRegion(deps.connection.session(region), s.query ?? ''))), regions.length > 1, deps.logger),
        keep: (s, hit: SearchHit | undefined) => (s.hit = hit),
      }),
    ],
  });
  if (state?.hit) {
    await deps.reveal(targetOf(state.hit));
  }
}

export function searchCommands(deps: SearchDeps): CommandSlice<typeof Commands.search> {
  return { [Commands.search]: (arg?: unknown) => search(deps, arg) };
}
