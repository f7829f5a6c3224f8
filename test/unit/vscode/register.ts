/**
 * Loaded by mocha before the unit tests (`.mocharc.json` `require`): makes `import * as vscode
 * from 'vscode'` resolve to the stub, and gives every test a fresh window.
 */
import Module from 'node:module';
import * as path from 'node:path';
import { resetVsCode } from './stub';

const stubPath = path.join(__dirname, 'stub.js');
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? stubPath : original.call(this, request, ...rest);
};

export const mochaHooks = {
  beforeEach(): void {
    resetVsCode();
  },
};
