import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../src/extension';

export const EXTENSION_ID = 'cbr-explorer.cbr-explorer';

/** Activates the extension (as a user's first command would) and returns its test API. */
export async function activateExtension(): Promise<CbrExplorerTestApi> {
  const extension = vscode.extensions.getExtension<CbrExplorerTestApi | undefined>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  }
  const api = await extension.activate();
  if (!api) {
    throw new Error('the extension did not return its test API (not running in test mode?)');
  }
  return api;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
