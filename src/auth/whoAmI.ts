import * as vscode from 'vscode';
import { regionDisplayName, type Credentials } from '../api';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Notifier } from '../common/notifier';
import { Commands } from '../constants';
import type { CloudConnection } from './connection';
import type { CredentialStore } from './credentialStore';

/** Who is signed in, without any secret: what the view's description and "Who Am I?" show. */
export interface Identity {
  kind: Credentials['kind'];
  cloud: string;
  account?: string;
  user?: string;
  /** The access key id (not the secret key). */
  accessKey?: string;
  /** A pasted token's expiry (a password's tokens are renewed; an access key does not expire). */
  tokenExpiresAt?: Date;
  projects: { region: string; projectId?: string }[];
}

/** How long before a pasted token expires the user is warned (once per token). */
export const TOKEN_WARNING_MS = 10 * 60_000;

type Connection = Pick<CloudConnection, 'state' | 'regions' | 'cloud' | 'onDidChange' | 'session' | 'knownProjectId'>;

/**
 * Keeps the view's description on who is signed in ("demo-user @ demo-domain"), answers
 * `cbr.whoAmI`, and warns once before a pasted IAM token expires.
 */
export class WhoAmI implements vscode.Disposable {
  private current: Identity | undefined;
  private warnTimer: ReturnType<typeof setTimeout> | undefined;
  private warnedFor: number | undefined;
  private generation = 0;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: Connection,
    private readonly store: Pick<CredentialStore, 'read'>,
    private readonly view: Pick<vscode.TreeView<unknown>, 'description'>,
    private readonly notifier: Notifier,
    private readonly logger: Logger,
  ) {
    this.subscription = connection.onDidChange(() => void this.update());
    void this.update();
  }

  /** Who is signed in now, with every region's project (looked up when not known yet). */
  async identity(): Promise<Identity | undefined> {
    const known = this.current ?? (await this.update());
    if (!known) {
      return undefined;
    }
    const projects = await Promise.all(
      this.connection.regions.map(async (region) => {
        const projectId = this.connection.knownProjectId(region) ?? (await this.connection.session(region).getProjectId().catch(() => undefined));
        return { region, projectId };
      }),
    );
    return { ...known, projects };
  }

  /** `cbr.whoAmI`: the identity in a modal; returns it (for tests and keybindings). */
  async show(): Promise<Identity | undefined> {
    const who = await this.identity();
    if (!who) {
      const signIn = vscode.l10n.t('Sign in');
      void vscode.window.showInformationMessage(vscode.l10n.t('Not signed in to Cloud Backup and Recovery.'), signIn).then((pick) => {
        if (pick === signIn) {
          void vscode.commands.executeCommand(Commands.signIn);
        }
      });
      return undefined;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0}', who.cloud), { modal: true, detail: describeIdentity(who) });
    return who;
  }

  dispose(): void {
    this.clearTimer();
    this.subscription.dispose();
  }

  private async update(): Promise<Identity | undefined> {
    const generation = ++this.generation;
    this.clearTimer();
    if (this.connection.state.kind !== 'signedIn') {
      this.current = undefined;
      this.view.description = undefined;
      return undefined;
    }
    const stored = await this.store.read();
    if (!stored || generation !== this.generation) {
      return this.current;
    }
    const c = stored.credentials;
    let who: Identity = {
      kind: c.kind,
      cloud: this.connection.cloud,
      ...(c.kind === 'password' ? { account: c.domainName, user: c.userName } : {}),
      ...(c.kind === 'aksk' ? { accessKey: c.accessKey } : {}),
      projects: [],
    };
    const region = this.connection.regions[0];
    if (c.kind === 'token' && region) {
      try {
        const info = await this.connection.session(region).describeToken();
        who = { ...who, account: info?.domainName, user: info?.userName, tokenExpiresAt: info?.expiresAt };
      } catch (err) {
        this.logger.warn(`Could not read the token's owner and expiry: ${describeError(err)}`);
      }
    }
    if (generation !== this.generation) {
      return this.current;
    }
    this.current = who;
    this.view.description = shortIdentity(who);
    this.scheduleWarning(who);
    return who;
  }

  private scheduleWarning(who: Identity): void {
    const expires = who.tokenExpiresAt?.getTime();
    if (expires === undefined || this.warnedFor === expires) {
      return;
    }
    const warn = (): void => {
      this.warnedFor = expires;
      const minutes = Math.max(0, Math.round((expires - Date.now()) / 60_000));
      const signIn = vscode.l10n.t('Sign in');
      void this.notifier
        .warn(vscode.l10n.t('Your IAM token expires at {0} (in {1} min). Sign in again with a new token, or with a password or an access key, which do not run out.', localTime(new Date(expires)), minutes), signIn)
        .then((pick) => {
          if (pick === signIn) {
            void vscode.commands.executeCommand(Commands.signIn);
          }
        });
    };
    const delay = expires - TOKEN_WARNING_MS - Date.now();
    if (delay <= 0) {
      warn();
    } else {
      this.warnTimer = setTimeout(warn, delay);
    }
  }

  private clearTimer(): void {
    if (this.warnTimer !== undefined) {
      clearTimeout(this.warnTimer);
      this.warnTimer = undefined;
    }
  }
}

function localTime(date: Date): string {
  return date.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' });
}

/** The view's description: short enough for the title bar. */
export function shortIdentity(who: Identity): string {
  switch (who.kind) {
    case 'password':
      return `${who.user ?? ''} @ ${who.account ?? ''}`;
    case 'aksk':
      return vscode.l10n.t('access key {0}', maskKey(who.accessKey ?? ''));
    case 'token':
      return who.tokenExpiresAt ? vscode.l10n.t('token of {0}, until {1}', who.user ?? who.account ?? '?', localTime(who.tokenExpiresAt)) : vscode.l10n.t('IAM token');
  }
}

/** `DEMO…0001`: enough to tell keys apart. */
function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-4)}` : key;
}

/** The lines of "Who Am I?". */
export function describeIdentity(who: Identity): string {
  const kind = who.kind === 'password' ? vscode.l10n.t('IAM user password') : who.kind === 'aksk' ? vscode.l10n.t('Access key (AK/SK)') : vscode.l10n.t('IAM token');
  const lines = [
    vscode.l10n.t('Account: {0}', who.account ?? vscode.l10n.t('(not known)')),
    vscode.l10n.t('User: {0}', who.user ?? vscode.l10n.t('(not known)')),
    vscode.l10n.t('Signed in with: {0}', kind),
  ];
  if (who.accessKey) {
    lines.push(vscode.l10n.t('Access key ID: {0}', who.accessKey));
  }
  if (who.tokenExpiresAt) {
    lines.push(vscode.l10n.t('Token expires: {0}', who.tokenExpiresAt.toLocaleString(vscode.env.language)));
  }
  lines.push(vscode.l10n.t('Projects:'));
  for (const p of who.projects) {
    const name = regionDisplayName(p.region);
    lines.push(`  ${name ? `${name} (${p.region})` : p.region}: ${p.projectId ?? vscode.l10n.t('(not known)')}`);
  }
  return lines.join('\n');
}
