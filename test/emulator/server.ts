/** The HTTP server: routing, the request pipeline (count → fault → auth → handler), replies. */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { Admin, handleAdmin } from './admin';
import { authenticate, authorizeProject } from './auth';
import * as cbr from './cbr/index';
import { breakBody, defaultFaultBody, FaultStore, redactBody, redactHeaders, RequestLog, secretsOf, type ActiveFault } from './faults';
import * as gaussdb from './gaussdb';
import { apigError, badRequest, HttpError, isRecord, type Reply, type RequestContext, type Service } from './http';
import * as iam from './iam';
import type { RateLimiter } from './rateLimit';
import type { EmulatorState } from './state';

type Handler = (state: EmulatorState, ctx: RequestContext) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  op: string;
  service: Service;
  /** `none`: no credentials (token issue); `any`: token or AK/SK; `project`: also scoped to the path's project. */
  auth: 'none' | 'any' | 'project';
  handler: Handler;
}

function route(method: string, template: string, op: string, service: Service, auth: Route['auth'], handler: Handler): Route {
  const keys: string[] = [];
  const source = template.replace(/:([a-z]+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), keys, op, service, auth, handler };
}

const CBR = '/:region/cbr/v3/:project';
const GAUSS = '/:region/gaussdb/v3/:project';

const ROUTES: Route[] = [
  route('POST', '/iam/v3/auth/tokens', 'iam.createToken', 'iam', 'none', iam.createToken),
  route('GET', '/iam/v3/auth/tokens', 'iam.validateToken', 'iam', 'any', iam.validateToken),
  route('GET', '/iam/v3/projects', 'iam.listProjects', 'iam', 'any', iam.listProjects),
  route('GET', '/iam/v3/auth/projects', 'iam.listAuthProjects', 'iam', 'any', iam.listAuthProjects),
  route('GET', `${CBR}/vaults`, 'cbr.listVaults', 'cbr', 'project', cbr.listVaults),
  route('POST', `${CBR}/vaults`, 'cbr.createVault', 'cbr', 'project', cbr.createVault),
  route('GET', `${CBR}/vaults/:vault`, 'cbr.showVault', 'cbr', 'project', cbr.showVault),
  route('POST', `${CBR}/vaults/:vault/addresources`, 'cbr.addResources', 'cbr', 'project', cbr.addResources),
  route('POST', `${CBR}/vaults/:vault/removeresources`, 'cbr.removeResources', 'cbr', 'project', cbr.removeResources),
  route('GET', `${CBR}/protectables/:ptype/instances`, 'cbr.listProtectables', 'cbr', 'project', cbr.listProtectables),
  route('GET', `${CBR}/backups`, 'cbr.listBackups', 'cbr', 'project', cbr.listBackups),
  route('GET', `${CBR}/backups/:backup`, 'cbr.showBackup', 'cbr', 'project', cbr.showBackup),
  route('POST', `${CBR}/backups/:backup/restore`, 'cbr.restoreBackup', 'cbr', 'project', cbr.restoreBackup),
  route('DELETE', `${CBR}/backups/:backup`, 'cbr.deleteBackup', 'cbr', 'project', cbr.deleteBackup),
  route('DELETE', `${CBR}/vaults/:vault`, 'cbr.deleteVault', 'cbr', 'project', cbr.deleteVault),
  route('DELETE', `${GAUSS}/backups/:backup`, 'gaussdb.deleteBackup', 'gaussdb', 'project', gaussdb.deleteBackup),
  route('POST', `${CBR}/checkpoints`, 'cbr.createCheckpoint', 'cbr', 'project', cbr.createCheckpoint),
  route('POST', `${CBR}/checkpoints/replicate`, 'cbr.replicate', 'cbr', 'project', cbr.replicate),
  route('GET', `${CBR}/checkpoints/:checkpoint`, 'cbr.showCheckpoint', 'cbr', 'project', cbr.showCheckpoint),
  route('GET', `${CBR}/operation-logs`, 'cbr.listOperationLogs', 'cbr', 'project', cbr.listOperationLogs),
  route('GET', `${CBR}/operation-logs/:log`, 'cbr.showOperationLog', 'cbr', 'project', cbr.showOperationLog),
  route('GET', `${CBR}/replication-capabilities`, 'cbr.replicationCapabilities', 'cbr', 'project', cbr.replicationCapabilities),
  route('GET', `${CBR}/policies`, 'cbr.listPolicies', 'cbr', 'project', cbr.listPolicies),
  route('POST', `${CBR}/policies`, 'cbr.createPolicy', 'cbr', 'project', cbr.createPolicy),
  route('GET', `${CBR}/policies/:policy`, 'cbr.showPolicy', 'cbr', 'project', cbr.showPolicy),
  route('PUT', `${CBR}/policies/:policy`, 'cbr.updatePolicy', 'cbr', 'project', cbr.updatePolicy),
  route('DELETE', `${CBR}/policies/:policy`, 'cbr.deletePolicy', 'cbr', 'project', cbr.deletePolicy),
  route('POST', `${CBR}/vaults/:vault/associatepolicy`, 'cbr.associatePolicy', 'cbr', 'project', cbr.associatePolicy),
  route('POST', `${CBR}/vaults/:vault/dissociatepolicy`, 'cbr.dissociatePolicy', 'cbr', 'project', cbr.dissociatePolicy),
  route('GET', `${GAUSS}/instances`, 'gaussdb.listInstances', 'gaussdb', 'project', gaussdb.listInstances),
  route('GET', `${GAUSS}/backups`, 'gaussdb.listBackups', 'gaussdb', 'project', gaussdb.listBackups),
  route('POST', `${GAUSS}/backups/create`, 'gaussdb.createBackup', 'gaussdb', 'project', gaussdb.createBackup),
  route('GET', `${GAUSS}/jobs`, 'gaussdb.showJob', 'gaussdb', 'project', gaussdb.showJob),
  route('GET', `${GAUSS}/instances/:instance/restore-time`, 'gaussdb.listRestoreTimes', 'gaussdb', 'project', gaussdb.listRestoreTimes),
  route('POST', `${GAUSS}/instances/restore`, 'gaussdb.restoreInstance', 'gaussdb', 'project', gaussdb.restoreInstance),
];

