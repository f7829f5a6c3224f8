/**
 * `npm run bench`: what the extension's hot paths cost against the emulator on loopback, as
 * numbers to write down (docs/benchmarks.md), not as pass/fail. Every loop is bounded by count.
 *
 * - the first page of a region's vaults (what expanding the view costs), and reading every page
 *   of a large region (what the pickers do);
 * - one poll of the tracker with many restore points in flight (requests and time per tick);
 * - grouping a page of backups into restore points (the tree's per-page work);
 * - AK/SK request signing.
 */
import { performance } from 'node:perf_hooks';
import { CloudSession, collectPages, signRequest } from '../../src/api';
import { placesToRefresh } from '../../src/tracking/core/refresh';
import { WorkTracker } from '../../src/tracking/core/tracker';
import type { TrackedWork } from '../../src/tracking/types';
import { groupByCheckpoint } from '../../src/tree/nodes';
import { generateSeed, startEmulator, type RunningEmulator } from '../emulator';
import { moduleEvaluation, packageSizes, vsCodeActivation } from './footprint';
import { EmulatorConnection, FakeTimers, memoryLogger, MemoryStore, PASSWORD, pollOnce } from '../support/trackingFakes';

const REGION = 'ap-southeast-1';

interface Row {
  what: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  requests?: number;
}

