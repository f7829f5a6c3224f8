/**
 * In-process entry point: `startEmulator()` starts the cloud emulator on 127.0.0.1 for tests
 * (see docs/emulator-contract.md). `npm run emulator` (cli.ts) runs the same thing standalone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Admin } from './admin';
import { ElsewhereListener } from './elsewhere';
import { FaultStore, RequestLog } from './faults';
import type { CloudProfile } from './profile';
import { RateLimiter } from './rateLimit';
import { EmulatorServer, LateWrites } from './server';
import { rebaseSeedTimestamps } from './rebase';
import { checkSeed } from './seedCheck';
import { EmulatorState } from './state';
import { DEFAULT_TIMING, type SeedData, type Timing } from './types';

export { Admin } from './admin';
export { checkSeed } from './seedCheck';
export type { ElsewhereHit } from './elsewhere';
export type { ActiveFault, CounterSnapshot, FaultSpec, RecordedRequest } from './faults';
export { CLOUD_PROFILES, PROFILE_RULES, type CloudProfile } from './profile';
export type { RateLimitSpec } from './rateLimit';
export { OPERATIONS } from './server';
export type { Script } from './state';
export { generateSeed, type GenerateOptions } from './generate';
export { DEFAULT_TIMING, type SeedData, type Timing } from './types';

export interface EmulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Seed data, or a path to a seed JSON file; default: the demo seed. */
  seed?: SeedData | string;
  /** Which cloud's documented behaviour to follow (profile.ts); default: the seed's `cloud`, else `huaweicloud`. */
  cloud?: CloudProfile;
  /** Milliseconds of emulator time for timed work; see `Timing`. */
  timing?: Partial<Timing>;
  /** Move the seed's timestamps so its newest lies two hours before now (demo and UI tests). */
  rebaseTimestamps?: boolean;
  /** Called with one line per request (for `--verbose`). */
  trace?: (line: string) => void;
}

export interface Endpoints {
  iam: string;
  cbr: string;
  gaussdb: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** The cloud profile at start. */
  cloud: CloudProfile;
  /** Endpoint overrides for the API layer; cbr and gaussdb contain `{region}`. */
  endpoints: Endpoints;
  admin: Admin;
  /** The seed in use (after loading a path). */
  seed: SeedData;
  /** Stops the server and ends every open connection. */
  close(): Promise<void>;
}

/** Where the demo seed lives: next to this file in the source tree, or found from out/. */
export function demoSeedPath(): string {
  const candidates = [
    path.resolve(__dirname, 'seeds', 'demo.json'),
    path.resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'seeds', 'demo.json'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(`demo seed not found (looked in ${candidates.join(', ')})`);
  }
  return found;
}

/** Reads and sanity-checks a seed file, with an error that names the file. */
export function loadSeedFile(file: string): SeedData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read seed ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problem = checkSeed(parsed);
  if (problem) {
    throw new Error(`invalid seed ${file}: ${problem}`);
  }
  return parsed as SeedData;
}


export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const loaded = typeof opts.seed === 'object' ? opts.seed : loadSeedFile(opts.seed ?? demoSeedPath());
  const seed = opts.rebaseTimestamps ? rebaseSeedTimestamps(loaded, Date.now()) : loaded;
  if (typeof opts.seed === 'object') {
    const problem = checkSeed(seed);
    if (problem) {
      throw new Error(`invalid seed: ${problem}`);
    }
  }
  const state = new EmulatorState(seed, { ...DEFAULT_TIMING, ...(opts.timing ?? {}) }, opts.cloud);
  const faults = new FaultStore();
  const log = new RequestLog();
  const rateLimit = new RateLimiter();
  const late = new LateWrites();
  const elsewhere = new ElsewhereListener();
  await elsewhere.listen();
  const admin = new Admin(state, faults, log, { rateLimit, late, elsewhere });
  const server = new EmulatorServer({ state, faults, log, admin, rateLimit, late, elsewhereUrl: () => elsewhere.url, trace: opts.trace });
  let port: number;
  try {
    port = await server.listen(opts.port ?? 0, '127.0.0.1');
  } catch (err) {
    await elsewhere.close();
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    cloud: state.cloud,
    endpoints: { iam: `${url}/iam`, cbr: `${url}/{region}/cbr`, gaussdb: `${url}/{region}/gaussdb` },
    admin,
    seed,
    close: async () => {
      await Promise.all([server.close(), elsewhere.close()]);
    },
  };
}
