/** Authentication of service calls: IAM tokens (issued or static) and AK/SK signatures. */
import type { IncomingHttpHeaders } from 'node:http';
import { apigError, type Principal } from './http';
import { verifySignedRequest } from './signature';
import type { EmulatorState } from './state';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface RawRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const IAM_AUTH_MSG = 'Incorrect IAM authentication information';

/** Who is calling, or a 401 in the API Gateway's shape. */
export function authenticate(state: EmulatorState, req: RawRequest, requestId: string): Principal {
  const token = header(req.headers, 'x-auth-token');
  if (token !== undefined) {
    if ((state.seed.staticTokens ?? []).includes(token)) {
      return { kind: 'token', token, domainId: state.seed.domains[0]?.id, projectId: undefined, userId: undefined, static: true };
    }
    const rec = state.tokens.get(token);
    if (!rec) {
      throw apigError(401, 'APIGW.0301', `${IAM_AUTH_MSG}: verify token fail`, requestId);
    }
    if (rec.revoked || state.now() >= rec.expiresMs) {
      throw apigError(401, 'APIGW.0301', `${IAM_AUTH_MSG}: token expires`, requestId);
    }
    return { kind: 'token', token, domainId: rec.domain.id, projectId: rec.project?.id, userId: rec.user.id, static: false };
  }
  if (header(req.headers, 'authorization') !== undefined) {
    const keys = state.seed.accessKeys ?? [];
    const result = verifySignedRequest({
      method: req.method,
      path: req.path,
      query: req.rawQuery,
      headers: req.headers,
      body: req.body,
      secretFor: (ak) => keys.find((k) => k.ak === ak)?.sk,
      // The signer uses its wall clock, which advancing the emulator clock does not move.
      nowMs: Date.now(),
    });
    if (!result.ok) {
      throw apigError(401, 'APIGW.0303', `Incorrect app authentication information: ${result.reason}`, requestId);
    }
    const key = keys.find((k) => k.ak === result.accessKey);
    if (key?.securityToken !== undefined && header(req.headers, 'x-security-token') !== key.securityToken) {
      throw apigError(401, 'APIGW.0303', 'Incorrect app authentication information: security token is missing or invalid', requestId);
    }
    const domain = key?.domain ? state.seed.domains.find((d) => d.name === key.domain) : state.seed.domains[0];
    return { kind: 'aksk', accessKey: result.accessKey, domainId: domain?.id };
  }
  throw apigError(401, 'APIGW.0301', `${IAM_AUTH_MSG}: no token or signature in the request`, requestId);
}

/** A project-scoped call: the project must exist in the region and the caller may use it. */
export function authorizeProject(state: EmulatorState, principal: Principal, projectId: string, region: string, requestId: string): void {
  const project = state.projectById.get(projectId);
  if (!project || project.region !== region) {
    throw apigError(403, 'APIGW.0302', `The IAM user is not authorized to access the API: project ${projectId} is not a project of region ${region}`, requestId);
  }
  if (principal.kind === 'token' && !principal.static && principal.projectId !== projectId) {
    throw apigError(403, 'APIGW.0302', 'The IAM user is not authorized to access the API: the token is not scoped to this project', requestId);
  }
}
