import { collectPages } from '../../../src/api/paging';
import { strict as assert } from 'node:assert';
import {
  canonicalQuery,
  CloudApiError,
  formatIssuePath,
  kindFor,
  parseCloudTimestamp,
  parseErrorBody,
  redact,
  redactHeaders,
  registerSecret,
  resolveEndpoints,
  signRequest,
  ValidationError,
  VaultListSchema,
  BackupListSchema,
  CheckpointEnvelopeSchema,
  GaussCreateBackupSchema,
} from '../../../src/api';

describe('api: AK/SK signer', () => {
  const key = { accessKey: 'HWAKEXAMPLE0000000001', secretKey: 'hwSecretKeyExample0000000000000000000001' };

  it('signs the known-answer request exactly as the official SDK does', () => {
    const signed = signRequest(
      {
        method: 'GET',
        url: 'https://cbr.ap-southeast-1.myhuaweicloud.com/v3/0605767b5780d5762fc5c0118072a564/backups?vault_id=ea7b8717-2543-478a-a92d-3ca7ee448f67&limit=100&status=protecting',
        headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20201117T082255Z' },
      },
      key,
      new Date(),
    );
    assert.equal(
      signed.headers.Authorization,
      'SDK-HMAC-SHA256 Access=HWAKEXAMPLE0000000001, SignedHeaders=content-type;host;x-sdk-date, Signature=32c897b9aae9d3c8690c84cd7c4236896b7ebaa3c5ef490990a6eeb45695cb98',
    );
  });

  it('canonicalizes a query as the SDK test vector does (sorted keys and values, RFC 3986)', () => {
    const params = new URLSearchParams();
    params.append('test', '一 (&=?!#%.*)');
    params.append('path', '/tmp/123');
    params.append('multi', '3');
    params.append('multi', '1');
    params.append('multi', '2');
    params.append('limit', '1');
    params.append('enable', 'true');
    assert.equal(canonicalQuery(params), 'enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29');
  });

  it('hashes the exact body bytes: a different byte gives a different signature', () => {
    const base = { method: 'POST', url: 'https://cbr.eu-de.otc.t-systems.com/v3/p/checkpoints', headers: { 'Content-Type': 'application/json', 'X-Sdk-Date': '20201117T082255Z' } };
    const a = signRequest({ ...base, body: '{"a":1}' }, key, new Date()).headers.Authorization;
    const b = signRequest({ ...base, body: '{"a": 1}' }, key, new Date()).headers.Authorization;
    assert.notEqual(a, b);
  });

  it('adds X-Sdk-Date and the security token of temporary keys, and signs them', () => {
    const signed = signRequest({ method: 'GET', url: 'https://cbr.eu-de.otc.t-systems.com/v3/p/vaults', headers: {} }, { ...key, securityToken: 'temporary-token-123' }, new Date(Date.UTC(2026, 10, 25, 8, 5, 9)));
    assert.equal(signed.headers['X-Sdk-Date'], '20261125T080509Z');
    assert.equal(signed.headers['X-Security-Token'], 'temporary-token-123');
    assert.match(signed.headers.Authorization ?? '', /SignedHeaders=host;x-sdk-date;x-security-token,/);
  });
});

describe('api: timestamps', () => {
  const cases: [string, string][] = [
    ['2020-02-05T10:38:34.209782', '2020-02-05T10:38:34.209Z'],
    ['2019-05-10T07:59:12.733+00:00', '2019-05-10T07:59:12.733Z'],
    ['2020-07-07T01:17:05+0800', '2020-07-06T17:17:05.000Z'],
    ['2018-08-20T02:33:49_0800', '2018-08-19T18:33:49.000Z'],
    ['2020-08-17T03:51:24.678916', '2020-08-17T03:51:24.678Z'],
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T05:30:00-0330', '2025-01-01T09:00:00.000Z'],
  ];
  for (const [wire, instant] of cases) {
    it(`reads ${wire} as ${instant}`, () => {
      assert.equal(parseCloudTimestamp(wire)?.toISOString(), instant);
    });
  }
  it('refuses what is not a timestamp', () => {
    assert.equal(parseCloudTimestamp('yesterday'), undefined);
    assert.equal(parseCloudTimestamp('2020-13-45T99:00:00'), undefined);
  });
});

