/** IAM responses: tokens and projects. */
import * as z from 'zod/mini';
import { map, onFirstUse, optBool, optStr, optTimestamp, raw, str, timestamp } from './primitives';

// ------------------------------------------------------------------ IAM

export const TokenBodySchema = onFirstUse(() => map(raw({
  token: raw({
    expires_at: timestamp,
    issued_at: optTimestamp,
    project: z.nullish(raw({ id: str, name: optStr })),
  }),
}), (r) => ({ expiresAt: r.token.expires_at, projectId: r.token.project?.id, projectName: r.token.project?.name })));

export const ProjectListSchema = onFirstUse(() => map(raw({
  projects: z.array(raw({ id: str, name: str, enabled: optBool, domain_id: optStr })),
}), (r) => r.projects.map((p) => ({ id: p.id, name: p.name, enabled: p.enabled ?? true, domainId: p.domain_id }))));
export type Project = z.output<typeof ProjectListSchema>[number];

/**
 * IAM KeystoneValidateToken (`GET /v3/auth/tokens`): whose a token is and when it expires
 * (https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0004.html, response table "token").
 */
export const TokenInfoSchema = onFirstUse(() => map(raw({
  token: raw({
    expires_at: timestamp,
    user: z.nullish(raw({ name: optStr, domain: z.nullish(raw({ name: optStr })) })),
    project: z.nullish(raw({ id: str, name: optStr })),
  }),
}), (r) => ({ expiresAt: r.token.expires_at, userName: r.token.user?.name, domainName: r.token.user?.domain?.name, projectName: r.token.project?.name })));
export type TokenInfo = z.output<typeof TokenInfoSchema>;
