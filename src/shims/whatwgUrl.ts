/**
 * Stands in for `whatwg-url` in the bundle. node-fetch 2 takes Node's own `url.URL` first and only
 * falls back to this polyfill on Node < 10, so the 290 KB it pulls in (tr46's mapping table,
 * webidl-conversions) is never used inside VS Code's extension host (Node 20).
 */
export {};
