import { strict as assert } from 'node:assert';
import { demoSignInDecision } from '../../../src/auth/demoSignIn';

const demo = { kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' } as const;
const real = { kind: 'aksk', accessKey: 'REALACCESSKEY0000001', secretKey: 'realSecretKey000000000000000000000000001' } as const;

describe('unit: demo sign-in never replaces a stored real credential', () => {
  it('signs the demo in when nothing is stored', () => {
    assert.equal(demoSignInDecision(undefined, demo), 'signIn');
  });

  it('signs the demo in again when the stored credential is the demo one (the emulator moved to another port)', () => {
    assert.equal(demoSignInDecision({ version: 1, credentials: { ...demo }, destination: 'old' }, demo), 'signIn');
  });

  it('keeps a stored real credential (for another destination): the demo is not signed in', () => {
    assert.equal(demoSignInDecision({ version: 1, credentials: real, destination: 'real cloud' }, demo), 'keepStored');
  });
});
