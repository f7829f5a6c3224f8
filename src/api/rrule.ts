/**
 * The `rrule` library, loaded on first use. The production build puts it in its own file
 * (dist/rrule.js, about 52 KB minified; see esbuild.js) so that activating the extension does
 * not load it: only showing or creating a policy does.
 */
import type * as RRuleLibrary from 'rrule';

let library: typeof RRuleLibrary | undefined;

export function loadRrule(): typeof RRuleLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require keeps the library out of activation
  library ??= require('rrule') as typeof RRuleLibrary;
  return library;
}
