import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, ValidationError } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_CREDENTIALS, DEMO_IDS } from '../../emulator/seeds/demoIds';
import { FAST, P1 } from '../emulator/helpers';

const BASE = `/ap-southeast-1/cbr/v3/${P1}`;
const EVERY_DAY_14 = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=14;BYMINUTE=00';

describe('API: backup and replication policies against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, timing: FAST });
  });
  afterEach(() => emu.close());

  const session = (cloud: 'custom' | 'opentelekomcloud' = 'custom') =>
    CloudSession.create({ cloud, region: 'ap-southeast-1', endpointOverrides: emu.endpoints, credentials: DEMO_CREDENTIALS.aksk });

  async function failure(p: Promise<unknown>): Promise<CloudApiError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof CloudApiError, String(e));
      return e;
    }
    assert.fail('expected the call to fail');
  }

  it('lists the seeded policies with their schedules, retention and vaults, filtered by type and vault as documented', async () => {
    const policies = session().policies;
    const all = await policies.listPolicies();
    assert.equal(all.count, 3);
    const daily = all.policies.find((p) => p.id === DEMO_IDS.dailyProdPolicy);
    assert.equal(daily?.name, 'daily-prod');
    assert.equal(daily?.enabled, true);
    assert.deepEqual(daily?.patterns, ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=18;BYMINUTE=00']);
    assert.equal(daily?.definition.retentionDurationDays, 30);
    assert.equal(daily?.definition.timezone, 'UTC+08:00');
    assert.deepEqual(daily?.associatedVaults, [{ vaultId: DEMO_IDS.prodVault, destinationVaultId: undefined }]);
    const replication = await policies.listPolicies({ operationType: 'replication' });
    assert.deepEqual(replication.policies.map((p) => p.id), [DEMO_IDS.replicationPolicy]);
    const ofDisks = await policies.listPolicies({ vaultId: DEMO_IDS.diskVault });
    assert.deepEqual(ofDisks.policies.map((p) => p.name), ['weeknights-disks']);
    const sent = emu.admin.requests('cbr.listPolicies');
    assert.deepEqual(sent.map((r) => r.query), [{}, { operation_type: 'replication' }, { vault_id: DEMO_IDS.diskVault }]);
    assert.ok(sent.every((r) => r.method === 'GET' && r.path === `${BASE}/policies`));
  });

  it('creates a backup policy with the documented body, once; it is listed and shown', async () => {
    const policies = session().policies;
    const created = await policies.createPolicy({
      name: 'nightly_01',
      operationType: 'backup',
      patterns: [EVERY_DAY_14],
      definition: { maxBackups: 7, dayBackups: 3, timezone: 'UTC+01:00' },
    });
    const sent = emu.admin.requests('cbr.createPolicy');
    assert.equal(sent.length, 1, 'sent exactly once');
    assert.equal(sent[0]?.method, 'POST');
    assert.equal(sent[0]?.path, `${BASE}/policies`);
    assert.deepEqual(sent[0]?.body, {
      policy: {
        enabled: true,
        name: 'nightly_01',
        operation_type: 'backup',
        operation_definition: { max_backups: 7, day_backups: 3, timezone: 'UTC+01:00' },
        trigger: { properties: { pattern: [EVERY_DAY_14] } },
      },
    });
    assert.equal(created.name, 'nightly_01');
    assert.ok(created.startTime, 'the cloud starts the scheduler');
    const shown = await policies.showPolicy(created.id);
    assert.deepEqual(shown.patterns, [EVERY_DAY_14]);
    assert.equal(shown.definition.maxBackups, 7);
    assert.equal(emu.admin.requests('cbr.showPolicy')[0]?.path, `${BASE}/policies/${created.id}`);
  });

  it('creates a replication policy with its destination; OTC never gets enable_acceleration', async () => {
    const created = await session().policies.createPolicy({
      name: 'to-sg2',
      operationType: 'replication',
      patterns: ['FREQ=DAILY;BYHOUR=3;BYMINUTE=15'],
      definition: { retentionDurationDays: 14, destinationRegion: 'ap-southeast-2', destinationProjectId: DEMO_IDS.secondProject, enableAcceleration: false },
    });
    assert.equal(created.operationType, 'replication');
    assert.deepEqual((emu.admin.requests('cbr.createPolicy')[0]?.body as { policy: { operation_definition: unknown } }).policy.operation_definition, {
      retention_duration_days: 14,
      destination_region: 'ap-southeast-2',
      destination_project_id: DEMO_IDS.secondProject,
      enable_acceleration: false,
    });
    await assert.rejects(
      session('opentelekomcloud').policies.createPolicy({ cloud: 'opentelekomcloud', name: 'x', operationType: 'replication', patterns: ['FREQ=DAILY;BYHOUR=3;BYMINUTE=15'], definition: { destinationRegion: 'eu-nl', destinationProjectId: DEMO_IDS.secondProject, enableAcceleration: true } }),
      ValidationError,
    );
  });

  it('refuses a pattern or retention the API would refuse before sending anything', async () => {
    const policies = session().policies;
    const bad = [
      { patterns: ['FREQ=MONTHLY;BYHOUR=1;BYMINUTE=0'], definition: {} },
      { patterns: ['FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30'], definition: {} },
      { patterns: [EVERY_DAY_14], definition: { maxBackups: 5, retentionDurationDays: 5 } },
      { patterns: [EVERY_DAY_14], definition: { dayBackups: 2 } },
    ];
    for (const b of bad) {
      await assert.rejects(policies.createPolicy({ name: 'p1', operationType: 'backup', ...b }), ValidationError, JSON.stringify(b));
    }
    assert.equal(emu.admin.requests('cbr.createPolicy').length, 0, 'nothing reached the cloud');
  });

  it('the emulator refuses the same patterns itself, with the cloud’s code', async () => {
    const res = await fetch(`${emu.endpoints.cbr.replace('{region}', 'ap-southeast-1')}/v3/${P1}/policies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': DEMO_CREDENTIALS.token.token },
      body: JSON.stringify({ policy: { name: 'p', operation_type: 'backup', operation_definition: {}, trigger: { properties: { pattern: ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0,30'] } } } }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error_code: string }).error_code, 'BackupService.9900');
  });

  it('enables and disables a policy with a PUT of only what changes', async () => {
    const policies = session().policies;
    const updated = await policies.updatePolicy(DEMO_IDS.replicationPolicy, { operationType: 'replication', enabled: true });
    assert.equal(updated.enabled, true);
    const sent = emu.admin.requests('cbr.updatePolicy');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.method, 'PUT');
    assert.equal(sent[0]?.path, `${BASE}/policies/${DEMO_IDS.replicationPolicy}`);
    assert.deepEqual(sent[0]?.body, { policy: { enabled: true } });
    assert.equal((await policies.showPolicy(DEMO_IDS.replicationPolicy)).enabled, true);
  });

  it('applies a policy to a vault and removes it; the vault list filters by policy_id and the old backup policy is replaced', async () => {
    const s = session();
    const applied = await s.policies.associatePolicy(DEMO_IDS.stagingVault, DEMO_IDS.dailyProdPolicy);
    assert.deepEqual(applied, { vaultId: DEMO_IDS.stagingVault, policyId: DEMO_IDS.dailyProdPolicy, destinationVaultId: undefined });
    const sent = emu.admin.requests('cbr.associatePolicy');
    assert.equal(sent[0]?.path, `${BASE}/vaults/${DEMO_IDS.stagingVault}/associatepolicy`);
    assert.deepEqual(sent[0]?.body, { policy_id: DEMO_IDS.dailyProdPolicy });
    const res = await fetch(`${emu.endpoints.cbr.replace('{region}', 'ap-southeast-1')}/v3/${P1}/vaults?policy_id=${DEMO_IDS.dailyProdPolicy}`, { headers: { 'x-auth-token': DEMO_CREDENTIALS.token.token } });
    const names = ((await res.json()) as { vaults: { name: string }[] }).vaults.map((v) => v.name).sort();
    assert.deepEqual(names, ['vault-prod-servers', 'vault-staging']);

    // One backup policy per vault: applying another moves the vault to it.
    await s.policies.associatePolicy(DEMO_IDS.stagingVault, DEMO_IDS.weeknightsPolicy);
    const daily = await s.policies.showPolicy(DEMO_IDS.dailyProdPolicy);
    assert.deepEqual(daily.associatedVaults.map((v) => v.vaultId), [DEMO_IDS.prodVault]);

    const removed = await s.policies.dissociatePolicy(DEMO_IDS.stagingVault, DEMO_IDS.weeknightsPolicy);
    assert.equal(removed.policyId, DEMO_IDS.weeknightsPolicy);
    assert.deepEqual(emu.admin.requests('cbr.dissociatePolicy')[0]?.body, { policy_id: DEMO_IDS.weeknightsPolicy });
    const again = await failure(s.policies.dissociatePolicy(DEMO_IDS.stagingVault, DEMO_IDS.weeknightsPolicy));
    assert.equal(again.errorCode, 'BackupService.6002');
    assert.ok(again.requestId, 'the failure carries the request id');
  });

  it('refuses a policy on a replication vault, and an unknown policy, with the documented codes', async () => {
    const s = CloudSession.create({ cloud: 'custom', region: 'ap-southeast-2', endpointOverrides: emu.endpoints, credentials: DEMO_CREDENTIALS.aksk });
    const missing = await failure(s.policies.associatePolicy(DEMO_IDS.replicaVault, DEMO_IDS.dailyProdPolicy));
    assert.equal(missing.errorCode, 'BackupService.6000', 'policies are per region');
    assert.equal(missing.kind, 'notFound');
  });

  it('deletes a policy with one DELETE (204); it is gone and its vaults have no policy', async () => {
    const policies = session().policies;
    await policies.deletePolicy(DEMO_IDS.dailyProdPolicy);
    const sent = emu.admin.requests('cbr.deletePolicy');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.path, `${BASE}/policies/${DEMO_IDS.dailyProdPolicy}`);
    assert.equal((await failure(policies.showPolicy(DEMO_IDS.dailyProdPolicy))).errorCode, 'BackupService.6000');
    assert.equal((await policies.listPolicies({ vaultId: DEMO_IDS.prodVault })).count, 0);
  });

  it('finds the policy a lost create made, by name and type, among those not there before', async () => {
    const policies = session().policies;
    const before = new Set((await policies.listPolicies()).policies.map((p) => p.id));
    assert.equal(await policies.findPolicyCreatedBy({ name: 'lost-one', operationType: 'backup', knownIds: before }), undefined);
    const made = await policies.createPolicy({ name: 'lost-one', operationType: 'backup', patterns: [EVERY_DAY_14], definition: {} });
    assert.equal((await policies.findPolicyCreatedBy({ name: 'lost-one', operationType: 'backup', knownIds: before }))?.id, made.id);
  });
});
