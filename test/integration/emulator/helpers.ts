/** Shared helpers for the emulator tests: start/stop, sign in, plain-fetch calls. */
import { DEMO_IDENTITY } from '../../emulator/generate';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { computeSignature } from '../../emulator/signature';

export { DEMO_IDENTITY };
export const R1 = 'ap-southeast-1';
export const R2 = 'ap-southeast-2';
export const P1 = DEMO_IDENTITY.projects[R1];
export const P2 = DEMO_IDENTITY.projects[R2];

/** Demo seed ids the tests use. */
export const IDS = {
  serverVault: 'ea7b8717-2543-478a-a92d-3ca7ee448f67',
  diskVault: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
  emptyVault: '5c0a9e7d-3f1b-4c2e-8d6a-7b9e0f1a2c3d',
  replicaVault: '0ca3eb86-8800-46da-9c37-9d657a825274',
  sg2BackupVault: '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4',
  webServer: 'e8cc6bfd-d324-4b88-9109-9fb0ba70676f',
  appServer: '97595625-198e-4e4d-879b-9d53f68ba551',
  dbServer: '6f1e2d3c-4b5a-4c69-8d7e-9f0a1b2c3d4e',
  batchServer: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  bastion: '94eba8b2-acc9-4d82-badc-127144cc5526',
  logsDisk: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f01',
  seedCheckpoint: '8b0851a8-adf3-4f4c-a914-dead08bf9664',
  gaussInstance: '07033b125fd94a8a96896f8bcfee6ddain07',
} as const;

/** Small timings so tests can move the clock by a second instead of waiting. */
export const FAST = { checkpointProtectingMs: 1_000, gaussBackupBuildingMs: 1_000, replicationMs: 1_000 };

export function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ ...opts, timing: { ...FAST, ...(opts.timing ?? {}) } });
}

// Response bodies are arbitrary JSON whose shape the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Res {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Res> {
  const headers = new Headers(init.headers ?? {});
  if (!headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: Json = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export function tokenRequest(project: string = R1, password: string = DEMO_IDENTITY.password): unknown {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: DEMO_IDENTITY.userName, password, domain: { name: DEMO_IDENTITY.domainName } } },
      },
      scope: { project: { name: project } },
    },
  };
}

export async function getToken(emu: RunningEmulator, project: string = R1): Promise<string> {
  const res = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest(project) });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) {
    throw new Error(`token request failed: ${res.status} ${res.text}`);
  }
  return token;
}

/** A project-scoped client for one service in one region. */
export class Client {
  constructor(
    private readonly emu: RunningEmulator,
    private readonly token: string,
    readonly region: string = R1,
  ) {}

  static async signIn(emu: RunningEmulator, region: string = R1): Promise<Client> {
    return new Client(emu, await getToken(emu, region), region);
  }

  private url(service: 'cbr' | 'gaussdb', path: string): string {
    return `${this.emu.url}/${this.region}/${service}/v3/${DEMO_IDENTITY.projects[this.region as keyof typeof DEMO_IDENTITY.projects]}${path}`;
  }

  cbr(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
    return call(this.url('cbr', path), { ...init, headers: { 'X-Auth-Token': this.token, ...(init.headers ?? {}) } });
  }

  gauss(path: string, init: { method?: string; body?: unknown } = {}): Promise<Res> {
    return call(this.url('gaussdb', path), { ...init, headers: { 'X-Auth-Token': this.token } });
  }
}

/** Sends a request signed with SDK-HMAC-SHA256 (the emulator's own signer; the vector test checks it). */
export async function signedCall(
  url: string,
  opts: { method?: string; body?: string; ak?: string; sk?: string; date?: Date; extraHeaders?: Record<string, string> } = {},
): Promise<Res> {
  const u = new URL(url);
  const method = opts.method ?? 'GET';
  const d = opts.date ?? new Date();
  const sdkDate = d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json', host: u.host, 'x-sdk-date': sdkDate, ...(opts.extraHeaders ?? {}) };
  const signed = ['content-type', 'host', 'x-sdk-date'];
  const signature = computeSignature(
    opts.sk ?? DEMO_IDENTITY.secretKey,
    { method, path: u.pathname, query: u.search.replace(/^\?/, ''), headers, signedHeaders: signed, body: opts.body ?? '' },
    sdkDate,
  );
  // fetch sets Host itself (to the same value that was signed).
  const sendHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'));
  return call(url, {
    method,
    body: opts.body,
    headers: {
      ...sendHeaders,
      Authorization: `SDK-HMAC-SHA256 Access=${opts.ak ?? DEMO_IDENTITY.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${signature}`,
    },
  });
}