async function measure(what: string, runs: number, body: () => Promise<number | void> | number | void): Promise<Row> {
  const times: number[] = [];
  let requests: number | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await body();
    times.push(performance.now() - started);
    if (typeof r === 'number') {
      requests = r;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { what, runs, medianMs: at(0.5), p95Ms: at(0.95), requests };
}

function session(emu: RunningEmulator): CloudSession {
  return CloudSession.create({ cloud: 'custom', region: REGION, endpointOverrides: emu.endpoints, credentials: PASSWORD });
}

/** Requests the emulator received while `body` ran (IAM excluded). */
async function counted(emu: RunningEmulator, body: () => Promise<unknown>): Promise<number> {
  emu.admin.resetCounters();
  await body();
  const counters = emu.admin.counters() as unknown as Record<string, unknown>;
  return Object.entries(counters).reduce((n, [k, v]) => n + (typeof v === 'number' && !k.startsWith('iam.') ? v : 0), 0);
}

async function listing(rows: Row[]): Promise<void> {
  const emu = await startEmulator({ seed: generateSeed({ vaults: 5_000, backupsPerVault: 2 }) });
  try {
    const s = session(emu);
    await s.cbr.listVaults({ limit: 1 }); // token and project id, once
    rows.push(await measure('First page of vaults (100 of 5,000)', 50, () => counted(emu, () => s.cbr.listVaults({ limit: 100 }))));
    rows.push(
      await measure('Every vault of a region for a picker (5,000, pages of 1,000)', 10, () =>
        counted(emu, () => collectPages(async (offset, limit) => {
          const page = await s.cbr.listVaults({ offset, limit });
          return { items: page.vaults, total: page.count };
        }, { pageSize: 1_000, maxItems: 5_000 })),
      ),
    );
    const { backups } = await s.cbr.listBackups({ limit: 1_000 });
    rows.push(await measure(`Grouping a page of ${backups.length.toLocaleString('en-US')} backups into restore points`, 200, () => void groupByCheckpoint(backups)));
  } finally {
    await emu.close();
  }
}

async function polling(rows: Row[]): Promise<void> {
  const vaults = 20;
  const perVault = 10;
  const emu = await startEmulator({ seed: generateSeed({ vaults, backupsPerVault: 1, resourcesPerVault: perVault }), timing: { checkpointProtectingMs: 60 * 60_000 } });
  try {
    const connection = new EmulatorConnection(emu);
    const s = connection.session(REGION);
    const works: TrackedWork[] = [];
    for (const vault of (await s.cbr.listVaults({ limit: 1_000 })).vaults) {
      for (const resource of vault.resources) {
        const cp = await s.cbr.createCheckpoint({ vaultId: vault.id, resourceIds: [resource.id] });
        works.push({ kind: 'checkpoint', region: REGION, vaultId: vault.id, checkpointId: cp.id, label: cp.id, startedAt: Date.now() });
      }
    }
    const timers = new FakeTimers();
    const tracker = new WorkTracker({ connection, store: new MemoryStore(), logger: memoryLogger(), timers });
    try {
      for (const w of works) {
        tracker.track(w);
      }
      rows.push(await measure(`One tracker poll, ${works.length} restore points in flight in ${vaults} vaults`, 30, () => counted(emu, () => pollOnce(tracker, timers))));
      // All of them finish: one poll sees it, and the tree reloads each vault once (placesToRefresh).
      let refreshes = 0;
      const counting = tracker.onDidFinish((batch) => (refreshes += placesToRefresh(batch).vaults.length));
      emu.admin.advance(2 * 60 * 60_000);
      rows.push(await measure(`The poll that sees all ${works.length} finish (vault refreshes: see next row)`, 1, () => counted(emu, () => pollOnce(tracker, timers))));
      rows.push({ what: `Vault refreshes the tree is asked for after ${works.length} restore points finish in ${vaults} vaults`, runs: 1, medianMs: NaN, p95Ms: NaN, requests: refreshes });
      counting.dispose();
      rows.push(await measure('A poll tick with nothing in flight (the poller is off)', 10, () => counted(emu, () => pollOnce(tracker, timers))));
    } finally {
      tracker.dispose();
    }
  } finally {
    await emu.close();
  }
}

async function signing(rows: Row[]): Promise<void> {
  const key = { accessKey: 'BENCHACCESSKEY000001', secretKey: 'benchSecretKey0000000000000000000000001' };
  const request = { method: 'GET', url: 'https://cbr.ap-southeast-1.myhuaweicloud.com/v3/0605767b5780d5762fc5c0118072a564/backups?vault_id=ea7b8717-2543-478a-a92d-3ca7ee448f67&limit=100&sort=created_at:desc', headers: { 'Content-Type': 'application/json' } };
  const date = new Date();
  rows.push(await measure('Signing 1,000 requests (AK/SK)', 20, () => {
    for (let i = 0; i < 1_000; i++) {
      signRequest(request, key, date);
    }
  }));
}

/**
 * Sizes, module evaluation and VS Code's own activation figure (issue 13). The last needs
 * code-server (`npm run host:install`); CBR_BENCH_VSCODE=0 leaves it out.
 */
async function footprint(): Promise<void> {
  const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
  const sizes = packageSizes();
  console.log(`Bundle ${kb(sizes.bundleBytes)} KB, VSIX ${kb(sizes.vsixBytes)} KB (npm run package)`);
  const evaluation = moduleEvaluation(10);
  console.log(`Module evaluation in plain Node, vscode stubbed (median of 10): ${evaluation.cpuMs.toFixed(1)} ms CPU, ${evaluation.wallMs.toFixed(1)} ms wall`);
  if (process.env.CBR_BENCH_VSCODE === '0') {
    return;
  }
  const reloads = Number(process.env.CBR_BENCH_RELOADS ?? 4);
  const { medians, samples } = await vsCodeActivation(reloads);
  console.log(`\nVS Code's activation figure (Developer: Show Running Extensions), median of ${reloads} window reloads:\n`);
  console.log('| extension | median ms | each reload |');
  console.log('|---|---|---|');
  for (const [name, ms] of Object.entries(medians).sort((a, b) => b[1] - a[1])) {
    console.log(`| ${name} | ${ms} | ${samples.map((s) => s[name] ?? '—').join(', ')} |`);
  }
  console.log('');
}

async function main(): Promise<void> {
  if (process.env.CBR_BENCH_ONLY !== 'paths') {
    await footprint();
  }
  if (process.env.CBR_BENCH_ONLY === 'footprint') {
    return;
  }
  const rows: Row[] = [];
  await listing(rows);
  await polling(rows);
  await signing(rows);
  const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}, emulator on loopback\n`);
  console.log('| what | runs | median ms | p95 ms | requests |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.what} | ${r.runs} | ${Number.isNaN(r.medianMs) ? '—' : ms(r.medianMs)} | ${Number.isNaN(r.p95Ms) ? '—' : ms(r.p95Ms)} | ${r.requests ?? '—'} |`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
