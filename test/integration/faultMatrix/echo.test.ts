/**
 * The emulator's `echoSecrets` fault (an error body that repeats the request's credentials), and
 * the API layer's errors under it: for each credential kind, no secret in the message.
 */
import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, type Credentials } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { CREDENTIALS, REGION } from './operations';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { holdsSecret, isSignature, secretFormIn } from './secrets';

describe('fault matrix: error bodies that echo the secrets', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(async () => emu.close());
  beforeEach(() => emu.admin.reset());

  const session = (credentials: Credentials): CloudSession =>
    CloudSession.create({ cloud: 'custom', region: REGION, endpointOverrides: emu.endpoints, credentials, retry: { baseDelayMs: 10, maxDelayMs: 50 } });

  it('echoes the token, the password and the signature into the error body, and remembers them until a reset', async () => {
    emu.admin.addFault({ op: 'iam.createToken', echoSecrets: true });
    const res = await fetch(`${emu.url}/iam/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'demo-user', password: CREDENTIALS.password.password, domain: { name: 'demo-domain' } } } } } }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: number; message: string } };
    assert.equal(body.error.code, 400);
    assert.ok(body.error.message.includes(CREDENTIALS.password.password), 'the password is echoed');
    assert.ok(body.error.message.includes(`Bearer ${CREDENTIALS.password.password}`) && body.error.message.includes(Buffer.from(CREDENTIALS.password.password).toString('base64')), 'in several forms');
    assert.ok(holdsSecret(body.error.message.replace(CREDENTIALS.password.password, '').replace(/Demo-Passw0rd!/g, ''), CREDENTIALS.password.password), 'the split and encoded forms are found too');
    assert.deepEqual(emu.admin.echoedSecrets(), [CREDENTIALS.password.password]);

    emu.admin.addFault({ op: 'cbr.listVaults', echoSecrets: true, status: 500 });
    const cbr = await fetch(`${emu.url}/${REGION}/cbr/v3/${DEMO_IDS.secondProject}/vaults?limit=1`, { headers: { 'X-Auth-Token': CREDENTIALS.token.token } });
    assert.equal(cbr.status, 500);
    const cbrBody = (await cbr.json()) as { error_code: string; error_msg: string };
    assert.equal(cbrBody.error_code, 'BackupService.9910');
    assert.ok(cbrBody.error_msg.includes(CREDENTIALS.token.token));
    assert.ok(emu.admin.echoedSecrets().includes(CREDENTIALS.token.token));
    emu.admin.reset();
    assert.deepEqual(emu.admin.echoedSecrets(), []);
  });

  for (const kind of ['token', 'password', 'aksk'] as const) {
    it(`keeps every echoed secret out of the errors of a read and a write (${kind})`, async () => {
      const s = session(CREDENTIALS[kind]);
      await s.getProjectId();
      const errors: CloudApiError[] = [];
      for (const status of [400, 401, 403, 500, 502]) {
        emu.admin.addFault({ op: 'cbr.listVaults', echoSecrets: true, status, times: 3 });
        emu.admin.addFault({ op: 'cbr.createCheckpoint', echoSecrets: true, status });
        for (const attempt of [() => s.cbr.listVaults({ limit: 1 }), () => s.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: `echo-${status}` })]) {
          try {
            await attempt();
          } catch (err) {
            assert.ok(err instanceof CloudApiError, String(err));
            errors.push(err);
          }
        }
        emu.admin.clearFaults();
      }
      assert.ok(errors.length >= 8, `the faults failed the calls (${errors.length})`);
      const secrets = [...emu.admin.echoedSecrets(), ...Object.values(CREDENTIALS[kind]).filter((v) => v !== kind && v.length > 12)];
      assert.ok(secrets.length > 0);
      for (const err of errors) {
        const text = `${err.message}\n${String(err.stack)}\n${JSON.stringify(err)}`;
        // The signature header ("SDK-HMAC-SHA256 Access=…, Signature=…") is checked by its signature part.
        const leaked = secrets.map((v) => ({ v, form: secretFormIn(text, v.replace(/^.*Signature=/, '')) })).filter((l) => l.form !== undefined && !(isSignature(l.v) && l.form !== 'as is'));
        assert.deepEqual(leaked.map((l) => `${l.v.slice(0, 4)}… (${l.form})`), [], `secret in: ${err.message.slice(0, 200)}`);
      }
    });
  }
});
