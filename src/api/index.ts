/** The cloud API layer: plain Node, no `vscode`. Everything the extension uses comes from here. */
export { AkSkAuthenticator, PasswordAuthenticator, TokenAuthenticator, type Credentials, type IssuedToken, type TokenReuse } from './auth';
export {
  CbrClient,
  CLOCK_SKEW_MS,
  GaussDbClient,
  isApiNotOffered,
  type CallOptions,
  type CreateCheckpointRequest,
  type CreateVaultRequest,
  type ListBackupsQuery,
  type ListOperationLogsQuery,
  type ListVaultsQuery,
  type ReplicateRequest,
} from './clients';
export { checkEndpointUrl, isLoopbackHost, isLoopbackUrl, knownRegions, resolveEndpoints, type CloudKind, type EndpointOverrides, type Endpoints, type Service } from './endpoints';
export { CloudApiError, GONE_CODES, isCancellation, isDocumentedAnswer, isGone, kindFor, parseErrorBody, ValidationError, type ErrorKind, type GoneWhat } from './errors';
export { buildUrl, defaultFetch, HttpClient, type Authenticator, type FetchLike, type RequestLogEntry, type RetryPolicy } from './http';
export { collectPages, type CollectedPages } from './paging';
export { redact, redactHeaders, registerSecret } from './redact';
export { regionDisplayName } from './regions';
export * from './schemas';
export { CloudSession, type SessionOptions } from './session';
export { canonicalQuery, canonicalUri, signRequest, type SigningKey } from './signer';
export * from './validation';
export { PolicyClient, type CreatePolicyRequest, type UpdatePolicyRequest } from './clients';
export * from './policyRules';
export * from './policySchedule';
