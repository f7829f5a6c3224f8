import * as z from 'zod/mini';
import { isLoopbackUrl } from '../api';
import { CloudSettings } from '../config/settings';
import { CredentialsSchema, type StoredCredentials } from './credentialStore';

/** Environment variable through which `npm start` hands the emulator's demo credential to the extension. */
export const DEMO_CREDENTIALS_ENV = 'CBR_EXPLORER_DEMO_CREDENTIALS';


/**
 * The demo credential, if `npm start` provided one and every endpoint is the local emulator.
 * It is never honoured for a real cloud endpoint, so the variable cannot leak a credential.
 */
export function demoCredentials(env: NodeJS.ProcessEnv, settings: CloudSettings): z.infer<typeof CredentialsSchema> | undefined {
  const raw = env[DEMO_CREDENTIALS_ENV];
  if (!raw) {
    return undefined;
  }
  const endpoints = [settings.endpoints.iam, settings.endpoints.cbr, settings.endpoints.gaussdb];
  if (settings.cloud !== 'custom' || !endpoints.every((e) => e !== undefined && isLoopbackUrl(e.replace('{region}', 'r')))) {
    return undefined;
  }
  try {
    const parsed = CredentialsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the demo credential may be signed in: only when nothing is stored or what is stored is
 * the demo credential itself. A stored real credential (kept for another destination while the
 * settings point at the emulator) is never overwritten by the automatic demo sign-in.
 */
export function demoSignInDecision(stored: StoredCredentials | undefined, demo: z.infer<typeof CredentialsSchema>): 'signIn' | 'keepStored' {
  if (!stored) {
    return 'signIn';
  }
  return JSON.stringify(sorted(stored.credentials)) === JSON.stringify(sorted(demo)) ? 'signIn' : 'keepStored';
}

function sorted(value: object): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
