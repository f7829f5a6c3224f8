import * as z from 'zod';
import { isLoopbackUrl } from '../api';
import { CloudSettings } from '../config/settings';
import { CredentialsSchema } from './credentialStore';

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
