/**
 * Test and demo controls: the same operations in-process (`Admin`) and over HTTP
 * (`/__admin/...`, no auth; the server listens on loopback only).
 */
import { cbrTime } from './clock';
import type { ElsewhereHit, ElsewhereListener } from './elsewhere';
import { type ActiveFault, type CounterSnapshot, type FaultSpec, FaultStore, parseFaultSpec, type RecordedRequest, RequestLog } from './faults';
import { HttpError, isRecord, type Reply } from './http';
import { renderBackup } from './cbr/index';
import type { EmulatorState, Script } from './state';
import type { SeedData, Timing } from './types';
import { generateSeed, type GenerateOptions } from './generate';
import { checkSeed } from './seedCheck';
import { isCloudProfile, type CloudProfile } from './profile';
import { parseRateLimit, type RateLimiter, type RateLimitSpec } from './rateLimit';
import { rebaseSeedTimestamps } from './rebase';
import type { LateWrites } from './server';

function adminError(status: number, message: string): HttpError {
  return new HttpError(status, { error: message });
}

export class Admin {
  /** The seed the emulator started with, which `loadSeed('start')` goes back to. */
  private readonly startSeed: SeedData;

  constructor(
    private readonly st: EmulatorState,
    private readonly faultStore: FaultStore,
    private readonly log: RequestLog,
    private readonly extras: { rateLimit: RateLimiter; late: LateWrites; elsewhere: ElsewhereListener },
  ) {
    this.startSeed = st.seed;
  }

  /** The cloud whose documented behaviour the emulator follows (profile.ts). */
  cloud(): CloudProfile {
    return this.st.cloud;
  }

  /** Switches the cloud profile; data, faults and counters stay as they are. */
  setCloud(cloud: CloudProfile): void {
    if (!isCloudProfile(cloud)) {
      throw new TypeError('cloud must be huaweicloud or opentelekomcloud');
    }
    this.st.cloud = cloud;
  }

  /** A gateway rate limit per region (429 APIG.0308), or none with `undefined`. */
  setRateLimit(spec: RateLimitSpec | undefined): void {
    if (spec !== undefined) {
      const checked = parseRateLimit(spec);
      if (typeof checked === 'string') {
        throw new TypeError(checked);
      }
      this.extras.rateLimit.set(checked);
    } else {
      this.extras.rateLimit.set(undefined);
    }
  }

  /** Requests the rate limit refused (all ops, or one). */
  throttled(op?: string): number {
    return this.log.throttledCount(op);
  }

  /** Requests whose handler answered 2xx: for a write, how often the change was made. */
  applied(op: string): number {
    return this.log.appliedCount(op);
  }

  /** Writes scheduled by `lateApplyMs` faults: still to land, and landed. */
  lateWrites(): { pending: number; landed: number } {
    return this.extras.late.status();
  }

  /** The second listener that redirect faults point to: its URL and what reached it. */
  elsewhere(): { url: string; count: number; requests: ElsewhereHit[] } {
    return { url: this.extras.elsewhere.url, ...this.extras.elsewhere.hits() };
  }

  /**
   * Replaces the world: a generated seed (scale tests), a given one, or the one the emulator
   * started with. Like `reset`, it also clears faults, counters, tokens and the clock offset;
   * `reset` afterwards goes back to this seed.
   */
  loadSeed(source: 'start' | { generate: GenerateOptions } | { seed: SeedData }): { vaults: number; backups: number } {
    let seed: SeedData;
    if (source === 'start') {
      seed = this.startSeed;
    } else if ('generate' in source) {
      // Generated timestamps are fixed in the past; move them next to now like the demo seed.
      seed = rebaseSeedTimestamps(generateSeed(source.generate), Date.now());
    } else {
      const problem = checkSeed(source.seed);
      if (problem) {
        throw new TypeError(`invalid seed: ${problem}`);
      }
      seed = source.seed;
    }
    this.st.load(seed);
    this.st.clock.reset();
    this.clearTransient();
    const regions = Object.values(seed.regions);
    return {
      vaults: regions.reduce((n, r) => n + (r.vaults?.length ?? 0), 0),
      backups: regions.reduce((n, r) => n + (r.backups?.length ?? 0), 0),
    };
  }

  /** Injects a fault on the next `times` (default 1) matching requests; returns its id. */
  addFault(spec: FaultSpec): string {
    const checked = parseFaultSpec(spec);
    if (typeof checked === 'string') {
      throw new TypeError(checked);
    }
    return this.faultStore.add(checked);
  }

  /** Secrets that `echoSecrets` faults put into error bodies since the last reset (for secrets scans). */
  echoedSecrets(): string[] {
    return this.faultStore.echoedSecrets();
  }

  /** Removes one fault; false when it was already used up or unknown. */
  removeFault(id: string): boolean {
    return this.faultStore.remove(id);
  }

