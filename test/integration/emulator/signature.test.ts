/* eslint-disable @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import {
  canonicalQuery, canonicalRequest, canonicalUri, computeSignature, parseAuthorization, verifySignedRequest,
} from '../../emulator/signature';
import { DEMO_IDENTITY, P1, R1, signedCall, start } from './helpers';

describe('emulator: SDK-HMAC-SHA256 verifier', () => {
  const vector = {
    method: 'GET',
    path: '/v3/0605767b5780d5762fc5c0118072a564/backups',
    query: 'vault_id=ea7b8717-2543-478a-a92d-3ca7ee448f67&limit=100&status=protecting',
    headers: { 'content-type': 'application/json', 'x-sdk-date': '20201117T082255Z', host: 'cbr.ap-southeast-1.myhuaweicloud.com' },
    body: '',
  };
  const expected = '32c897b9aae9d3c8690c84cd7c4236896b7ebaa3c5ef490990a6eeb45695cb98';

  it('accepts the known-answer vector', () => {
    const signature = computeSignature('hwSecretKeyExample0000000000000000000001', { ...vector, signedHeaders: ['content-type', 'host', 'x-sdk-date'] }, '20201117T082255Z');
    assert.equal(signature, expected);
    const result = verifySignedRequest({
      ...vector,
      headers: {
        ...vector.headers,
        authorization: `SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=${expected}`,
      },
      secretFor: (ak) => (ak === 'HWAKEXAMPLE0000000001' ? 'hwSecretKeyExample0000000000000000000001' : undefined),
    });
    assert.deepEqual(result, { ok: true, accessKey: 'HWAKEXAMPLE0000000001' });
  });

  it('rejects the vector with a changed query, key or date window', () => {
    const auth = `SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=${expected}`;
    const base = { ...vector, headers: { ...vector.headers, authorization: auth }, secretFor: () => 'hwSecretKeyExample0000000000000000000001' };
    assert.equal(verifySignedRequest({ ...base, query: `${vector.query}&offset=1` }).ok, false);
    assert.equal(verifySignedRequest({ ...base, secretFor: () => 'other' }).ok, false);
    assert.equal(verifySignedRequest({ ...base, secretFor: () => undefined }).ok, false);
    assert.equal(verifySignedRequest({ ...base, nowMs: Date.UTC(2020, 10, 17, 8, 22, 55) + 16 * 60_000 }).ok, false);
    assert.equal(verifySignedRequest({ ...base, nowMs: Date.UTC(2020, 10, 17, 8, 22, 55) + 14 * 60_000 }).ok, true);
  });

  it('matches the HW-Go signer test vectors', () => {
    const headers = { 'x-sdk-date': '20060102T150405Z' };
    const get = { method: 'GET', path: '/path', query: 'limit=1', headers, signedHeaders: ['x-sdk-date'], body: '' };
    assert.equal(
      canonicalRequest(get),
      'GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    assert.equal(computeSignature('SecretKey', get, '20060102T150405Z'), '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
    const post = { ...get, method: 'POST', query: 'key=value', body: '{"Name":"test","Id":1}\n' };
    assert.equal(computeSignature('SecretKey', post, '20060102T150405Z'), 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
  });

  it('canonicalizes query strings and paths', () => {
    const raw = 'test=%E4%B8%80%20(%26%3D%3F!%23%25.*)&path=%2Ftmp%2F123&multi=3&multi=1&multi=2&limit=1&enable=true';
    assert.equal(
      canonicalQuery(raw),
      'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29',
    );
    assert.equal(canonicalUri('/v3/a b/c~d'), '/v3/a%20b/c~d/');
    assert.equal(canonicalUri('/v3/a%20b/'), '/v3/a%20b/');
    assert.deepEqual(parseAuthorization('SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host;X-Sdk-Date, Signature=ab'), {
      accessKey: 'AK',
      signedHeaders: ['host', 'x-sdk-date'],
      signature: 'ab',
    });
    assert.equal(parseAuthorization('Bearer x'), undefined);
  });

  describe('over HTTP', () => {
    let emu: RunningEmulator;
    before(async () => {
      emu = await start({ seed: undefined });
    });
    after(async () => {
      await emu.close();
    });

    const vaultsUrl = (): string => `${emu.url}/${R1}/cbr/v3/${P1}/vaults?limit=2&object_type=server`;

    it('accepts a correctly signed GET and POST', async () => {
      const res = await signedCall(vaultsUrl());
      assert.equal(res.status, 200);
      assert.equal(res.body.vaults.length, 2);
      const post = await signedCall(`${emu.url}/${R1}/gaussdb/v3/${P1}/backups/create`, {
        method: 'POST',
        body: JSON.stringify({ instance_id: '07033b125fd94a8a96896f8bcfee6ddain07', name: 'signed-backup' }),
      });
      assert.equal(post.status, 201);
    });

    it('rejects a wrong secret, an unknown key and a stale date with APIGW.0303', async () => {
      for (const opts of [{ sk: 'wrong' }, { ak: 'NOSUCHKEY' }, { date: new Date(Date.now() - 20 * 60_000) }]) {
        const res = await signedCall(vaultsUrl(), opts);
        assert.equal(res.status, 401);
        assert.equal(res.body.error_code, 'APIGW.0303');
        assert.match(res.body.request_id, /^[0-9a-f]{32}$/);
      }
    });

    it('ignores the emulator clock for the date window', async () => {
      emu.admin.advance(2 * 60 * 60_000);
      assert.equal((await signedCall(vaultsUrl())).status, 200);
    });

    it('requires X-Security-Token for a temporary AK', async () => {
      const seed = structuredClone(emu.seed);
      seed.accessKeys = [{ ak: 'TEMPAK', sk: 'tempsk', securityToken: 'sec-token-1' }];
      const temp = await start({ seed });
      try {
        const url = `${temp.url}/${R1}/cbr/v3/${P1}/vaults`;
        const without = await signedCall(url, { ak: 'TEMPAK', sk: 'tempsk' });
        assert.equal(without.status, 401);
        assert.equal(without.body.error_code, 'APIGW.0303');
        const withToken = await signedCall(url, { ak: 'TEMPAK', sk: 'tempsk', extraHeaders: { 'x-security-token': 'sec-token-1' } });
        assert.equal(withToken.status, 200);
      } finally {
        await temp.close();
      }
    });

    it('gives AK/SK access to every project of the seed', async () => {
      const res = await signedCall(`${emu.url}/ap-southeast-2/cbr/v3/${DEMO_IDENTITY.projects['ap-southeast-2']}/vaults`);
      assert.equal(res.status, 200);
      assert.equal(res.body.count, 2);
    });
  });
});
