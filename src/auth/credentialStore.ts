import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Credentials } from '../api';
import { SECRET_KEY } from '../constants';

/** The three credential kinds, as stored (and as `npm start` hands the demo one over). */
export const CredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('password'), domainName: z.string().check(z.minLength(1)), userName: z.string().check(z.minLength(1)), password: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal('aksk'), accessKey: z.string().check(z.minLength(1)), secretKey: z.string().check(z.minLength(1)), securityToken: z.optional(z.string()) }),
]);

const StoredSchema = z.object({
  version: z.literal(1),
  credentials: CredentialsSchema,
  /** Where these credentials were verified (see destinationFingerprint). */
  destination: z.string(),
});
export type StoredCredentials = z.infer<typeof StoredSchema>;

/** The only place credentials live: VS Code SecretStorage, under one key, validated on read. */
export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

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

  async write(credentials: Credentials, destination: string): Promise<void> {
    const value: StoredCredentials = { version: 1, credentials: CredentialsSchema.parse(credentials), destination };
    await this.secrets.store(SECRET_KEY, JSON.stringify(value));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