/** Every operation name the emulator answers (see docs/emulator-contract.md). */
export const OPERATIONS: readonly string[] = ROUTES.map((r) => r.op);

function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) {
      continue;
    }
    const m = r.pattern.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => {
        params[k] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: r, params };
    }
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function queryObject(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(q.keys())) {
    const all = q.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

export interface ServerDeps {
  state: EmulatorState;
  faults: FaultStore;
  log: RequestLog;
  admin: Admin;
  rateLimit: RateLimiter;
  late: LateWrites;
  /** Where redirect faults point (the second listener). */
  elsewhereUrl: () => string;
  /** Called with one line per request when set (standalone `--verbose`). */
  trace?: (line: string) => void;
}

/**
 * Writes that land late (`lateApplyMs`): each is a timer that carries the request out later.
 * Bounded by the fault limits; cancelled by reset and close, so nothing runs after a test.
 */
export class LateWrites {
  private readonly timers = new Set<NodeJS.Timeout>();
  private landedCount = 0;

  schedule(ms: number, apply: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.landedCount += 1;
      apply();
    }, ms);
    this.timers.add(timer);
  }

  status(): { pending: number; landed: number } {
    return { pending: this.timers.size, landed: this.landedCount };
  }

  cancelAll(): void {
    for (const t of this.timers) {
      clearTimeout(t);
    }
    this.timers.clear();
    this.landedCount = 0;
  }
}

