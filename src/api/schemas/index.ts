/**
 * zod schemas for every response the layer reads, and the domain types the rest of the code uses
 * (camelCase, with the wire object kept as `raw`).
 */
export * from './cbr';
export * from './deletion';
export * from './gaussdb';
export * from './iam';
export * from './operations';
export { formatIssuePath, map, onFirstUse, parseCloudTimestamp } from './primitives';
export * from './recovery';
export * from './policies';
