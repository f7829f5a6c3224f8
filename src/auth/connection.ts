import * as vscode from 'vscode';
import { CloudSession, Credentials, IssuedToken, RequestLogEntry, TokenReuse } from '../api';
import { CloudSettings, destinationFingerprint, readSettings, saveRegions } from '../config/settings';
import { ContextKeys } from '../constants';
import { CredentialStore, tokenOwner } from './credentialStore';

export type ConnectionState =
  | { kind: 'signedOut' }
  /** Credentials exist but were verified for other endpoints than the settings now name. */
  | { kind: 'destinationChanged' }
  | { kind: 'signedIn'; credentialKind: Credentials['kind'] };

/**
 * Holds the signed-in state: the stored credentials, the settings, and one CloudSession per
 * region built from them. Everything that talks to the cloud asks this object for a session.
 */
export class CloudConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changed.event;
  private current: ConnectionState = { kind: 'signedOut' };
  private sessions = new Map<string, CloudSession>();
  private credentials: Credentials | undefined;
  /** Password sign-in: the stored tokens' owner and the tokens still valid, by region (reused, not exchanged again). */
  private tokenOwner = '';
  private tokens = new Map<string, IssuedToken>();
  /** Project ids learned per region (shown as the region's description). */
  private readonly projectIds = new Map<string, string>();
  private settings: CloudSettings = readSettings();
  private readonly disposables: vscode.Disposable[] = [];
  private markLoaded: () => void = () => undefined;
  /** Settles once the stored credentials were first read (or could not be): the view waits for it, loading. */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly store: CredentialStore,
    private readonly onRequest: (entry: RequestLogEntry) => void,
  ) {
    this.disposables.push(
      this.changed,
      store.onDidChange(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Only the settings that decide where requests go; others (page size…) don't sign anyone out.
        if (['cloud', 'regions', 'projectIds', 'endpoints', 'requestTimeoutSeconds'].some((key) => e.affectsConfiguration(`cbr.${key}`))) {
          void this.reload();
        }
      }),
    );
  }

  get state(): ConnectionState {
    return this.current;
  }

  get regions(): string[] {
    return this.settings.regions;
  }

  /** Which cloud the settings name (its input rules and documented differences apply). */
  get cloud(): CloudSettings['cloud'] {
    return this.settings.cloud;
  }

  get cloudSettings(): CloudSettings {
    return this.settings;
  }

  /** Re-reads settings and SecretStorage; called on activation and whenever either changes. */
  async reload(): Promise<void> {
    try {
      this.settings = readSettings();
      const stored = await this.store.read();
      this.sessions = new Map();
      if (!stored) {
        this.credentials = undefined;
        await this.setState({ kind: 'signedOut' });
      } else if (stored.destination !== destinationFingerprint(this.settings)) {
        this.credentials = undefined;
        await this.setState({ kind: 'destinationChanged' });
      } else {
        this.credentials = stored.credentials;
        this.tokenOwner = tokenOwner(stored.credentials, stored.destination);
        this.tokens = stored.credentials.kind === 'password' ? await this.store.readTokens(this.tokenOwner) : new Map<string, IssuedToken>();
        await this.setState({ kind: 'signedIn', credentialKind: stored.credentials.kind });
      }
    } finally {
      this.markLoaded();
    }
  }

  /** Builds a session without storing anything; throws ValidationError on bad settings. */
  createSession(region: string, credentials: Credentials, settings = this.settings, tokenReuse?: TokenReuse): CloudSession {
    return CloudSession.create({
      cloud: settings.cloud,
      region,
      projectId: settings.projectIds[region],
      projectIds: settings.projectIds,
      endpointOverrides: settings.endpoints,
      credentials,
      onRequest: this.onRequest,
      timeoutMs: settings.requestTimeoutMs,
      tokenReuse,
    });
  }

  knownProjectId(region: string): string | undefined {
    return this.projectIds.get(region);
  }

  /** The session for a configured region; throws when signed out. */
  session(region: string): CloudSession {
    if (!this.credentials) {
      throw new Error(vscode.l10n.t('Not signed in to the cloud.'));
    }
    let session = this.sessions.get(region);
    if (!session) {
      const owner = this.tokenOwner;
      session = this.createSession(region, this.credentials, this.settings, {
        issued: this.tokens.get(region),
        onIssued: (issued) => {
          this.tokens.set(region, issued);
          void this.store.saveToken(owner, region, issued);
        },
      });
      this.sessions.set(region, session);
      session.getProjectId().then(
        (id) => this.projectIds.set(region, id),
        () => undefined, // the first real call reports the failure
      );
    }
    return session;
  }

  /**
   * Checks the credentials against the cloud in every configured region and stores them only
   * when that succeeds. Nothing is stored on failure. `chosenRegions` (picked during sign-in,
   * when none was configured) are checked instead and saved to cbr.regions only on success.
   */
  async signIn(credentials: Credentials, signal?: AbortSignal, chosenRegions?: readonly string[]): Promise<{ region: string; projectId: string }[]> {
    const settings = chosenRegions ? { ...readSettings(), regions: [...chosenRegions] } : readSettings();
    const verified: { region: string; projectId: string }[] = [];
    const issued = new Map<string, IssuedToken>();
    for (const region of settings.regions) {
      const session = this.createSession(region, credentials, settings, { onIssued: (t) => issued.set(region, t) });
      const { projectId } = await session.verify(signal);
      verified.push({ region, projectId });
      this.projectIds.set(region, projectId);
    }
    if (chosenRegions) {
      await saveRegions(chosenRegions);
    }
    await this.store.write(credentials, destinationFingerprint(settings));
    // The tokens that verified the sign-in serve this window and the next ones until they expire.
    const owner = tokenOwner(credentials, destinationFingerprint(settings));
    await Promise.all([...issued].map(([region, t]) => this.store.saveToken(owner, region, t)));
    await this.reload();
    return verified;
  }

  async signOut(): Promise<void> {
    await this.store.clear();
    await this.reload();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  private async setState(state: ConnectionState): Promise<void> {
    this.current = state;
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, state.kind === 'signedIn');
    this.changed.fire(state);
  }
}
