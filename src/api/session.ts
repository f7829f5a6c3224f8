/**
 * A signed-in connection to one region: endpoints, credentials, project id, and the CBR and
 * GaussDB clients. The extension holds one per configured region.
 */
import { AkSkAuthenticator, Credentials, PasswordAuthenticator, TokenAuthenticator, TokenReuse } from './auth';
import { CbrClient, GaussDbClient, PolicyClient } from './clients';
import { resolveEndpoints, CloudKind, EndpointOverrides, Endpoints } from './endpoints';
import { CloudApiError, ValidationError } from './errors';
import { Authenticator, FetchLike, HttpClient, RequestLogEntry, RetryPolicy } from './http';
import { Project, ProjectListSchema, TokenInfo, TokenInfoSchema } from './schemas';
import { validateProjectId } from './validation';

export interface SessionOptions {
  cloud: CloudKind;
  region: string;
  /** Skips the lookup by region name. */
  projectId?: string;
  /** Project ids of other regions, for `forRegion`. */
  projectIds?: Record<string, string>;
  endpointOverrides?: EndpointOverrides;
  credentials: Credentials;
  fetch?: FetchLike;
  onRequest?: (entry: RequestLogEntry) => void;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Largest response body read, in bytes (default 16 MiB). */
  maxBodyBytes?: number;
  /** Password sign-in: a still-valid token to use instead of a new exchange, and where new tokens go. */
  tokenReuse?: TokenReuse;
}

function checkCredentials(c: Credentials): void {
  const blank = (v: string | undefined): boolean => !v || v.trim().length === 0;
  if (c.kind === 'token' && blank(c.token)) {
    throw new ValidationError('token', 'Enter an IAM token.');
  }
  if (c.kind === 'password' && (blank(c.domainName) || blank(c.userName) || blank(c.password))) {
    throw new ValidationError('password', 'Enter the account name, the IAM user name and the password.');
  }
  if (c.kind === 'aksk' && (blank(c.accessKey) || blank(c.secretKey))) {
    throw new ValidationError('aksk', 'Enter the access key and the secret key.');
  }
}

export class CloudSession {
  readonly cbr: CbrClient;
  readonly gaussdb: GaussDbClient;
  readonly policies: PolicyClient;
  readonly endpoints: Endpoints;
  private readonly http: HttpClient;
  private readonly auth: Authenticator;
  private projectIdPromise: Promise<string> | undefined;

  private constructor(private readonly options: SessionOptions) {
    checkCredentials(options.credentials);
    if (options.projectId) {
      const problem = validateProjectId(options.projectId);
      if (problem) {
        throw new ValidationError('projectId', problem);
      }
    }
    this.endpoints = resolveEndpoints(options.cloud, options.region, options.endpointOverrides);
    this.http = new HttpClient({ fetch: options.fetch, timeoutMs: options.timeoutMs, retry: options.retry, onRequest: options.onRequest, maxBodyBytes: options.maxBodyBytes });
    const c = options.credentials;
    this.auth =
      c.kind === 'token'
        ? new TokenAuthenticator(c.token)
        : c.kind === 'password'
          ? new PasswordAuthenticator(this.http, this.endpoints.iam, c, { projectId: options.projectId, projectName: options.region }, Date.now, options.tokenReuse)
          : new AkSkAuthenticator(c);
    const context = (baseUrl: string) => ({ http: this.http, auth: this.auth, baseUrl, projectId: (signal?: AbortSignal) => this.getProjectId(signal) });
    this.cbr = new CbrClient(context(this.endpoints.cbr));
    this.gaussdb = new GaussDbClient(context(this.endpoints.gaussdb));
    this.policies = new PolicyClient(context(this.endpoints.cbr));
  }

  /** @throws ValidationError for a bad region, endpoint or credential shape (nothing is sent). */
  static create(options: SessionOptions): CloudSession {
    return new CloudSession(options);
  }

  get region(): string {
    return this.options.region;
  }

  get cloud(): CloudKind {
    return this.options.cloud;
  }

