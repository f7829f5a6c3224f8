import { strict as assert } from 'node:assert';
import { actionCommands } from '../../../src/commands';
import { addResources } from '../../../src/commands/addResources';
import { createCheckpoint } from '../../../src/commands/createCheckpoint';
import { createInstanceBackup } from '../../../src/commands/createInstanceBackup';
import { createVault } from '../../../src/commands/createVault';
import { asNode } from '../../../src/commands/deps';
import { replicate } from '../../../src/commands/replicate';
import type { Answer } from '../../host/scriptedPrompter';
import { defaultWorld, fakeDeps, instance, vault } from './fakes';
import { recorded, Uri } from '../vscode/stub';

const pick = (label: string): Answer => ({ pick: (i) => i.label === label });
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });
const prod = vault('v-prod', 'vault-prod', 'server', 'backup', [{ id: 's1', name: 'web-01' }]);
const disks = vault('v-disks', 'vault-disks', 'disk');

describe('unit: actions (fake ActionDeps)', () => {
  describe('create restore point', () => {
    it('from a vault node: name, description, kind; the request and the message', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'cp-1' }, { input: 'why' }, value(false)]);
      await createCheckpoint(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.steps(), ['1/3', '2/3', '3/3']);
      assert.ok(f.prompter.shown.every((s) => s.title === 'Create restore point: vault-prod'));
      assert.match(f.prompter.shown[0]?.value ?? '', /^manual-\d{8}-\d{4}$/, 'a default name is offered');
      assert.deepEqual(f.writes(), [['createCheckpoint', 'r1', { cloud: 'huaweicloud', vaultId: 'v-prod', name: 'cp-1', description: 'why', incremental: false, resourceIds: undefined }]]);
      assert.deepEqual(f.tracked.map((w) => [w.kind, w.label]), [['checkpoint', 'cp-1']]);
      assert.deepEqual(f.told(), [['info', 'Restore point cp-1 is being created in vault-prod; backups being protected: 2.']]);
    });

    it('from a resource node: only that resource, the title names it', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'one' }, { input: '' }, value(true)]);
      await createCheckpoint(f.deps, { kind: 'resource', region: 'r1', vault: prod, resource: { id: 's1', name: 'web-01' } as never });
      assert.equal(f.prompter.shown[0]?.title, 'Create restore point: web-01');
      assert.deepEqual(f.writes(), [['createCheckpoint', 'r1', { cloud: 'huaweicloud', vaultId: 'v-prod', name: 'one', description: undefined, incremental: true, resourceIds: ['s1'] }]]);
      assert.deepEqual(f.told(), [['info', 'Restore point one is being created in vault-prod; backups being protected: 1.']]);
    });

    it('from the palette: the vaults of every region first (no replication vault), four steps', async () => {
      const f = fakeDeps(defaultWorld(), [pick('vault-other'), { input: 'p' }, { input: '' }, value(true)]);
      await createCheckpoint(f.deps, undefined);
      assert.deepEqual(f.prompter.shown[0]?.items, ['vault-prod', 'vault-disks', 'vault-other']);
      assert.equal(f.prompter.shown[0]?.title, 'Create restore point');
      assert.deepEqual(f.steps(), ['1/4', '2/4', '3/4', '4/4']);
      assert.equal(f.prompter.shown[1]?.title, 'Create restore point: vault-other');
      assert.equal((f.writes()[0] as [string, string])[1], 'r2', 'sent to the region of the vault picked');
    });

    it('from the palette with one region down: the others are offered and the placeholder names it', async () => {
      const f = fakeDeps({ ...defaultWorld(), failing: ['r2'] }, ['cancel']);
      await createCheckpoint(f.deps, undefined);
      assert.deepEqual(f.prompter.shown[0]?.items, ['vault-prod', 'vault-disks']);
      assert.equal(f.prompter.shown[0]?.placeholder, 'Choose a vault (r2 could not be listed; see the log)');
      assert.deepEqual(f.writes(), []);
    });

    it('from the palette with every region down: the failure is the command’s error, nothing asked', async () => {
      const f = fakeDeps({ ...defaultWorld(), failing: ['r1', 'r2'] }, []);
      await assert.rejects(createCheckpoint(f.deps, undefined), /r1 is down/);
      assert.deepEqual(f.writes(), []);
    });

    it('an argument that is not a node (a keybinding’s URI) counts as the palette', async () => {
      assert.equal(asNode(Uri.file('/tmp/x')), undefined);
      const f = fakeDeps(defaultWorld(), ['cancel']);
      await actionCommands(f.deps)['cbr.createCheckpoint'](Uri.file('/tmp/x'));
      assert.equal(f.prompter.shown[0]?.type, 'pick');
    });
  });

  describe('back up database instance', () => {
    it('from an instance node: two steps, the request, followed with its job, and told', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: '1bad' }, { input: 'db-backup' }, { input: 'a<b' }, { input: 'ok' }]);
      await createInstanceBackup(f.deps, { kind: 'instance', region: 'r1', instance: instance('i-1', 'orders-db') });
      assert.deepEqual(f.steps(), ['1/2', '1/2', '2/2', '2/2']);
      assert.deepEqual(f.prompter.shown.map((s) => s.validationMessage).filter(Boolean), ['The name must start with a letter.', 'The description must not contain < (none of > ! < " & \' = are allowed).']);
      assert.deepEqual(f.writes(), [['createBackup', 'r1', { instanceId: 'i-1', name: 'db-backup', description: 'ok' }]]);
      assert.deepEqual(f.tracked.map((w) => [w.kind, w.kind === 'gaussBackup' ? w.jobId : '']), [['gaussBackup', 'job-1']]);
      assert.deepEqual(f.told(), [['info', 'Backup db-backup of orders-db has started.']]);
      assert.deepEqual(f.refreshed, ['r1/i-1']);
    });

    it('from the palette: the instances first, three steps; Back keeps the name typed', async () => {
      const f = fakeDeps(defaultWorld(), [pick('orders-db'), { input: 'first-name' }, 'back', 'back', pick('orders-db'), { input: 'final' }, { input: '' }]);
      await createInstanceBackup(f.deps, undefined);
      assert.deepEqual(f.prompter.shown[0]?.items, ['orders-db']);
      assert.deepEqual(f.steps(), ['1/3', '2/3', '3/3', '2/3', '1/3', '2/3', '3/3']);
      assert.equal(f.prompter.shown[3]?.value, 'first-name');
      assert.deepEqual(f.writes(), [['createBackup', 'r1', { instanceId: 'i-1', name: 'final', description: undefined }]]);
    });
  });

  describe('replicate', () => {
    const answers: Answer[] = [value('r2'), pick('vault-dr'), value(true), { confirm: true }];

    it('from a vault node: destination region, vault, acceleration, confirmation; the request', async () => {
      const f = fakeDeps(defaultWorld(), answers);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.steps().slice(0, 3), ['1/3', '2/3', '3/3']);
      assert.equal(f.prompter.shown[1]?.placeholder, 'Destination replication vault in r2');
      assert.match(f.prompter.shown[3]?.message ?? '', /^Replicate the backups of vault-prod \(r1\) to vault-dr \(r2\)\?$/);
      assert.deepEqual(f.writes(), [['replicate', 'r1', { vaultId: 'v-prod', destinationRegion: 'r2', destinationProjectId: 'project-r2', destinationVaultId: 'v-dr', enableAcceleration: true }]]);
      assert.deepEqual(f.told(), [['info', 'Replicating 2 backups of vault-prod to vault-dr in r2.']]);
      assert.equal(f.tracked[0]?.kind, 'replication');
    });

    it('on Open Telekom Cloud: acceleration is neither offered nor sent (two steps)', async () => {
      const f = fakeDeps({ ...defaultWorld(), cloud: 'opentelekomcloud' }, [value('r2'), pick('vault-dr'), { confirm: true }]);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.steps().slice(0, 2), ['1/2', '2/2']);
      assert.ok(!f.prompter.shown.some((s) => /Accelerat/.test(JSON.stringify(s))), 'no word of acceleration');
      assert.deepEqual(f.writes(), [['replicate', 'r1', { vaultId: 'v-prod', destinationRegion: 'r2', destinationProjectId: 'project-r2', destinationVaultId: 'v-dr', enableAcceleration: undefined }]]);
    });

    it('sends nothing when the confirmation is declined', async () => {
      const f = fakeDeps(defaultWorld(), [value('r2'), pick('vault-dr'), value(false), { confirm: false }]);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.writes(), []);
    });

    it('no region accepting replicas: the region pick fails with that, nothing sent', async () => {
      const f = fakeDeps({ ...defaultWorld(), destinations: [] }, []);
      await assert.rejects(replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod }), /^Error: No region accepts replicas from r1\.$/);
    });

    it('replication vaults of another kind only: says which, nothing sent', async () => {
      const f = fakeDeps(defaultWorld(), [value('r2')]);
      await assert.rejects(replicate(f.deps, { kind: 'vault', region: 'r1', vault: disks }), /The replication vaults in r2 \(vault-dr: server\) hold other kinds of backups than vault-disks \(disk\)/);
      assert.deepEqual(f.writes(), []);
    });

    it('from the palette: the source vault first, four steps', async () => {
      const f = fakeDeps(defaultWorld(), [pick('vault-prod'), ...answers]);
      await replicate(f.deps, undefined);
      assert.deepEqual(f.steps().slice(0, 4), ['1/4', '2/4', '3/4', '4/4']);
      assert.equal(f.writes().length, 1);
    });
  });

  describe('create vault', () => {
    it('two regions: the region is asked first; five steps; servers picked by name', async () => {
      const f = fakeDeps(defaultWorld(), [value('r1'), { input: 'new-vault' }, value('server'), { input: '200' }, value(true), { pickMany: (i) => i.label === 'db-01' }]);
      await createVault(f.deps);
      assert.deepEqual(f.steps(), ['1/5', '2/5', '3/5', '4/5', '5/5', '5/5']);
      assert.ok(f.prompter.shown.every((s) => s.title === 'Create vault'));
      assert.deepEqual(f.prompter.shown[5]?.items, ['db-01', 'batch-01', '$(lock) web-01']);
      assert.deepEqual(f.writes(), [['createVault', 'r1', { cloud: 'huaweicloud', name: 'new-vault', objectType: 'server', consistentLevel: 'crash_consistent', sizeGb: 200, resources: [{ id: 's2', type: 'OS::Nova::Server', name: 'db-01' }] }]]);
      assert.deepEqual(f.told(), [['info', 'Vault new-vault was created in r1 with 1 resource.']]);
      assert.deepEqual(f.refreshed, ['all']);
    });

    it('one region: not asked; Back from the resources returns to the question; protectables listed once', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'app' }, value('server-app'), { input: '50' }, value(true), 'back', value(false)], ['r1']);
      await createVault(f.deps);
      assert.deepEqual(f.steps(), ['1/4', '2/4', '3/4', '4/4', '4/4', '4/4']);
      assert.equal(f.prompter.shown[2]?.value, '100', 'the default capacity');
      assert.equal(f.calls.filter((c) => c.op === 'listAllProtectables').length, 1);
      assert.deepEqual(f.writes(), [['createVault', 'r1', { cloud: 'huaweicloud', name: 'app', objectType: 'server', consistentLevel: 'app_consistent', sizeGb: 50, resources: [] }]]);
    });
  });

  describe('associate resources', () => {
    it('from a vault node: one step; a locked resource is refused and asked again', async () => {
      const f = fakeDeps(defaultWorld(), [{ pickMany: (i) => i.label === '$(lock) web-01' }, { pickMany: (i) => i.label === 'batch-01' }]);
      await addResources(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.steps(), ['1/1', '1/1']);
      assert.equal(f.prompter.shown[0]?.title, 'Associate resources: vault-prod');
      assert.deepEqual(recorded.notifications.map((n) => n.message)[0], 'web-01 cannot be associated: already in a vault');
      assert.deepEqual(f.writes(), [['addResources', 'r1', 'v-prod', [{ id: 's3', type: 'OS::Nova::Server', name: 'batch-01' }]]]);
      assert.deepEqual(f.told(), [['info', '1 resource was associated with vault-prod.']]);
      assert.deepEqual(f.refreshed, ['r1/v-prod']);
    });

    it('from the palette: the vault first, two steps', async () => {
      const f = fakeDeps(defaultWorld(), [pick('vault-disks'), { pickMany: () => true }]);
      await addResources(f.deps, undefined);
      assert.deepEqual(f.steps(), ['1/2', '2/2']);
      assert.deepEqual(f.prompter.shown[1]?.items, ['logs-disk']);
      assert.deepEqual(f.told(), [['info', '1 resource was associated with vault-disks.']]);
    });
  });

  it('the actions’ command slice has the six action commands', () => {
    const f = fakeDeps(defaultWorld(), []);
    assert.deepEqual(Object.keys(actionCommands(f.deps)).sort(), ['cbr.addResources', 'cbr.createCheckpoint', 'cbr.createInstanceBackup', 'cbr.createVault', 'cbr.replicate', 'cbr.restoreBackup', 'cbr.restoreInstance']);
  });
});
