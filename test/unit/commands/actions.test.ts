import { strict as assert } from 'node:assert';
import { actionCommands } from '../../../src/commands';
import { addResources } from '../../../src/commands/addResources';
import { createCheckpoint } from '../../../src/commands/createCheckpoint';
import { createInstanceBackup } from '../../../src/commands/createInstanceBackup';
import { createVault } from '../../../src/commands/createVault';
import { asNode } from '../../../src/commands/deps';
import { replicate } from '../../../src/commands/replicate';
import type { Answer } from '../../host/scriptedPrompter';
import { aFakeBackup, defaultWorld, fakeDeps, instance, vault } from './fakes';
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

    it('defect 7: an empty vault is refused before any question, confirmed by reading it again, with Associate Resources as the next step', async () => {
      const f = fakeDeps(defaultWorld(), []);
      await createCheckpoint(f.deps, { kind: 'vault', region: 'r1', vault: disks });
      assert.deepEqual(f.prompter.shown, []);
      assert.deepEqual(f.calls.map((c) => c.op), ['showVault'], 'what the tree showed is checked once against the cloud');
      assert.deepEqual(f.deps.messages.recent().map((m) => [m.message, m.actions]), [['vault-disks protects no servers or disks yet, so a restore point would hold nothing. Associate resources with it first.', ['Associate Resources…']]]);
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
      assert.equal(f.prompter.shown[3]?.message, 'Replicate 2 backups (80 GB) of vault-prod (r1) to vault-dr (r2)?');
      assert.match(f.prompter.shown[3]?.detail ?? '', /^web-01: nightly, 40 GB, .+\ndb-01: nightly, 40 GB, .+\nAcceleration is on: it is billed extra\.$/);
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

    it('defect 17: a vault without an available backup is refused before any question, with Create Restore Point as the next step', async () => {
      const f = fakeDeps({ ...defaultWorld(), backups: { 'v-prod': [] } }, []);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.deepEqual(f.prompter.shown, []);
      assert.deepEqual(f.deps.messages.recent().map((m) => [m.message, m.actions]), [['Nothing to replicate: vault-prod has no available backup. Create a restore point first.', ['Create Restore Point…']]]);
      assert.deepEqual(f.writes(), []);
    });

    it('defect 17: when every newest backup is already in the destination vault, that is said before the confirmation and nothing is sent', async () => {
      const there = [{ destinationVaultId: 'v-dr', status: 'success', destinationRegion: 'r2' }];
      const f = fakeDeps({ ...defaultWorld(), backups: { 'v-prod': [aFakeBackup('b1', 's1', 'web-01', { replicationRecords: there } as never)] } }, [value('r2'), pick('vault-dr')]);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.ok(!f.prompter.shown.some((p) => p.type === 'confirm'), 'no confirmation asked');
      assert.deepEqual(f.told(), [['warning', 'Nothing to replicate: every backup of vault-prod is already in vault-dr.']]);
      assert.deepEqual(f.writes(), []);
    });

    it('defect 17: only the newest backup of each resource is counted; OTC (no replication records) says "at most"', async () => {
      const older = aFakeBackup('b0', 's1', 'web-01', { createdAt: new Date(Date.UTC(2026, 9, 1)), resourceSize: 999 });
      const f = fakeDeps({ ...defaultWorld(), cloud: 'opentelekomcloud', backups: { 'v-prod': [aFakeBackup('b1', 's1', 'web-01'), older] } }, [value('r2'), pick('vault-dr'), { confirm: false }]);
      await replicate(f.deps, { kind: 'vault', region: 'r1', vault: prod });
      assert.equal(f.prompter.shown.at(-1)?.message, 'Replicate the backups of vault-prod (r1) to vault-dr (r2)? At most 40 GB; backups: 1.');
      assert.match(f.prompter.shown.at(-1)?.detail ?? '', /The cloud skips those already in the destination vault\./);
    });

    it('from the palette: the source vault first, four steps', async () => {
      const f = fakeDeps(defaultWorld(), [pick('vault-prod'), ...answers]);
      await replicate(f.deps, undefined);
      assert.deepEqual(f.steps().slice(0, 4), ['1/4', '2/4', '3/4', '4/4']);
      assert.equal(f.writes().length, 1);
    });
  });

  describe('create vault', () => {
    const confirm = (yes = true): Answer => ({ confirm: yes });
    /** Description, tags, then (backup vaults) the auto-bind question, each left at its default. */
    const defaults: Answer[] = [{ input: '' }, { input: '' }];
    const noAutoBind = value('off');

    it('two regions: the region is asked first; servers picked by name; a modal with the billed facts before anything is sent', async () => {
      const f = fakeDeps(defaultWorld(), [value('r1'), { input: 'new-vault' }, value('server'), { input: '200' }, ...defaults, value(true), { pickMany: (i) => i.label === 'db-01' }, noAutoBind, confirm()]);
      await createVault(f.deps);
      assert.deepEqual(f.steps(), ['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '7/8', '8/8', 'undefined/undefined']);
      assert.ok(f.prompter.shown.filter((s) => s.type !== 'confirm').every((s) => s.title === 'Create vault'));
      assert.deepEqual(f.prompter.shown[7]?.items, ['db-01', 'batch-01', 'web-01']);
      const modal = f.prompter.shown.at(-1);
      assert.equal(modal?.message, 'Create vault new-vault in r1? It is billed from now on.');
      assert.equal(modal?.detail, ['Type: server backup vault, crash-consistent', 'Capacity: 200 GB', 'Billing: pay-per-use, for the capacity, while the vault exists', 'Region: r1', 'Resources: 1 (db-01, 140 GB)', 'New resources: not associated automatically'].join('\n'));
      assert.deepEqual(f.writes(), [['createVault', 'r1', { cloud: 'huaweicloud', name: 'new-vault', description: undefined, objectType: 'server', protectType: 'backup', consistentLevel: 'crash_consistent', sizeGb: 200, resources: [{ id: 's2', type: 'OS::Nova::Server', name: 'db-01' }], tags: [], autoBind: false, bindTags: undefined }]]);
      assert.deepEqual(f.told(), [['info', 'Vault new-vault was created in r1 with 1 resource.']]);
      assert.deepEqual(f.refreshed, ['all']);
    });

    it('one region: not asked; Back from the resources returns to the question; protectables listed once', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'app' }, value('server-app'), { input: '50' }, ...defaults, value(true), 'back', value(false), noAutoBind, confirm()], ['r1']);
      await createVault(f.deps);
      assert.deepEqual(f.steps().slice(0, 9), ['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '6/7', '6/7', '7/7']);
      assert.equal(f.prompter.shown[2]?.value, '100', 'the default capacity');
      assert.equal(f.calls.filter((c) => c.op === 'listAllProtectables').length, 1);
      assert.deepEqual(f.writes(), [['createVault', 'r1', { cloud: 'huaweicloud', name: 'app', description: undefined, objectType: 'server', protectType: 'backup', consistentLevel: 'app_consistent', sizeGb: 50, resources: [], tags: [], autoBind: false, bindTags: undefined }]]);
    });

    it('defect 10: declining the modal sends nothing', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'declined' }, value('disk'), { input: '10' }, ...defaults, value(false), noAutoBind, confirm(false)], ['r1']);
      await createVault(f.deps);
      assert.deepEqual(f.writes(), []);
    });

    it('defect 10: a name already used in the region is refused with the other vault’s id, and asked again', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'vault-prod' }, { input: 'vault-prod-2' }, value('disk'), { input: '10' }, ...defaults, value(false), noAutoBind, confirm()], ['r1']);
      await createVault(f.deps);
      const names = f.prompter.shown.filter((s) => s.type === 'input').slice(0, 2);
      assert.ok(names.some((s) => s.validationMessage === 'A vault named vault-prod already exists in r1 (v-prod).') || names[1]?.prompt === 'A vault named vault-prod already exists in r1 (v-prod). Enter another name.', JSON.stringify(names));
      assert.equal((f.writes()[0]?.[2] as { name: string }).name, 'vault-prod-2');
    });

    it('defect 10: capacity below the chosen resources is warned about in the modal', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'small' }, value('server'), { input: '10' }, ...defaults, value(true), { pickMany: (i) => i.label === 'db-01' || i.label === 'batch-01' }, noAutoBind, confirm()], ['r1']);
      await createVault(f.deps);
      assert.match(f.prompter.shown.at(-1)?.detail ?? '', /^Warning: 10 GB is less than the 180 GB of the chosen resources; backups fail once the vault is full\.\n/);
    });

    it('defect 10: a replication vault protects nothing (no resource or auto-bind question); description and tags are sent', async () => {
      const f = fakeDeps(defaultWorld(), [{ input: 'dr-vault' }, value('disk-replica'), { input: '500' }, { input: 'for DR' }, { input: 'env=prod, owner=ops' }, confirm()], ['r1']);
      await createVault(f.deps);
      assert.deepEqual(f.steps().slice(0, 5), ['1/7', '2/7', '3/5', '4/5', '5/5'], 'counted as a backup vault until the kind is known');
      assert.match(f.prompter.shown.at(-1)?.detail ?? '', /^Type: disk replication vault \(holds replicas from another region\)\n[\s\S]*Tags: env=prod, owner=ops\nDescription: for DR$/);
      assert.deepEqual(f.writes(), [['createVault', 'r1', { cloud: 'huaweicloud', name: 'dr-vault', description: 'for DR', objectType: 'disk', protectType: 'replication', consistentLevel: 'crash_consistent', sizeGb: 500, resources: [], tags: [{ key: 'env', value: 'prod' }, { key: 'owner', value: 'ops' }], autoBind: false, bindTags: undefined }]]);
    });

    it('defect 10: auto-bind by tags asks for the tags, checked as typed; Open Telekom Cloud offers no replication vault', async () => {
      const f = fakeDeps({ ...defaultWorld(), cloud: 'opentelekomcloud' }, [{ input: 'auto' }, value('server'), { input: '100' }, ...defaults, value(false), value('tags'), { input: 'a=b=c' }, { input: 'backup=yes' }, confirm()], ['r1']);
      await createVault(f.deps);
      assert.deepEqual(f.prompter.shown[1]?.items, ['Servers (crash-consistent)', 'Servers (application-consistent)', 'Disks']);
      assert.equal(f.prompter.shown.find((s) => s.validationMessage)?.validationMessage, 'The value of tag a may contain only letters, digits, _ and -.');
      assert.match(f.prompter.shown.at(-1)?.detail ?? '', /New resources: associated automatically when tagged backup=yes/);
      const sent = f.writes()[0]?.[2] as { autoBind: boolean; bindTags: unknown };
      assert.deepEqual([sent.autoBind, sent.bindTags], [true, [{ key: 'backup', value: 'yes' }]]);
    });
  });

  describe('associate resources', () => {
    it('from a vault node: one step; a locked resource is refused and asked again', async () => {
      const f = fakeDeps(defaultWorld(), [{ pickMany: (i) => i.label === 'web-01' }, { pickMany: (i) => i.label === 'batch-01' }]);
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

  it('the actions’ command slice has every action command', () => {
    const f = fakeDeps(defaultWorld(), []);
    assert.deepEqual(Object.keys(actionCommands(f.deps)).sort(), [
      'cbr.addResources',
      'cbr.applyPolicy',
      'cbr.createCheckpoint',
      'cbr.createInstanceBackup',
      'cbr.createVault',
      'cbr.deleteBackups',
      'cbr.deleteInstanceBackup',
      'cbr.deletePolicy',
      'cbr.deleteVault',
      'cbr.disablePolicy',
      'cbr.enablePolicy',
      'cbr.removePolicy',
      'cbr.removeResources',
      'cbr.replicate',
      'cbr.restoreBackup',
      'cbr.restoreInstance',
    ]);
  });
});
