import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Credentials, IssuedToken, onFirstUse } from '../api';
import { SECRET_KEY } from '../constants';

/** The three credential kinds, as stored (and as `npm start` hands the demo one over). */
export const CredentialsSchema = onFirstUse(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('password'), domainName: z.string().check(z.minLength(1)), userName: z.string().check(z.minLength(1)), password: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('aksk'), accessKey: z.string().check(z.minLength(1)), secretKey: z.string().check(z.minLength(1)), securityToken: z.optional(z.string()) }),
]));

const StoredSchema = onFirstUse(() => z.object({
  version: z.literal(1),
  credentials: CredentialsSchema,
  /** Where these credentials were verified (see destinationFingerprint). */
  destination: z.string(),
}));
export type StoredCredentials = z.infer<typeof StoredSchema>;

/**
 * IAM tokens of a password sign-in, per region, with their expiry: a window opened while one is
 * still valid uses it instead of a new exchange. A secret like the password, so only here (never
 * globalState); tied to the credentials and destination they were issued for (`owner`).
 */
const TOKENS_KEY = 'cbr.tokens';
const StoredTokensSchema = onFirstUse(() => z.object({
  version: z.literal(1),
  owner: z.string(),
  tokens: z.record(z.string(), z.object({ token: z.string().check(z.minLength(1)), expiresAt: z.string(), projectId: z.optional(z.string()) })),
}));
type StoredTokens = z.infer<typeof StoredTokensSchema>;

/** Which sign-in a token belongs to: a digest of the credentials and where they were verified. */
export function tokenOwner(credentials: Credentials, destination: string): string {
  return createHash('sha256').update(JSON.stringify([destination, credentials])).digest('hex');
}

/** The only place credentials live: VS Code SecretStorage, under one key, validated on read. */
export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private tokenWrites: Promise<void> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Another window signing in or out changes the same secret.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) {
        this.changed.fire();
      }
    });
  }

  async read(): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(SECRET_KEY);
    if (!raw) {
      return undefined;
    }
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** The still-unexpired tokens stored for `owner`, by region. */
  async readTokens(owner: string, now = Date.now()): Promise<Map<string, IssuedToken>> {
    const stored = await this.storedTokens();
    const tokens = new Map<string, IssuedToken>();
    if (stored?.owner !== owner) {
      return tokens;
    }
    for (const [region, t] of Object.entries(stored.tokens)) {
      const expiresAt = new Date(t.expiresAt);
      if (expiresAt.getTime() > now) {
        tokens.set(region, { token: t.token, expiresAt, projectId: t.projectId });
      }
    }
    return tokens;
  }

  /** Keeps a region's new token (one write at a time: regions sign in side by side). */
  saveToken(owner: string, region: string, issued: IssuedToken): Promise<void> {
    this.tokenWrites = this.tokenWrites.then(async () => {
      const stored = await this.storedTokens();
      const tokens = stored?.owner === owner ? stored.tokens : {};
      tokens[region] = { token: issued.token, expiresAt: issued.expiresAt.toISOString(), projectId: issued.projectId };
      const value: StoredTokens = { version: 1, owner, tokens };
      await this.secrets.store(TOKENS_KEY, JSON.stringify(value));
    }).catch(() => undefined); // a token not kept only costs the next window one exchange
    return this.tokenWrites;
  }

  /** Settles once every token handed to saveToken so far is written. */
  tokensSaved(): Promise<void> {
    return this.tokenWrites;
  }

  private async storedTokens(): Promise<StoredTokens | undefined> {
    const raw = await this.secrets.get(TOKENS_KEY);
    if (!raw) {
      return undefined;
    }
    try {
      const parsed = StoredTokensSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async write(credentials: Credentials, destination: string): Promise<void> {
    const value: StoredCredentials = { version: 1, credentials: CredentialsSchema.parse(credentials), destination };
    await this.secrets.store(SECRET_KEY, JSON.stringify(value));
  }

  async clear(): Promise<void> {
    await this.tokenWrites;
    await this.secrets.delete(TOKENS_KEY);
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
