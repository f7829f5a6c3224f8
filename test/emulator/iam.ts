/** IAM (Keystone v3): password tokens and project listing. */
import { randomBytes } from 'node:crypto';
import { iamTime } from './clock';
import { badRequest, iamError, isRecord, type Reply, type RequestContext } from './http';
import type { EmulatorState, TokenRec } from './state';
import type { SeedProject } from './types';

const WRONG_PASSWORD = 'The username or password is wrong.';

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Real IAM tokens are long opaque PKI-looking strings; clients must not assume a length. */
function newToken(): string {
  return `MIIT${randomBytes(240).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export function createToken(state: EmulatorState, ctx: RequestContext): Reply {
  const auth = isRecord(ctx.body) && isRecord(ctx.body.auth) ? ctx.body.auth : undefined;
  const identity = auth && isRecord(auth.identity) ? auth.identity : undefined;
  if (!auth || !identity) {
    throw badRequest('iam', 'The request body must contain auth.identity.');
  }
  const methods = Array.isArray(identity.methods) ? identity.methods : [];
  const password = isRecord(identity.password) ? identity.password : undefined;
  const user = password && isRecord(password.user) ? password.user : undefined;
  if (!methods.includes('password') || !user) {
    throw badRequest('iam', 'Only the password method is supported: auth.identity.password.user is required.');
  }
  const userDomain = isRecord(user.domain) ? user.domain : undefined;
  const domainName = str(userDomain?.name);
  const domainId = str(userDomain?.id);
  const userName = str(user.name);
  const secret = typeof user.password === 'string' ? user.password : undefined;
  if ((!domainName && !domainId) || !userName || secret === undefined) {
    throw badRequest('iam', 'auth.identity.password.user needs name, password and domain.name or domain.id.');
  }
  const domain = state.seed.domains.find((d) => (domainName ? d.name === domainName : d.id === domainId));
  const account = domain?.users.find((u) => u.name === userName);
  if (!domain || !account || account.password !== secret) {
    throw iamError(401, WRONG_PASSWORD, 'Unauthorized');
  }

  let project: SeedProject | undefined;
  let scopedDomain = false;
  const scope = isRecord(auth.scope) ? auth.scope : undefined;
  if (scope && isRecord(scope.project)) {
    const byId = str(scope.project.id);
    const byName = str(scope.project.name);
    if (!byId && !byName) {
      throw badRequest('iam', 'auth.scope.project needs id or name.');
    }
    project = state.seed.projects.find(
      (p) => (byId ? p.id === byId : p.name === byName) && (state.domainOfProject(p)?.id ?? domain.id) === domain.id,
    );
    if (!project) {
      throw iamError(401, 'The request you have made requires authentication.', 'Unauthorized');
    }
  } else if (scope && isRecord(scope.domain)) {
    scopedDomain = true;
  }

  const now = state.now();
  const rec: TokenRec = {
    token: newToken(),
    user: account,
    domain,
    project,
    issuedMs: now,
    expiresMs: now + state.timing.tokenTtlMs,
    revoked: false,
  };
  state.tokens.set(rec.token, rec);
  const domainRef = { id: domain.id, name: domain.name };
  const token: Record<string, unknown> = {
    expires_at: iamTime(rec.expiresMs),
    issued_at: iamTime(rec.issuedMs),
    methods: ['password'],
    catalog: [],
    roles: [
      { id: '0', name: 'op_gated_cbr' },
      { id: 'd6b6d2ab0a7b4bd9b0b4a3e9bfcba1b4', name: 'te_admin' },
    ],
    user: { id: account.id, name: account.name, domain: domainRef, password_expires_at: '' },
  };
  if (project) {
    token.project = { id: project.id, name: project.name, domain: domainRef };
  } else if (scopedDomain) {
    token.domain = domainRef;
  }
  return { status: 201, body: { token }, headers: { 'X-Subject-Token': rec.token } };
}

function baseUrl(ctx: RequestContext): string {
  return `http://${ctx.headers.host ?? '127.0.0.1'}`;
}

function projectsOfCaller(state: EmulatorState, ctx: RequestContext): SeedProject[] {
  const domainId = ctx.principal?.domainId;
  return state.seed.projects.filter((p) => (state.domainOfProject(p)?.id ?? domainId) === domainId);
}

