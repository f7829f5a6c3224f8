/** Reply and error types shared by the service handlers. */
import type { IncomingHttpHeaders } from 'node:http';

export type Service = 'iam' | 'cbr' | 'gaussdb';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A handler throws this to answer with an error body in its service's shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function cbrError(status: number, code: string, msg: string): HttpError {
  return new HttpError(status, { error_code: code, error_msg: msg });
}

export function gaussError(status: number, code: string, msg: string): HttpError {
  return new HttpError(status, { error_code: code, error_msg: msg });
}

/** IAM (Keystone) errors come as `{error:{code,message,title}}`. */
export function iamError(status: number, message: string, title: string): HttpError {
  return new HttpError(status, { error: { code: status, message, title } });
}

/** API Gateway errors (auth, throttling, unknown API) carry the request id in the body too. */
export function apigError(status: number, code: string, msg: string, requestId: string, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, { error_code: code, error_msg: msg, request_id: requestId }, headers);
}

/** A parameter error in the shape of the given service. */
export function badRequest(service: Service, msg: string): HttpError {
  switch (service) {
    case 'cbr':
      return cbrError(400, 'BackupService.9900', msg);
    case 'gaussdb':
      return gaussError(400, 'DBS.200001', msg);
    case 'iam':
      return iamError(400, msg, 'Bad Request');
  }
}

/** What a handler sees of the request. */
export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  params: Record<string, string>;
  region: string | undefined;
  requestId: string;
  /** Set by the auth check for project-scoped calls. */
  principal?: Principal;
}

export type Principal =
  | { kind: 'token'; token: string; domainId: string | undefined; projectId: string | undefined; userId: string | undefined; static: boolean }
  | { kind: 'aksk'; accessKey: string; domainId: string | undefined };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an integer query parameter with bounds; throws a service-shaped 400 otherwise. */
export function intParam(service: Service, query: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return dflt;
  }
  if (!/^\d+$/.test(raw)) {
    throw badRequest(service, `Invalid parameter ${name}: ${raw}`);
  }
  const n = Number(raw);
  if (n < min || n > max) {
    throw badRequest(service, `Invalid parameter ${name}: must be between ${min} and ${max}`);
  }
  return n;
}