describe('api: schemas', () => {
  it('accepts numbers sent as strings and keeps unknown fields in raw', () => {
    const list = VaultListSchema.parse({
      count: '1',
      vaults: [{ id: 'v', name: 'n', billing: { size: '200', used: 0, object_type: 'server', brand_new_field: true }, resources: [{ id: 'r', type: 'OS::Nova::Server', backup_count: '3', size: '40' }], created_at: '2020-08-17T03:51:24.678916', surprise: 1 }],
    });
    assert.equal(list.count, 1);
    assert.equal(list.vaults[0]?.billing.size, 200);
    assert.equal(list.vaults[0]?.resources[0]?.backupCount, 3);
    assert.equal(list.vaults[0]?.raw.surprise, 1);
    assert.equal(list.vaults[0]?.createdAt?.toISOString(), '2020-08-17T03:51:24.678Z');
  });

  it('parses a skipped resource without an id (the field is optional)', () => {
    const cp = CheckpointEnvelopeSchema.parse({ checkpoint: { id: 'd9ce6924-d753-4132-bd16-a9f8838ea7d2', status: 'protecting', vault: { id: 'ea7b8717-2543-478a-a92d-3ca7ee448f67', name: 'v', resources: [], skipped_resources: [{ name: 'data-disk-01', code: 'BackupService.0002', reason: 'being backed up' }, { code: 'X' }] } } });
    assert.deepEqual(cp.vault?.skippedResources.map((r) => [r.id, r.name]), [[undefined, 'data-disk-01'], [undefined, '?']]);
  });

  it('reads seed 000/001 (numeric resource_size) and seed 004 (string sizes) checkpoint responses alike', () => {
    const seed001 = CheckpointEnvelopeSchema.parse({ checkpoint: { status: 'protecting', created_at: '2019-05-10T07:59:12.733+00:00', vault: { skipped_resources: [], id: '3b5816b5-f29c-4172-9d9a-76c719a659ce', resources: [{ name: 'ecs-1f0f-0002', resource_size: 40, protect_status: 'available', type: 'OS::Nova::Server', id: '94eba8b2-acc9-4d82-badc-127144cc5526' }], name: 'vault-be94' }, project_id: '4229d7a45436489f8c3dc2b1d35d4987', id: '8b0851a8-adf3-4f4c-a914-dead08bf9664', extra_info: { retention_duration: -1, name: 'backup_name', description: 'backup_description' } } });
    const seed004 = CheckpointEnvelopeSchema.parse({ checkpoint: { id: 'd9ce6924-d753-4132-bd16-a9f8838ea7d2', project_id: '0605767b5780d5762fc5c0118072a564', status: 'protecting', vault: { id: 'ea7b8717-2543-478a-a92d-3ca7ee448f67', name: 'my_vault', resources: [{ id: 'e8cc6bfd-d324-4b88-9109-9fb0ba70676f', type: 'OS::Nova::Server', name: 'ecs-9f93-0002', extra_info: '{}', resource_size: '40', backup_size: '0', backup_count: '0', protect_status: 'available' }], skipped_resources: [] }, created_at: '2020-08-17T06:49:06.307378', extra_info: { name: 'backup_auto', description: 'backupauto', retention_duration: -1 } } });
    assert.equal(seed001.vault?.resources[0]?.resourceSize, 40);
    assert.equal(seed004.vault?.resources[0]?.resourceSize, 40);
    assert.equal(seed001.name, 'backup_name');
    const shown = CheckpointEnvelopeSchema.parse({ checkpoint: { id: 'd9ce6924-d753-4132-bd16-a9f8838ea7d2', project_id: 'p', status: 'available', vault: null, created_at: '2020-08-17T06:49:06.260790', extra_info: null } });
    assert.equal(shown.status, 'available');
    assert.equal(shown.vault, undefined);
  });

  it('reads the seed 003 GaussDB create response', () => {
    const created = GaussCreateBackupSchema.parse({ backup: { id: '2f4ddb93-b901-4b08-93d8-1d2e472f30fe', name: 'backup-1', description: 'Manual backup', begin_time: '2020-07-07T01:17:05+0800', status: 'BUILDING', type: 'manual', instance_id: '07033b125fd94a8a96896f8bcfee6ddain07' }, job_id: 'e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7' });
    assert.equal(created.jobId, 'e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7');
    assert.equal(created.backup.beginTime?.toISOString(), '2020-07-06T17:17:05.000Z');
  });

  it('names the field path of a body that breaks the schema', () => {
    const result = BackupListSchema.safeParse({ backups: [{ id: 'b', status: 'available' }, { id: 'c', status: 7 }] });
    assert.equal(result.success, false);
    assert.equal(formatIssuePath(result.error?.issues[0]?.path ?? []), 'backups[1].status');
  });
});

