/**
 * `npm run emulator -- [--port 9090] [--seed path.json] [--generate N] [--backups-per-vault M] [--verbose]`
 * Runs the cloud emulator standalone until Ctrl-C.
 */
import * as path from 'node:path';
import { DEMO_IDENTITY, generateSeed } from './generate';
import { loadSeedFile, startEmulator } from './index';
import { CLOUD_PROFILES, isCloudProfile, type CloudProfile } from './profile';
import type { SeedData, Timing } from './types';

interface CliOptions {
  port: number;
  seed?: string;
  generate?: number;
  backupsPerVault: number;
  verbose: boolean;
  keepTimestamps?: boolean;
  cloud?: CloudProfile;
  timing: Partial<Timing>;
}

const USAGE = `Usage: npm run emulator -- [options]
  --port N                 port on 127.0.0.1 (default 9090; 0 = any free port)
  --seed FILE              seed JSON (default: test/emulator/seeds/demo.json)
  --cloud NAME             answer as huaweicloud (default) or opentelekomcloud documents it
  --generate N             use a generated seed with N vaults instead
  --backups-per-vault M    backups per generated vault (default 5)
  --protecting-ms MS       checkpoint protecting time (default 8000)
  --gauss-building-ms MS   GaussDB backup building time (default 10000)
  --replication-ms MS      replication time (default 12000)
  --keep-timestamps        serve the seed's timestamps as written (default: moved so the newest is 2 h ago)
  --verbose                log every request`;

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { port: 9090, backupsPerVault: 5, verbose: false, timing: {} };
  const num = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) {
      throw new Error(`${flag} needs a non-negative integer`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (flag) {
      case '--port':
        opts.port = num(flag, next());
        break;
      case '--seed':
        opts.seed = next();
        if (!opts.seed) {
          throw new Error('--seed needs a file');
        }
        break;
      case '--cloud': {
        const cloud = next();
        if (!isCloudProfile(cloud)) {
          throw new Error(`--cloud needs one of ${CLOUD_PROFILES.join(', ')}`);
        }
        opts.cloud = cloud;
        break;
      }
      case '--generate':
        opts.generate = num(flag, next());
        break;
      case '--backups-per-vault':
        opts.backupsPerVault = num(flag, next());
        break;
      case '--protecting-ms':
        opts.timing.checkpointProtectingMs = num(flag, next());
        break;
      case '--gauss-building-ms':
        opts.timing.gaussBackupBuildingMs = num(flag, next());
        break;
      case '--replication-ms':
        opts.timing.replicationMs = num(flag, next());
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '--keep-timestamps':
        opts.keepTimestamps = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  let seed: SeedData | undefined;
  if (opts.generate !== undefined) {
    seed = generateSeed({ vaults: opts.generate, backupsPerVault: opts.backupsPerVault });
  } else if (opts.seed !== undefined) {
    // npm runs scripts from the package root; resolve against the caller's directory when known.
    seed = loadSeedFile(path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.seed));
  }
  const emu = await startEmulator({
    port: opts.port,
    seed,
    rebaseTimestamps: !opts.keepTimestamps,
    cloud: opts.cloud,
    timing: opts.timing,
    trace: opts.verbose ? (line) => console.log(`${new Date().toISOString()} ${line}`) : undefined,
  });
  console.log(`CBR Explorer cloud emulator listening on ${emu.url} (answering as ${emu.cloud})`);
  console.log('Endpoint overrides:');
  console.log(`  iam     = ${emu.endpoints.iam}`);
  console.log(`  cbr     = ${emu.endpoints.cbr}`);
  console.log(`  gaussdb = ${emu.endpoints.gaussdb}`);
  if (opts.generate !== undefined || opts.seed === undefined) {
    console.log('Demo credentials:');
    console.log(`  password: domain ${DEMO_IDENTITY.domainName}, user ${DEMO_IDENTITY.userName}, password ${DEMO_IDENTITY.password}`);
    console.log(`  AK/SK:    ${DEMO_IDENTITY.accessKey} / ${DEMO_IDENTITY.secretKey}`);
    console.log(`  token:    ${DEMO_IDENTITY.staticToken}`);
  }
  console.log(`Regions: ${Object.keys(emu.seed.regions).join(', ')}. Admin API: ${emu.url}/__admin/state. Ctrl-C to stop.`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
