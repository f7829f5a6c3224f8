/** CBR and GaussDB(for MySQL) clients: one method per API call, validated input, parsed output. */
export * from './call';
export { CbrClient } from './cbr';
export { GaussDbClient, isApiNotOffered } from './gaussdb';
export { PolicyClient, type CreatePolicyRequest, type UpdatePolicyRequest } from './policies';