describe('api: error bodies', () => {
  it('reads {error_code, error_msg}', () => {
    assert.deepEqual(parseErrorBody('{"error_code":"BackupService.6105","error_msg":"Vault not found"}'), { errorCode: 'BackupService.6105', message: 'Vault not found' });
  });
  it('reads {error: {code, message}}', () => {
    assert.deepEqual(parseErrorBody('{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}'), { errorCode: '401', message: 'The username or password is wrong.' });
  });
  it('survives a body that is not JSON', () => {
    assert.deepEqual(parseErrorBody('<html>bad gateway</html>'), {});
  });
  it('decides the kind by error code before status (clouds disagree on statuses)', () => {
    assert.equal(kindFor(400, 'BackupService.6105'), 'notFound');
    assert.equal(kindFor(404, 'BackupService.6105'), 'notFound');
    assert.equal(kindFor(401, 'APIGW.0301'), 'auth');
    assert.equal(kindFor(429, 'APIGW.0308'), 'throttled');
    assert.equal(kindFor(400, 'BackupService.9900'), 'validation');
    assert.equal(kindFor(403, undefined), 'forbidden');
    assert.equal(kindFor(503, undefined), 'server');
  });
});

describe('api: redaction', () => {
  it('hides tokens, Authorization, passwords and secret keys in any line', () => {
    const line = [
      'X-Auth-Token: MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEwggLrBgkqhkiG',
      'Authorization: SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=0123456789abcdef',
      '{"password":"Hunter2-secret","secretKey":"sk-value-123456","security_token":"st-999999"}',
      'https://x/?token=abcdef123456',
    ].join('\n');
    const out = redact(line);
    for (const secret of ['MIIEhQYJKoZ', 'Signature=0123456789abcdef', 'Hunter2-secret', 'sk-value-123456', 'st-999999', 'abcdef123456']) {
      assert.ok(!out.includes(secret), `${secret} is hidden in: ${out}`);
    }
  });
  it('hides a registered secret wherever it appears', () => {
    registerSecret('my-very-own-password');
    assert.equal(redact('error for my-very-own-password here'), 'error for *** here');
  });
  it('hides secret headers by name', () => {
    assert.deepEqual(redactHeaders({ 'X-Auth-Token': 'abc', Accept: 'application/json' }), { 'X-Auth-Token': '***', Accept: 'application/json' });
  });
});