function projectWire(state: EmulatorState, ctx: RequestContext, p: SeedProject): Record<string, unknown> {
  const domainId = state.domainOfProject(p)?.id ?? '';
  return {
    id: p.id,
    name: p.name,
    domain_id: domainId,
    parent_id: domainId,
    enabled: true,
    is_domain: false,
    description: '',
    links: { self: `${baseUrl(ctx)}/iam/v3/projects/${p.id}` },
  };
}

export function listProjects(state: EmulatorState, ctx: RequestContext): Reply {
  const q = ctx.query;
  let projects = projectsOfCaller(state, ctx);
  const name = q.get('name');
  if (name !== null) {
    projects = projects.filter((p) => p.name === name);
  }
  const domainId = q.get('domain_id');
  if (domainId !== null) {
    projects = projects.filter((p) => state.domainOfProject(p)?.id === domainId);
  }
  if (q.get('enabled') === 'false' || q.get('is_domain') === 'true') {
    projects = [];
  }
  const page = q.get('page');
  const perPage = q.get('per_page');
  if ((page === null) !== (perPage === null)) {
    throw badRequest('iam', 'page and per_page must be given together.');
  }
  let next: string | null = null;
  if (page !== null && perPage !== null) {
    const p = Number(page);
    const n = Number(perPage);
    if (!Number.isInteger(p) || p < 1 || !Number.isInteger(n) || n < 1 || n > 5000) {
      throw badRequest('iam', 'Invalid page or per_page.');
    }
    if (projects.length > p * n) {
      next = `${baseUrl(ctx)}/iam/v3/projects?page=${p + 1}&per_page=${n}`;
    }
    projects = projects.slice((p - 1) * n, p * n);
  }
  return {
    status: 200,
    body: {
      projects: projects.map((p) => projectWire(state, ctx, p)),
      links: { self: `${baseUrl(ctx)}/iam/v3/projects`, previous: null, next },
    },
  };
}

export function listAuthProjects(state: EmulatorState, ctx: RequestContext): Reply {
  return {
    status: 200,
    body: {
      projects: projectsOfCaller(state, ctx).map((p) => projectWire(state, ctx, p)),
      links: { self: `${baseUrl(ctx)}/iam/v3/auth/projects`, previous: null, next: null },
    },
  };
}

/**
 * IAM KeystoneValidateToken, `GET /v3/auth/tokens`: the token in X-Subject-Token, checked by its
 * owner (X-Auth-Token; anyone else would need Security Administrator, which the emulator's users
 * never have). 200 with the token's body and X-Subject-Token; 404 for a token IAM does not know
 * (https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0004.html).
 */
export function validateToken(state: EmulatorState, ctx: RequestContext): Reply {
  const raw = ctx.headers['x-subject-token'];
  const subject = Array.isArray(raw) ? raw[0] : raw;
  const caller = ctx.principal;
  if (!subject) {
    throw badRequest('iam', 'The X-Subject-Token header is required.');
  }
  if (caller?.kind !== 'token' || caller.token !== subject) {
    throw iamError(403, 'You are not authorized to perform the requested action.', 'Forbidden');
  }
  const rec = state.tokens.get(subject);
  const domain = rec?.domain ?? state.seed.domains[0];
  if (!domain) {
    throw iamError(404, 'Could not find token.', 'Not Found');
  }
  const domainRef = { id: domain.id, name: domain.name };
  // A static seed token never expires in the emulator; it reports the expiry a fresh token would have.
  const expiresMs = rec?.expiresMs ?? state.now() + state.timing.tokenTtlMs;
  const user = rec?.user ?? domain.users[0];
  const token: Record<string, unknown> = {
    expires_at: iamTime(expiresMs),
    issued_at: iamTime(rec?.issuedMs ?? state.now()),
    methods: rec ? ['password'] : ['token'],
    catalog: [],
    roles: [{ id: '0', name: 'op_gated_cbr' }],
    ...(user ? { user: { id: user.id, name: user.name, domain: domainRef, password_expires_at: '' } } : {}),
    ...(rec?.project ? { project: { id: rec.project.id, name: rec.project.name, domain: domainRef } } : {}),
  };
  return { status: 200, body: { token }, headers: { 'X-Subject-Token': subject } };
}
