import { strict as assert } from 'node:assert';
import type { Backup, GaussBackup } from '../../../src/api';
import { inFlightOnPage } from '../../../src/tracking/core/discovery';
import { createTracking } from '../../../src/tracking/createTracking';
import { Emitter } from '../../../src/common/emitter';
import type { SeenPage } from '../../../src/tracking/createTracking';
import { FakeTimers, memoryLogger, MemoryStore, ScriptedCloud } from '../../support/trackingFakes';

const R1 = 'eu-de';
const backup = (id: string, checkpointId: string | undefined, status: string, createdAt = new Date(1_000)): Backup => ({ id, name: `name-${id}`, checkpointId, status, createdAt }) as unknown as Backup;
const gauss = (id: string, status: string, beginTime?: Date): GaussBackup => ({ id, name: `db-${id}`, status, beginTime }) as unknown as GaussBackup;

describe('tracking: in-flight discovery from fetched pages', () => {
  it('follows restore points with a backup being made, named by their first backup', () => {
    const page: SeenPage = {
      kind: 'backups',
      region: R1,
      vaultId: 'v1',
      backups: [backup('b1', 'cp1', 'protecting'), backup('b2', 'cp1', 'available'), backup('b3', 'cp2', 'waiting_protect'), backup('b4', 'cp3', 'available'), backup('b5', 'cp4', 'restoring'), backup('b6', 'cp5', 'deleting')],
    };
    assert.deepEqual(inFlightOnPage(page, 99), [
      { kind: 'checkpoint', region: R1, vaultId: 'v1', checkpointId: 'cp1', label: 'name-b1', startedAt: 1_000 },
      { kind: 'checkpoint', region: R1, vaultId: 'v1', checkpointId: 'cp2', label: 'name-b3', startedAt: 1_000 },
    ]);
  });

  it('follows GaussDB backups that are BUILDING and say when they began', () => {
    const page: SeenPage = { kind: 'gaussBackups', region: R1, instanceId: 'i1', backups: [gauss('x1', 'BUILDING', new Date(5_000)), gauss('x2', 'building', new Date(6_000)), gauss('x3', 'COMPLETED', new Date(7_000)), gauss('x4', 'BUILDING')] };
    assert.deepEqual(inFlightOnPage(page, 99).map((w) => [w.kind === 'gaussBackup' && w.backupId, w.startedAt]), [['x1', 5_000], ['x2', 6_000]]);
  });

  it('adopts what a page shows being made, from the event or the listener', () => {
    const pages = new Emitter<SeenPage>();
    const tracking = createTracking({ connection: new ScriptedCloud(), globalState: new MemoryStore(), logger: memoryLogger(), timers: new FakeTimers(), seenPages: pages.event, reveal: () => undefined, refreshVault: () => undefined, refreshInstance: () => undefined });
    try {
      pages.fire({ kind: 'backups', region: R1, vaultId: 'v1', backups: [backup('b1', 'cp1', 'protecting')] });
      tracking.seePage({ kind: 'gaussBackups', region: R1, instanceId: 'i1', backups: [gauss('x1', 'BUILDING', new Date(5_000))] });
      tracking.seePage({ kind: 'backups', region: R1, vaultId: 'v1', backups: [backup('b9', 'cp9', 'available')] });
      assert.deepEqual(tracking.tracker.items.map((w) => w.label), ['name-b1', 'db-x1']);
    } finally {
      for (const d of tracking.disposables) {
        d.dispose();
      }
    }
  });
});