export class EmulatorServer {
  readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly deps: ServerDeps) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('emulator: unhandled error', err);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
        }
        res.end(JSON.stringify({ error_code: 'APIGW.0203', error_msg: 'Internal emulator error' }));
      });
    });
    // Tracked so close() can end keep-alive connections and let test runners exit.
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.deps.late.cancelAll();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const s of this.sockets) {
        s.destroy();
      }
    });
  }

  private send(res: http.ServerResponse, reply: Reply, rawBody?: string): void {
    const text = rawBody ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', ...(reply.headers ?? {}) });
    res.end(text);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { faults, log, admin } = this.deps;
    const requestId = randomBytes(16).toString('hex');
    res.setHeader('X-Request-Id', requestId);
    const raw = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    let body: unknown;
    let bodyInvalid = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        body = raw.toString('utf8');
        bodyInvalid = true;
      }
    }
    this.deps.trace?.(`${method} ${url.pathname}${url.search}`);

    if (path === '/__admin' || path.startsWith('/__admin/')) {
      this.send(res, handleAdmin(admin, method, path, url.searchParams, body));
      return;
    }

    const matched = matchRoute(method, path);
    if (!matched) {
      this.send(res, { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment', request_id: requestId } });
      return;
    }
    const { route: r, params } = matched;
    const region = params.region;
    log.record({
      at: new Date().toISOString(),
      op: r.op,
      region,
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      headers: redactHeaders(req.headers),
      body: redactBody(body),
    });

    const throttled = this.deps.rateLimit.admit(region ?? 'global', Date.now(), requestId);
    if (throttled) {
      log.recordThrottled(r.op);
      this.send(res, throttled);
      return;
    }

    const fault = faults.take(r.op, region);
    if (fault?.delayMs && fault.lateApplyMs === undefined) {
      await sleep(fault.delayMs);
    }
    if (fault?.drop && !fault.afterApply && fault.lateApplyMs === undefined) {
      req.socket.destroy();
      return;
    }
    if (fault?.redirect !== undefined) {
      // A redirect to another origin: a client that follows it would send its request (and its
      // credentials) there, where the second listener counts it.
      this.send(res, { status: fault.redirect, body: undefined, headers: { Location: `${this.deps.elsewhereUrl()}${url.pathname}${url.search}`, ...(fault.headers ?? {}) } });
      return;
    }
    if (fault && !fault.afterApply) {
      const early = this.earlyFaultReply(fault, r.service, requestId, req, { url, body });
      if (early) {
        this.sendFaultReply(res, early, fault);
        return;
      }
    }

    const ctx: RequestContext = { method, path, query: url.searchParams, headers: req.headers, body, params, region, requestId };
    const run = (): Reply => this.apply(r, ctx, { raw, url, req, bodyInvalid });
    if (fault?.lateApplyMs !== undefined) {
      // The gateway accepted the request and the answer is lost; the change happens later.
      this.deps.late.schedule(fault.lateApplyMs, () => {
        run();
      });
      await sleep(fault.delayMs ?? 0);
      req.socket.destroy();
      return;
    }
    let reply = run();

    if (fault?.drop) {
      // afterApply: the write happened, the client never hears about it.
      req.socket.destroy();
      return;
    }
    if (fault?.afterApply) {
      const late = this.earlyFaultReply(fault, r.service, requestId, req, { url, body });
      if (late) {
        this.sendFaultReply(res, late, fault);
        return;
      }
    }
    if (fault?.headers) {
      reply = { ...reply, headers: { ...(reply.headers ?? {}), ...fault.headers } };
    }
    if (fault?.malformedJson) {
      const text = JSON.stringify(reply.body);
      this.send(res, reply, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    if (fault?.breakSchema && reply.status < 400) {
      reply = { ...reply, body: breakBody(reply.body) };
    }
    if (fault?.oversizeBytes !== undefined) {
      await sendOversized(res, reply, fault.oversizeBytes);
      return;
    }
    if (fault?.trickleMs !== undefined) {
      await sendTrickled(res, reply, fault.trickleMs);
      return;
    }
    this.send(res, reply);
  }

  /** Authentication, authorization and the handler; the reply (errors included). */
  private apply(r: Route, ctx: RequestContext, m: { raw: Buffer; url: URL; req: http.IncomingMessage; bodyInvalid: boolean }): Reply {
    const { state, log } = this.deps;
    const { region, requestId, params } = ctx;
    let reply: Reply;
    try {
      if (region !== undefined && !state.region(region)) {
        throw apigError(404, 'APIGW.0101', `The API does not exist or has not been published in the environment (unknown region ${region})`, requestId);
      }
      if (r.auth !== 'none') {
        ctx.principal = authenticate(state, { method: ctx.method, path: m.url.pathname, rawQuery: m.url.search.replace(/^\?/, ''), headers: m.req.headers, body: m.raw }, requestId);
      }
      if (r.auth === 'project' && ctx.principal) {
        authorizeProject(state, ctx.principal, params.project ?? '', region ?? '', requestId);
      }
      if (m.bodyInvalid) {
        throw badRequest(r.service, 'The request body is not valid JSON.');
      }
      reply = r.handler(state, ctx);
    } catch (e) {
      if (!(e instanceof HttpError)) {
        throw e;
      }
      reply = { status: statusForProfile(state, e.status, e.body), body: e.body, headers: e.headers };
    }
    if (reply.status >= 200 && reply.status < 300) {
      log.recordApplied(r.op);
    }
    return reply;
  }

  private sendFaultReply(res: http.ServerResponse, reply: Reply, fault: ActiveFault): void {
    if (fault.rawBody !== undefined) {
      res.writeHead(reply.status, { 'Content-Type': fault.contentType ?? 'text/html', ...(reply.headers ?? {}) });
      res.end(fault.rawBody);
      return;
    }
    this.send(res, reply);
  }

  /** Faults answered instead of the handler's reply: expired token, status/throttle. */
  private earlyFaultReply(fault: ActiveFault, service: Service, requestId: string, req: http.IncomingMessage, sent: { url: URL; body: unknown }): Reply | undefined {
    const extra = { ...(fault.headers ?? {}) };
    if (fault.echoSecrets) {
      const secrets = secretsOf(req.headers, sent.url.search.replace(/^\?/, ''), sent.body);
      this.deps.faults.recordEchoed(secrets);
      const status = fault.status ?? 400;
      const echo = `request rejected; received ${secrets.map((v, i) => echoForms(v, i + 1)).join(' ')} for ${sent.url.pathname}${sent.url.search}`;
      // The body the status would have (faults.ts defaultFaultBody), its message replaced by the echo.
      const shaped = defaultFaultBody(service, status, requestId) as Record<string, unknown>;
      const body = isRecord(shaped.error) ? { error: { ...shaped.error, message: echo } } : { ...shaped, error_msg: echo };
      return { status, body, headers: extra };
    }
    if (fault.retryAfter !== undefined) {
      extra['Retry-After'] = String(fault.retryAfter);
    }
    if (fault.expireToken) {
      // The presented token really is dead afterwards, as after a real expiry.
      const token = req.headers['x-auth-token'];
      const rec = typeof token === 'string' ? this.deps.state.tokens.get(token) : undefined;
      if (rec) {
        rec.revoked = true;
      }
      return {
        status: 401,
        body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires', request_id: requestId },
        headers: extra,
      };
    }
    if (fault.status !== undefined || fault.retryAfter !== undefined) {
      const status = fault.status ?? 429;
      return { status, body: fault.body ?? defaultFaultBody(service, status, requestId), headers: extra };
    }
    return undefined;
  }
}

/**
 * One secret in the forms careless backends and proxies repeat it: as is, as a bearer or basic
 * credential, in a query, base64-encoded, JSON-escaped and split over two lines.
 */
function echoForms(v: string, n: number): string {
  const half = Math.ceil(v.length / 2);
  return [
    `credential${n}=${v}`,
    `Authorization: Bearer ${v}`,
    `Authorization: Basic ${Buffer.from(`user:${v}`).toString('base64')}`,
    `?access_token=${encodeURIComponent(v)}&securityToken=${encodeURIComponent(v)}`,
    `"user_password":${JSON.stringify(v)}`,
    `b64=${Buffer.from(v).toString('base64')}`,
    `${v.slice(0, half)}\n${v.slice(half)}`,
  ].join(' ');
}

/** The HTTP status the chosen cloud documents for a business error code (profile.ts), else the handler's. */
function statusForProfile(state: EmulatorState, status: number, body: unknown): number {
  const code = isRecord(body) && typeof body.error_code === 'string' ? body.error_code : undefined;
  return (code !== undefined ? state.rules.statusOf[code] : undefined) ?? status;
}

function writeChunk(res: http.ServerResponse, chunk: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve(false);
      return;
    }
    if (res.write(chunk)) {
      resolve(true);
    } else {
      res.once('drain', () => resolve(!res.destroyed));
      res.once('close', () => resolve(false));
    }
  });
}