  /** Faults still waiting to fire. */
  faults(): ActiveFault[] {
    return this.faultStore.list();
  }

  clearFaults(): void {
    this.faultStore.clear();
  }

  /** `{ op: n, …, byRegion: { region: { op: n } } }`; IAM calls count under region `global`. */
  counters(): CounterSnapshot {
    return this.log.counters();
  }

  /** Requests that reached the server for `op` (faulted ones included), optionally in one region. */
  count(op: string, region?: string): number {
    return this.log.count(op, region);
  }

  resetCounters(): void {
    this.log.reset();
    this.extras.elsewhere.reset();
  }

  /** The last (up to 50) requests for `op`, oldest first, secrets redacted; every op when omitted. */
  requests(op?: string): RecordedRequest[] {
    return this.log.requests(op);
  }

  /** Every token issued so far becomes invalid (401 APIGW.0301). Static tokens stay valid. */
  expireTokens(): void {
    this.st.expireAllTokens();
  }

  /** Moves the emulator clock forward; timed work and token expiry follow it. */
  advance(ms: number): void {
    this.st.clock.advance(ms);
  }

  /** Emulator time, epoch ms. */
  now(): number {
    return this.st.now();
  }

  /** Reloads the seed and clears faults, counters, tokens, scripts and the clock offset. */
  reset(): void {
    this.st.load(this.st.seed);
    this.st.clock.reset();
    this.clearTransient();
  }

  /** Faults, counters, the rate limit and writes still to land: none of them outlive a reset. */
  private clearTransient(): void {
    this.faultStore.clear();
    this.faultStore.forgetEchoed();
    this.log.reset();
    this.extras.rateLimit.set(undefined);
    this.extras.late.cancelAll();
    this.extras.elsewhere.reset();
  }

  /** Scripts the outcome of the next checkpoint / GaussDB backup / replication (one each per call). */
  script(s: Script): void {
    this.st.script(s);
  }

  /** Changes timing for work started from now on; returns the timing in force. */
  setTiming(t: Partial<Timing>): Timing {
    for (const [k, v] of Object.entries(t)) {
      if (!(k in this.st.timing) || typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new TypeError(`invalid timing ${k}`);
      }
    }
    this.st.timing = { ...this.st.timing, ...t };
    return { ...this.st.timing };
  }

  /** The whole state as plain JSON (statuses as of now), for debugging. */
  state(): Record<string, unknown> {
    const st = this.st;
    const now = st.now();
    const regions: Record<string, unknown> = {};
    for (const [name, rs] of st.regions) {
      regions[name] = {
        replicationDestinations: rs.replicationDestinations,
        vaults: rs.vaults,
        protectables: Object.fromEntries(rs.protectables),
        backups: rs.backups.map((b) => renderBackup(b, now)),
        checkpoints: [...rs.checkpoints.values()].map((c) => ({ id: c.id, vault_id: c.vaultId, created_at: c.createdAt, backup_ids: c.backupIds })),
        operationLogs: rs.opLogs.map((l) => l.wire),
        gaussdb: {
          instances: rs.gaussInstances,
          backups: rs.gaussBackups.map((b) => b.wire),
          jobs: [...rs.gaussJobs.values()].map((j) => ({ id: j.id, backup_id: j.backupId, instance_id: j.instanceId })),
        },
      };
    }
    return {
      cloud: st.cloud,
      rateLimit: this.extras.rateLimit.current ?? null,
      lateWrites: this.extras.late.status(),
      clock: { now: cbrTime(now), offsetMs: st.clock.offset },
      timing: st.timing,
      faults: this.faultStore.list(),
      scripted: st.scripted,
      tokens: [...st.tokens.values()].map((t) => ({
        token: `${t.token.slice(0, 8)}…`,
        user: t.user.name,
        project: t.project?.name ?? null,
        expires_at: cbrTime(t.expiresMs),
        revoked: t.revoked,
      })),
      projects: st.seed.projects,
      regions,
    };
  }
}

const GENERATE_LIMITS: Record<keyof GenerateOptions, number> = {
  vaults: 20_000,
  backupsPerVault: 200,
  resourcesPerVault: 50,
  freeServers: 5_000,
  gaussInstances: 1_000,
  gaussBackupsPerInstance: 1_000,
  baseTimeMs: Number.MAX_SAFE_INTEGER,
  randomSeed: 2 ** 32,
};

