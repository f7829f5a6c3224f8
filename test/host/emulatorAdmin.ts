import type { FaultSpec } from '../emulator';

/** The emulator's admin API over HTTP (the emulator runs in the test runner's process). */
export function emulatorUrl(): string {
  const url = process.env.CBR_EMULATOR_URL;
  if (!url) {
    throw new Error('CBR_EMULATOR_URL is not set: run the host tests through npm run test:host');
  }
  return url;
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    throw new Error(`emulator admin ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A fault to inject (the emulator's own type). */
export type Fault = FaultSpec;

/** `{ "cbr.listVaults": 3, …, byRegion: { "ap-southeast-1": { … } } }` */
export type CounterSnapshot = Record<string, unknown> & { byRegion: Record<string, Record<string, number>> };

/** How many requests for `op` reached the emulator (all regions). */
export async function count(op: string): Promise<number> {
  const value = (await emulator.counters())[op];
  return typeof value === 'number' ? value : 0;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export const emulator = {
  addFault: (fault: Fault) => admin<{ id: string }>('POST', 'faults', fault),
  clearFaults: () => admin<void>('DELETE', 'faults'),
  counters: () => admin<CounterSnapshot>('GET', 'counters'),
  resetCounters: () => admin<void>('DELETE', 'counters'),
  requests: async (op: string) => (await admin<{ requests: RecordedRequest[] }>('GET', `requests?op=${encodeURIComponent(op)}`)).requests,
  setTiming: (timing: Record<string, number>) => admin<unknown>('POST', 'timing', timing),
  expireTokens: () => admin<void>('POST', 'expire-tokens'),
  advance: (ms: number) => admin<void>('POST', 'advance', { ms }),
  reset: () => admin<void>('POST', 'reset'),
  /** What `echoSecrets` faults repeated in error bodies since the last reset. */
  echoedSecrets: async () => (await admin<{ secrets: string[] }>('GET', 'echoed-secrets')).secrets,
  /** Switches the emulator's cloud profile (test/emulator/profile.ts); data and faults stay. */
  setCloud: (cloud: 'huaweicloud' | 'opentelekomcloud') => admin<unknown>('POST', 'cloud', { cloud }),
  script: (s: Record<string, string>) => admin<void>('POST', 'script', s),
  /** Swaps in a generated seed (same demo credentials); tokens issued before stop working. */
  generateSeed: (opts: { vaults: number; backupsPerVault: number; resourcesPerVault?: number; gaussInstances?: number; gaussBackupsPerInstance?: number }) =>
    admin<{ vaults: number; backups: number }>('POST', 'seed', { generate: opts }),
  /** Goes back to the seed the emulator started with (the demo seed). */
  startSeed: () => admin<unknown>('POST', 'seed', { start: true }),
};

/** Demo seed credentials (test/emulator/seeds/demo.json). */
export const demo = {
  domainName: 'demo-domain',
  userName: 'demo-user',
  password: 'Demo-Passw0rd!',
  accessKey: 'DEMOACCESSKEY0000001',
  secretKey: 'demoSecretKey000000000000000000000000001',
  token: 'demo-static-token-0001',
  region: 'ap-southeast-1',
  secondRegion: 'ap-southeast-2',
};
