/** Ids in the demo seed (demo.json) that tests refer to by name. */
export const DEMO_IDS = {
  /** vault-prod-servers, ap-southeast-1: two servers, two restore points. */
  prodVault: 'ea7b8717-2543-478a-a92d-3ca7ee448f67',
  /** vault-data-disks, ap-southeast-1. */
  diskVault: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
  /** vault-staging, ap-southeast-1: empty. */
  stagingVault: '5c0a9e7d-3f1b-4c2e-8d6a-7b9e0f1a2c3d',
  /** vault-dr-replica, the replication vault in ap-southeast-2. */
  replicaVault: '0ca3eb86-8800-46da-9c37-9d657a825274',
  /** data-disk-01, in vault-data-disks. */
  dataDisk01: 'c7a8e3b2-5d4f-4a1e-9b6c-2f3e4d5a6b70',
  /** orders-db, the GaussDB(for MySQL) instance in ap-southeast-1. */
  instance: '07033b125fd94a8a96896f8bcfee6ddain07',
  /** The demo project in ap-southeast-2. */
  secondProject: '68589cac08274b82b4e254268a3862d8',
  /** daily-prod: backup policy on vault-prod-servers, every day 02:00 UTC+08:00, keeps 30 days. */
  dailyProdPolicy: 'f1c3a8e2-6b4d-4e7a-9c21-5d8e0b7a3f10',
  /** weeknights-disks: backup policy on vault-data-disks, Mon/Wed/Fri 22:30 UTC, keeps the last 7. */
  weeknightsPolicy: '2d7e9a4b-8c1f-4a3e-b5d6-7e8f9a0b1c22',
  /** dr-to-sg2: replication policy to ap-southeast-2, disabled, applied to no vault. */
  replicationPolicy: '7a9b0c1d-2e3f-4a5b-8c6d-9e0f1a2b3c33',
} as const;

/** The demo seed's credentials, one of each kind (demo.json), for tests that sign in against the emulator. */
export const DEMO_CREDENTIALS = {
  password: { kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' },
  aksk: { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' },
  token: { kind: 'token', token: 'demo-static-token-0001' },
} as const;