/** `"start"`, `{"generate": {vaults, backupsPerVault, …}}` or `{"seed": {…}}`, bounded so a typo cannot eat the memory. */
function parseSeedSource(body: unknown): Parameters<Admin['loadSeed']>[0] {
  if (body === 'start' || (isRecord(body) && body.start === true)) {
    return 'start';
  }
  if (isRecord(body) && isRecord(body.generate)) {
    const g = body.generate;
    for (const [k, v] of Object.entries(g)) {
      const limit = GENERATE_LIMITS[k as keyof GenerateOptions] as number | undefined;
      if (limit === undefined) {
        throw adminError(400, `generate.${k} is not an option (${Object.keys(GENERATE_LIMITS).join(', ')})`);
      }
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > limit) {
        throw adminError(400, `generate.${k} must be an integer from 0 to ${limit}`);
      }
    }
    if (typeof g.vaults !== 'number' || typeof g.backupsPerVault !== 'number') {
      throw adminError(400, 'generate needs vaults and backupsPerVault');
    }
    return { generate: g as unknown as GenerateOptions };
  }
  if (isRecord(body) && isRecord(body.seed)) {
    return { seed: body.seed as unknown as SeedData };
  }
  throw adminError(400, 'body must be {"start": true}, {"generate": {"vaults": N, "backupsPerVault": M, …}} or {"seed": {…}}');
}

/** Routes `/__admin/...`. */
export function handleAdmin(admin: Admin, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  const ok = (b: unknown = { ok: true }): Reply => ({ status: 200, body: b });
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'POST /__admin/faults': {
        const spec = parseFaultSpec(body);
        if (typeof spec === 'string') {
          throw adminError(400, spec);
        }
        return ok({ id: admin.addFault(spec) });
      }
      case 'GET /__admin/faults':
        return ok({ faults: admin.faults() });
      case 'DELETE /__admin/faults':
        admin.clearFaults();
        return ok();
      case 'GET /__admin/counters':
        return ok(admin.counters());
      case 'DELETE /__admin/counters':
        admin.resetCounters();
        return ok();
      case 'GET /__admin/requests':
        return ok({ requests: admin.requests(query.get('op') ?? undefined) });
      case 'POST /__admin/expire-tokens':
        admin.expireTokens();
        return ok();
      case 'POST /__admin/advance': {
        const ms = isRecord(body) ? body.ms : undefined;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          throw adminError(400, 'body must be {"ms": <non-negative number>}');
        }
        admin.advance(ms);
        return ok({ now: cbrTime(admin.now()) });
      }
      case 'POST /__admin/reset':
        admin.reset();
        return ok();
      case 'POST /__admin/script': {
        const s = isRecord(body) ? body : {};
        const allowed: Record<string, string[]> = {
          nextCheckpoint: ['available', 'error'],
          nextGaussBackup: ['completed', 'error'],
          nextReplication: ['success', 'failed'],
        };
        for (const [k, v] of Object.entries(s)) {
          if (!allowed[k]?.includes(String(v))) {
            throw adminError(400, `script.${k} must be one of ${(allowed[k] ?? []).join(', ') || '(unknown field)'}`);
          }
        }
        admin.script(s);
        return ok();
      }
      case 'GET /__admin/cloud':
        return ok({ cloud: admin.cloud() });
      case 'POST /__admin/cloud': {
        const cloud = isRecord(body) ? body.cloud : undefined;
        if (!isCloudProfile(cloud)) {
          throw adminError(400, 'body must be {"cloud": "huaweicloud" | "opentelekomcloud"}');
        }
        admin.setCloud(cloud);
        return ok({ cloud });
      }
      case 'POST /__admin/rate-limit': {
        const spec = parseRateLimit(body);
        if (typeof spec === 'string') {
          throw adminError(400, spec);
        }
        admin.setRateLimit(spec);
        return ok();
      }
      case 'DELETE /__admin/rate-limit':
        admin.setRateLimit(undefined);
        return ok();
      case 'GET /__admin/elsewhere':
        return ok(admin.elsewhere());
      case 'GET /__admin/echoed-secrets':
        return ok({ secrets: admin.echoedSecrets() });
      case 'GET /__admin/late-writes':
        return ok(admin.lateWrites());
      case 'GET /__admin/applied':
        return ok({ applied: admin.applied(query.get('op') ?? '') });
      case 'POST /__admin/seed':
        return ok(admin.loadSeed(parseSeedSource(body)));
      case 'POST /__admin/timing':
        return ok({ timing: admin.setTiming(isRecord(body) ? (body) : {}) });
      case 'GET /__admin/state':
        return ok(admin.state());
      default: {
        const m = /^DELETE \/__admin\/faults\/([^/]+)$/.exec(route);
        if (m?.[1] !== undefined) {
          return admin.removeFault(decodeURIComponent(m[1])) ? ok() : { status: 404, body: { error: 'no such fault' } };
        }
        return { status: 404, body: { error: `unknown admin call ${route}` } };
      }
    }
  } catch (e) {
    if (e instanceof HttpError) {
      return { status: e.status, body: e.body };
    }
    if (e instanceof TypeError || e instanceof RangeError) {
      return { status: 400, body: { error: e.message } };
    }
    throw e;
  }
}
