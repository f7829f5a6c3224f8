/** The HTTP server: routing, the request pipeline (count → fault → auth → handler), replies. */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { Admin, handleAdmin } from './admin';
import { authenticate, authorizeProject } from './auth';
import * as cbr from './cbr/index';
import { breakBody, defaultFaultBody, FaultStore, redactBody, redactHeaders, RequestLog, type ActiveFault } from './faults';
import * as gaussdb from './gaussdb';
import { apigError, badRequest, HttpError, type Reply, type RequestContext, type Service } from './http';
import * as iam from './iam';
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
  route('POST', `${CBR}/checkpoints`, 'cbr.createCheckpoint', 'cbr', 'project', cbr.createCheckpoint),
  route('POST', `${CBR}/checkpoints/replicate`, 'cbr.replicate', 'cbr', 'project', cbr.replicate),
  route('GET', `${CBR}/checkpoints/:checkpoint`, 'cbr.showCheckpoint', 'cbr', 'project', cbr.showCheckpoint),
  route('GET', `${CBR}/operation-logs`, 'cbr.listOperationLogs', 'cbr', 'project', cbr.listOperationLogs),
  route('GET', `${CBR}/operation-logs/:log`, 'cbr.showOperationLog', 'cbr', 'project', cbr.showOperationLog),
  route('GET', `${CBR}/replication-capabilities`, 'cbr.replicationCapabilities', 'cbr', 'project', cbr.replicationCapabilities),
  route('GET', `${GAUSS}/instances`, 'gaussdb.listInstances', 'gaussdb', 'project', gaussdb.listInstances),
  route('GET', `${GAUSS}/backups`, 'gaussdb.listBackups', 'gaussdb', 'project', gaussdb.listBackups),
  route('POST', `${GAUSS}/backups/create`, 'gaussdb.createBackup', 'gaussdb', 'project', gaussdb.createBackup),
  route('GET', `${GAUSS}/jobs`, 'gaussdb.showJob', 'gaussdb', 'project', gaussdb.showJob),
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
  /** Called with one line per request when set (standalone `--verbose`). */
  trace?: (line: string) => void;
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
    const { state, faults, log, admin } = this.deps;
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

    const fault = faults.take(r.op, region);
    if (fault?.delayMs) {
      await sleep(fault.delayMs);
    }
    if (fault?.drop && !fault.afterApply) {
      req.socket.destroy();
      return;
    }
    const early = fault ? this.earlyFaultReply(fault, r.service, requestId, req) : undefined;
    if (early) {
      this.send(res, early);
      return;
    }

    const ctx: RequestContext = { method, path, query: url.searchParams, headers: req.headers, body, params, region, requestId };
    let reply: Reply;
    try {
      if (region !== undefined && !state.region(region)) {
        throw apigError(404, 'APIGW.0101', `The API does not exist or has not been published in the environment (unknown region ${region})`, requestId);
      }
      if (r.auth !== 'none') {
        ctx.principal = authenticate(state, { method, path: url.pathname, rawQuery: url.search.replace(/^\?/, ''), headers: req.headers, body: raw }, requestId);
      }
      if (r.auth === 'project' && ctx.principal) {
        authorizeProject(state, ctx.principal, params.project ?? '', region ?? '', requestId);
      }
      if (bodyInvalid) {
        throw badRequest(r.service, 'The request body is not valid JSON.');
      }
      reply = r.handler(state, ctx);
    } catch (e) {
      if (!(e instanceof HttpError)) {
        throw e;
      }
      reply = { status: e.status, body: e.body, headers: e.headers };
    }

    if (fault?.drop) {
      // afterApply: the write happened, the client never hears about it.
      req.socket.destroy();
      return;
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
    this.send(res, reply);
  }

  /** Faults answered before auth and the handler run: expired token, status/throttle. */
  private earlyFaultReply(fault: ActiveFault, service: Service, requestId: string, req: http.IncomingMessage): Reply | undefined {
    const extra = { ...(fault.headers ?? {}) };
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