describe('api: endpoints', () => {
  it('builds Huawei Cloud endpoints per region, GaussDB by its region table', () => {
    const e = resolveEndpoints('huaweicloud', 'ap-southeast-1');
    assert.equal(e.cbr, 'https://cbr.ap-southeast-1.myhuaweicloud.com');
    assert.equal(e.gaussdb, 'https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com');
    assert.equal(resolveEndpoints('huaweicloud', 'cn-north-4').gaussdb, 'https://gaussdb.cn-north-4.myhuaweicloud.com');
    assert.equal(resolveEndpoints('huaweicloud', 'af-south-1').gaussdb, 'https://gaussdb-mysql.af-south-1.myhuaweicloud.com');
    assert.equal(e.iam, 'https://iam.myhuaweicloud.com');
  });
  it('builds Open Telekom Cloud endpoints', () => {
    const e = resolveEndpoints('opentelekomcloud', 'eu-de');
    assert.deepEqual(e, { iam: 'https://iam.eu-de.otc.t-systems.com', cbr: 'https://cbr.eu-de.otc.t-systems.com', gaussdb: 'https://gaussdb-mysql.eu-de.otc.t-systems.com' });
    assert.equal(resolveEndpoints('opentelekomcloud', 'eu-ch2').iam, 'https://iam-pub.eu-ch2.sc.otc.t-systems.com');
  });
  it('applies overrides with {region}', () => {
    const e = resolveEndpoints('custom', 'ap-southeast-2', { iam: 'http://127.0.0.1:9090/iam', cbr: 'http://127.0.0.1:9090/{region}/cbr', gaussdb: 'https://db.example.com/{region}' });
    assert.equal(e.cbr, 'http://127.0.0.1:9090/ap-southeast-2/cbr');
    assert.equal(e.gaussdb, 'https://db.example.com/ap-southeast-2');
  });
  const loopbackOk = ['http://127.0.0.1:1/x', 'http://127.8.9.10/x', 'http://localhost:9/x', 'http://[::1]:9/x', 'https://cbr.example.com'];
  for (const url of loopbackOk) {
    it(`accepts ${url}`, () => {
      assert.doesNotThrow(() => resolveEndpoints('custom', 'eu-de', { iam: url, cbr: url, gaussdb: url }));
    });
  }
  const refused = ['http://cbr.example.com', 'http://10.0.0.1/x', 'http://127.0.0.1.evil.com/x', 'ftp://127.0.0.1/x', 'https://user:pw@cbr.example.com', 'not a url'];
  for (const url of refused) {
    it(`refuses ${url} before sending anything`, () => {
      assert.throws(() => resolveEndpoints('custom', 'eu-de', { iam: url, cbr: 'https://a.b', gaussdb: 'https://a.b' }), ValidationError);
    });
  }
  it('requires every endpoint for the custom cloud, and a region id', () => {
    assert.throws(() => resolveEndpoints('custom', 'eu-de', { iam: 'https://a.b' }), /needs an endpoint for cbr/);
    assert.throws(() => resolveEndpoints('huaweicloud', 'Not A Region'), ValidationError);
  });
  it('CloudApiError keeps code, status and request id', () => {
    const e = new CloudApiError({ kind: 'notFound', operation: 'cbr.showVault', errorCode: 'BackupService.6105', httpStatus: 404, requestId: 'abc', message: 'x' });
    assert.deepEqual([e.errorCode, e.httpStatus, e.requestId, e.outcomeUnknown], ['BackupService.6105', 404, 'abc', false]);
  });
});

describe('collectPages', () => {
  /** A list of `total` numbers served `cap` at most per page, recording each request. */
  const list = (total: number, cap = Infinity) => {
    const asked: [number, number][] = [];
    const fetchPage = (offset: number, limit: number) => {
      asked.push([offset, limit]);
      const items = Array.from({ length: Math.max(0, Math.min(limit, cap, total - offset)) }, (_x, i) => offset + i);
      return Promise.resolve({ items, total });
    };
    return { asked, fetchPage };
  };

  it('reads to the end, one request per page', async () => {
    const l = list(2_345);
    const got = await collectPages(l.fetchPage, { pageSize: 1000, maxItems: 5000 });
    assert.equal(got.items.length, 2_345);
    assert.equal(got.complete, true);
    assert.deepEqual(l.asked, [[0, 1000], [1000, 1000], [2000, 1000]]);
  });

  it('keeps reading when the service caps the page below what was asked', async () => {
    const l = list(250, 100);
    const got = await collectPages(l.fetchPage, { pageSize: 1000, maxItems: 5000 });
    assert.deepEqual(got.items, Array.from({ length: 250 }, (_x, i) => i));
    assert.deepEqual(l.asked.map(([o]) => o), [0, 100, 200]);
  });

  it('stops at maxItems and says the list was cut', async () => {
    const l = list(12_000);
    const got = await collectPages(l.fetchPage, { pageSize: 1000, maxItems: 2500 });
    assert.equal(got.items.length, 2500);
    assert.equal(got.complete, false);
    assert.equal(got.total, 12_000);
    assert.deepEqual(l.asked, [[0, 1000], [1000, 1000], [2000, 500]]);
  });

  it('ends on an empty page even when the count promised more', async () => {
    const got = await collectPages((offset) => Promise.resolve({ items: offset === 0 ? [1, 2] : [], total: 50 }), { pageSize: 10, maxItems: 100 });
    assert.deepEqual(got.items, [1, 2]);
  });
});