  /** The same credentials and settings in another region (replication targets). */
  forRegion(region: string): CloudSession {
    if (region === this.options.region) {
      return this;
    }
    return new CloudSession({ ...this.options, region, projectId: this.options.projectIds?.[region], tokenReuse: undefined });
  }

  /** The project id: as configured, from the password token's scope, or looked up by region name. */
  getProjectId(signal?: AbortSignal): Promise<string> {
    if (this.options.projectId) {
      return Promise.resolve(this.options.projectId);
    }
    this.projectIdPromise ??= this.lookUpProjectId(signal).catch((err: unknown) => {
      this.projectIdPromise = undefined; // a failed lookup is tried again next time
      throw err;
    });
    return this.projectIdPromise;
  }

  /** Proves the credentials work here: the project is found and CBR answers a one-item list. */
  async verify(signal?: AbortSignal): Promise<{ projectId: string }> {
    const projectId = await this.getProjectId(signal);
    await this.cbr.listVaults({ limit: 1 }, { signal });
    return { projectId };
  }

  /**
   * For a pasted IAM token: whose it is and when it expires, from IAM's KeystoneValidateToken
   * (`GET /v3/auth/tokens`, the token as X-Auth-Token and X-Subject-Token: a user may check their
   * own token, https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0004.html). Undefined
   * for a password (its tokens are renewed) or an access key (it does not expire).
   */
  async describeToken(signal?: AbortSignal): Promise<TokenInfo | undefined> {
    const c = this.options.credentials;
    if (c.kind !== 'token') {
      return undefined;
    }
    const result = await this.http.call({ operation: 'iam.validateToken', method: 'GET', baseUrl: this.endpoints.iam, path: '/v3/auth/tokens', query: { nocatalog: 'true' }, headers: { 'X-Subject-Token': c.token }, schema: TokenInfoSchema, auth: this.auth, signal });
    return result.data;
  }

  /** A project id from IAM goes into every URL path: anything but a project id is refused. */
  private async lookUpProjectId(signal?: AbortSignal): Promise<string> {
    const id = await this.findProjectId(signal);
    if (validateProjectId(id)) {
      throw new CloudApiError({
        kind: 'validation',
        operation: 'iam.listProjects',
        detail: `IAM project id for ${this.options.region}: ${JSON.stringify(id.slice(0, 100))}`,
        message: `IAM returned something that is not a project id for ${this.options.region}; nothing was sent with it. Set the project id in cbr.projectIds.`,
      });
    }
    return id;
  }

  private async findProjectId(signal?: AbortSignal): Promise<string> {
    const region = this.options.region;
    if (this.auth instanceof PasswordAuthenticator) {
      const issued = await this.auth.token(signal);
      if (issued.projectId) {
        return issued.projectId;
      }
    }
    let projects: Project[];
    try {
      projects = (await this.http.call({ operation: 'iam.listProjects', method: 'GET', baseUrl: this.endpoints.iam, path: '/v3/projects', query: { name: region }, schema: ProjectListSchema, auth: this.auth, signal })).data;
    } catch (err) {
      // A token may not be allowed to list the domain's projects; it can always list its own.
      if (!(err instanceof CloudApiError) || err.kind !== 'forbidden') {
        throw err;
      }
      projects = (await this.http.call({ operation: 'iam.listAuthProjects', method: 'GET', baseUrl: this.endpoints.iam, path: '/v3/auth/projects', schema: ProjectListSchema, auth: this.auth, signal })).data;
    }
    const matches = projects.filter((p) => p.name === region && p.enabled);
    if (matches.length === 1 && matches[0]) {
      return matches[0].id;
    }
    if (matches.length === 0) {
      throw new CloudApiError({ kind: 'notFound', operation: 'iam.listProjects', message: `No project is named "${region}" in this account. Check the region, or set its project id in cbr.projectIds.` });
    }
    throw new CloudApiError({
      kind: 'validation',
      operation: 'iam.listProjects',
      message: `${matches.length} projects are named "${region}" (${matches.map((p) => p.id).join(', ')}). Set the one to use in cbr.projectIds.`,
    });
  }
}
