/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import { call, Client, DEMO_IDENTITY, getToken, P1, P2, R1, signedCall, start, tokenRequest } from './helpers';

describe('emulator: IAM and auth', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await start();
  });
  afterEach(async () => {
    await emu.close();
  });

  it('issues a project-scoped token (201, X-Subject-Token, token body)', async () => {
    const res = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest() });
    assert.equal(res.status, 201);
    assert.ok((res.headers.get('x-subject-token') ?? '').length > 100);
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);
    const t = res.body.token;
    assert.deepEqual(t.project, { id: P1, name: R1, domain: { id: DEMO_IDENTITY.domainId, name: DEMO_IDENTITY.domainName } });
    assert.equal(t.user.name, DEMO_IDENTITY.userName);
    assert.deepEqual(t.methods, ['password']);
    assert.deepEqual(t.catalog, []);
    assert.ok(Array.isArray(t.roles));
    const ttl = Date.parse(t.expires_at) - Date.parse(t.issued_at);
    assert.equal(ttl, 24 * 60 * 60 * 1000);
  });

  it('scopes by project id too, and rejects an unknown project', async () => {
    const body = tokenRequest() as { auth: { scope: unknown } };
    body.auth.scope = { project: { id: P2 } };
    const ok = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.token.project.name, 'ap-southeast-2');
    body.auth.scope = { project: { name: 'eu-de' } };
    assert.equal((await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body })).status, 401);
  });

  it('answers a wrong password with 401 {error:{code,message,title}}', async () => {
    const res = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest(R1, 'nope') });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
    assert.equal(res.headers.get('x-subject-token'), null);
  });

  it('answers a malformed token request with 400', async () => {
    const res = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: { auth: {} } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 400);
    const bad = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: '{"auth":' });
    assert.equal(bad.status, 400);
  });

  it('validates a token for its owner (KeystoneValidateToken): 200 with its expiry, user and project; another token is refused', async () => {
    const token = await getToken(emu);
    const res = await call(`${emu.url}/iam/v3/auth/tokens?nocatalog=true`, { headers: { 'X-Auth-Token': token, 'X-Subject-Token': token } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-subject-token'), token);
    assert.equal(res.body.token.user.name, DEMO_IDENTITY.userName);
    assert.equal(res.body.token.user.domain.name, DEMO_IDENTITY.domainName);
    assert.equal(res.body.token.project.id, P1);
    assert.ok(Date.parse(res.body.token.expires_at) > Date.now());
    const other = await getToken(emu);
    const refused = await call(`${emu.url}/iam/v3/auth/tokens`, { headers: { 'X-Auth-Token': other, 'X-Subject-Token': token } });
    assert.equal(refused.status, 403);
  });

  it('lists projects by name with a token and with AK/SK', async () => {
    const token = await getToken(emu);
    const res = await call(`${emu.url}/iam/v3/projects?name=${R1}`, { headers: { 'X-Auth-Token': token } });
    assert.equal(res.status, 200);
    assert.equal(res.body.projects.length, 1);
    assert.equal(res.body.projects[0].id, P1);
    assert.equal(res.body.projects[0].domain_id, DEMO_IDENTITY.domainId);
    assert.ok('links' in res.body);
    const signed = await signedCall(`${emu.url}/iam/v3/projects?name=${R1}`);
    assert.equal(signed.status, 200);
    assert.equal(signed.body.projects[0].id, P1);
    const all = await call(`${emu.url}/iam/v3/auth/projects`, { headers: { 'X-Auth-Token': token } });
    assert.deepEqual(
      all.body.projects.map((p: { name: string }) => p.name),
      [R1, 'ap-southeast-2'],
    );
  });

  it('answers a missing or unknown token with 401 APIGW.0301', async () => {
    const noAuth = await call(`${emu.url}/${R1}/cbr/v3/${P1}/vaults`);
    assert.equal(noAuth.status, 401);
    assert.equal(noAuth.body.error_code, 'APIGW.0301');
    assert.match(noAuth.body.error_msg, /^Incorrect IAM authentication information/);
    assert.equal(noAuth.body.request_id, noAuth.headers.get('x-request-id'));
    const bogus = await call(`${emu.url}/${R1}/cbr/v3/${P1}/vaults`, { headers: { 'X-Auth-Token': 'bogus' } });
    assert.equal(bogus.status, 401);
    assert.equal(bogus.body.error_code, 'APIGW.0301');
  });

  it('expires tokens after their TTL of emulator time', async () => {
    const client = await Client.signIn(emu);
    assert.equal((await client.cbr('/vaults')).status, 200);
    emu.admin.advance(24 * 60 * 60 * 1000 + 1);
    const res = await client.cbr('/vaults');
    assert.equal(res.status, 401);
    assert.equal(res.body.error_code, 'APIGW.0301');
  });

  it('expires every issued token on demand, but not static tokens', async () => {
    const client = await Client.signIn(emu);
    const res = await call(`${emu.url}/__admin/expire-tokens`, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.equal((await client.cbr('/vaults')).body.error_code, 'APIGW.0301');
    const stat = new Client(emu, DEMO_IDENTITY.staticToken);
    assert.equal((await stat.cbr('/vaults')).status, 200);
    assert.equal((await new Client(emu, DEMO_IDENTITY.staticToken, 'ap-southeast-2').cbr('/vaults')).status, 200);
  });

  it('refuses a token scoped to another project with 403', async () => {
    const token = await getToken(emu, R1);
    const res = await call(`${emu.url}/ap-southeast-2/cbr/v3/${P2}/vaults`, { headers: { 'X-Auth-Token': token } });
    assert.equal(res.status, 403);
    assert.equal(res.body.error_code, 'APIGW.0302');
    const wrongRegion = await call(`${emu.url}/ap-southeast-2/cbr/v3/${P1}/vaults`, { headers: { 'X-Auth-Token': token } });
    assert.equal(wrongRegion.status, 403);
  });

  it('answers unknown APIs and regions with 404 APIGW.0101', async () => {
    const token = await getToken(emu);
    const res = await call(`${emu.url}/${R1}/cbr/v3/${P1}/nothing`, { headers: { 'X-Auth-Token': token } });
    assert.equal(res.status, 404);
    assert.equal(res.body.error_code, 'APIGW.0101');
    const region = await call(`${emu.url}/eu-de/cbr/v3/${P1}/vaults`, { headers: { 'X-Auth-Token': token } });
    assert.equal(region.status, 404);
  });
});
