import { z } from 'zod';
import { isLoopbackUrl } from '../api';
import { CloudSettings } from '../config/settings';

/** Environment variable through which `npm start` hands the emulator's demo credential to the extension. */
export const DEMO_CREDENTIALS_ENV = 'CBR_EXPLORER_DEMO_CREDENTIALS';

const DemoCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string().min(1) }),
  z.object({ kind: z.literal('password'), domainName: z.string(), userName: z.string(), password: z.string() }),
  z.object({ kind: z.literal('aksk'), accessKey: z.string(), secretKey: z.string() }),
]);

/**
 * The demo credential, if `npm start` provided one and every endpoint is the local emulator.
 * It is never honoured for a real cloud endpoint, so the variable cannot leak a credential.
 */
export function demoCredentials(env: NodeJS.ProcessEnv, settings: CloudSettings): z.infer<typeof DemoCredentialsSchema> | undefined {
  const raw = env[DEMO_CREDENTIALS_ENV];
  if (!raw) {
    return undefined;
  }
  const endpoints = [settings.endpoints.iam, settings.endpoints.cbr, settings.endpoints.gaussdb];
  if (settings.cloud !== 'custom' || !endpoints.every((e) => e !== undefined && isLoopbackUrl(e.replace('{region}', 'r')))) {
    return undefined;
  }
  try {
    const parsed = DemoCredentialsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