/** A 200 whose JSON body is `bytes` long: the reply's fields plus padding, streamed with backpressure. */
async function sendOversized(res: http.ServerResponse, reply: Reply, bytes: number): Promise<void> {
  const inner = JSON.stringify(reply.body ?? {});
  const head = `${inner.slice(0, -1)}${inner.length > 2 ? ',' : ''}"padding":"`;
  const tail = '"}';
  let left = Math.max(0, bytes - head.length - tail.length);
  res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(head.length + left + tail.length), ...(reply.headers ?? {}) });
  if (!(await writeChunk(res, head))) {
    return;
  }
  const block = 'x'.repeat(64 * 1024);
  while (left > 0) {
    const piece = left >= block.length ? block : block.slice(0, left);
    left -= piece.length;
    if (!(await writeChunk(res, piece))) {
      return; // the client gave up reading, as it should
    }
  }
  res.end(tail);
}

/** The reply sent in up to 20 pieces spread over `totalMs` (a slow, dripping connection). */
async function sendTrickled(res: http.ServerResponse, reply: Reply, totalMs: number): Promise<void> {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', ...(reply.headers ?? {}) });
  const pieces = Math.max(1, Math.min(20, text.length));
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < pieces; i++) {
    if (!(await writeChunk(res, text.slice(i * size, (i + 1) * size)))) {
      return;
    }
    await sleep(totalMs / pieces);
  }
  res.end();
}
