/** The three ways to authenticate: IAM token, IAM password (exchanged for a token), AK/SK signing. */
import { CloudApiError } from './errors';
import { Authenticator, HttpClient, OutgoingRequest } from './http';
import { registerSecret } from './redact';
import { TokenBodySchema } from './schemas';
import { signRequest } from './signer';

export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'password'; domainName: string; userName: string; password: string }
  | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string };

/** A fixed IAM token: a 401 is final (there is nothing to renew it with). */
export class TokenAuthenticator implements Authenticator {
  constructor(private readonly token: string) {
    registerSecret(token);
  }

  authorize(request: OutgoingRequest): Promise<Record<string, string>> {
    return Promise.resolve({ ...request.headers, 'X-Auth-Token': this.token });
  }
}

/** Renew a password token when less than this is left (IAM: "a token that will soon expire may cause failures"). */
const RENEW_BEFORE_MS = 5 * 60_000;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  projectId?: string;
}

/** A token kept from an earlier exchange (another window, the last session), and where new ones go. */
export interface TokenReuse {
  issued?: IssuedToken;
  onIssued?: (issued: IssuedToken) => void;
}

/**
 * IAM user password, exchanged for a project-scoped token (`POST /v3/auth/tokens`, token in
 * `X-Subject-Token`). The token is cached with its `expires_at`, renewed before it expires and
 * once after a 401.
 */
export class PasswordAuthenticator implements Authenticator {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly iamUrl: string,
    private readonly credentials: Extract<Credentials, { kind: 'password' }>,
    private readonly scope: { projectId?: string; projectName: string },
    private readonly now: () => number = Date.now,
    private readonly reuse: TokenReuse = {},
  ) {
    registerSecret(credentials.password);
    if (reuse.issued) {
      registerSecret(reuse.issued.token);
      this.current = reuse.issued; // used while it has more than RENEW_BEFORE_MS left, like any cached token
    }
  }

  async authorize(request: OutgoingRequest, signal?: AbortSignal): Promise<Record<string, string>> {
    const { token } = await this.token(signal);
    return { ...request.headers, 'X-Auth-Token': token };
  }

  async renewAfterUnauthorized(signal?: AbortSignal): Promise<boolean> {
    this.current = undefined;
    await this.token(signal);
    return true;
  }

  /**
   * The cached token, or a new one when it is missing or about to expire. One exchange at a time,
   * shared by concurrent requests: it runs under its own timeout, not under any caller's signal,
   * so a caller's abort only abandons that caller's wait (a poll's abort must not drop a user's write).
   */
  async token(signal?: AbortSignal): Promise<IssuedToken> {
    if (this.current && this.current.expiresAt.getTime() - this.now() > RENEW_BEFORE_MS) {
      return this.current;
    }
    if (!this.pending) {
      const exchange = this.issue().then((issued) => {
        this.current = issued;
        this.reuse.onIssued?.(issued);
        return issued;
      });
      this.pending = exchange;
      void exchange.then(
        () => (this.pending = this.pending === exchange ? undefined : this.pending),
        () => (this.pending = this.pending === exchange ? undefined : this.pending),
      );
    }
    return abandonable(this.pending, signal);
  }

  private async issue(): Promise<IssuedToken> {
    const c = this.credentials;
    const result = await this.http.call({
      operation: 'iam.createToken',
      method: 'POST',
      baseUrl: this.iamUrl,
      path: '/v3/auth/tokens',
      query: { nocatalog: 'true' },
      auth: null,
      idempotent: true, // a second token is harmless; retried like a read, never "outcome unknown"
      schema: TokenBodySchema,
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { name: c.userName, password: c.password, domain: { name: c.domainName } } } },
          scope: { project: this.scope.projectId ? { id: this.scope.projectId } : { name: this.scope.projectName } },
        },
      },
    });
    const token = result.headers.get('x-subject-token');
    if (!token) {
      throw new CloudApiError({ kind: 'schema', operation: 'iam.createToken', httpStatus: result.status, requestId: result.requestId, message: 'IAM answered the sign-in without a token.' });
    }
    registerSecret(token);
    return { token, expiresAt: result.data.expiresAt, projectId: result.data.projectId };
  }
}

/** Waits for `shared`, or rejects as cancelled when this caller's `signal` aborts first. */
function abandonable<T>(shared: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return shared;
  }
  const cancelled = (): CloudApiError => new CloudApiError({ kind: 'cancelled', operation: 'iam.createToken', message: 'Cancelled.' });
  if (signal.aborted) {
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** AK/SK: every request signed with SDK-HMAC-SHA256 at the moment it is sent. */
export class AkSkAuthenticator implements Authenticator {
  constructor(
    private readonly key: Extract<Credentials, { kind: 'aksk' }>,
    private readonly now: () => number = Date.now,
  ) {
    registerSecret(key.secretKey);
    registerSecret(key.securityToken);
  }

  authorize(request: OutgoingRequest): Promise<Record<string, string>> {
    const signed = signRequest({ method: request.method, url: request.url, headers: request.headers, body: request.body }, this.key, new Date(this.now()));
    return Promise.resolve(signed.headers);
  }
}
