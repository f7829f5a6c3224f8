import { strict as assert } from 'node:assert';
import { CloudConnection } from '../../../src/auth/connection';
import { tokenOwner } from '../../../src/auth/credentialStore';
import type { CbrExplorerTestApi } from '../../../src/extension';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension } from '../extensionApi';

/**
 * Issue 13, item 3: a password sign-in's token is kept in SecretStorage with its expiry, so a
 * window opened while it is valid sends no token request. A new CloudConnection over the same
 * SecretStorage is what a reopened window builds at activation.
 */
describe('Token reuse across windows', () => {
  let api: CbrExplorerTestApi;
  /** The token exchanges the reopened window itself sent (the running extension may renew its own meanwhile). */
  let exchanges = 0;
  const reopenedWindow = async (): Promise<CloudConnection> => {
    exchanges = 0;
    const connection = new CloudConnection(api.credentialStore, (entry) => (exchanges += entry.operation === 'iam.createToken' && entry.attempt === 1 ? 1 : 0));
    await connection.reload();
    return connection;
  };

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  after(async () => {
    await emulator.reset();
    api.explorer.refresh();
  });

  it('reopening a window with a valid token makes no token request, and its vaults load', async () => {
    await emulator.resetCounters();
    const reopened = await reopenedWindow();
    try {
      assert.equal(reopened.state.kind, 'signedIn');
      const { vaults } = await reopened.session(demo.region).cbr.listVaults({ limit: 5 });
      assert.ok(vaults.length > 0, 'the vaults were listed');
      assert.equal(await count('iam.createToken'), 0, 'no token exchange');
      assert.equal(await count('cbr.listVaults'), 1);
    } finally {
      reopened.dispose();
    }
  });

  it('a token the cloud no longer accepts is exchanged once, and the next window reuses the new one', async () => {
    await emulator.expireTokens();
    await emulator.resetCounters();
    const first = await reopenedWindow();
    try {
      await first.session(demo.region).cbr.listVaults({ limit: 5 });
      assert.equal(exchanges, 1, 'one exchange after the 401');
    } finally {
      first.dispose();
    }
    // Let the new token reach SecretStorage (written without blocking the request).
    await api.credentialStore.tokensSaved();
    await emulator.resetCounters();
    const second = await reopenedWindow();
    try {
      await second.session(demo.region).cbr.listVaults({ limit: 5 });
      assert.equal(exchanges, 0, 'the renewed token is reused');
    } finally {
      second.dispose();
    }
  });

  it('signing out forgets the kept tokens', async () => {
    const stored = await api.credentialStore.read();
    assert.ok(stored);
    const owner = tokenOwner(stored.credentials, stored.destination);
    assert.equal((await api.credentialStore.readTokens(owner)).has(demo.region), true, 'a token is kept while signed in');
    await api.connection.signOut();
    assert.equal((await api.credentialStore.readTokens(owner)).size, 0, 'no token is kept after signing out');
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });
});
