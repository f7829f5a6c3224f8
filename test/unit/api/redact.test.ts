/**
 * Redaction, table-driven: every tricky way a secret shows up in a log line or an error text
 * (issue 8, hardened item 8: 18 of 41 such inputs kept their secret before).
 */
import { strict as assert } from 'node:assert';
import { redact, registerSecret } from '../../../src/api';

/** Registered the way sign-in registers them: a password, a secret key and a security token. */
const PASSWORD = 'Pa"ss\\w0rd/2026 ü';
const SECRET_KEY = 'hwSecretKeyRegistered0000000000000000042';
const SECURITY_TOKEN = 'gQtTemporarySecurityToken+/=0000000000000099';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/** [what, input, secrets that must not survive] */
const CASES: [string, string, string[]][] = [
  ['Authorization: Bearer', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-part', ['eyJhbGciOiJIUzI1NiJ9', 'sig-part']],
  ['authorization: Basic', 'authorization: Basic dXNlcjpodW50ZXIyaHVudGVy', ['dXNlcjpodW50ZXIyaHVudGVy']],
  ['Authorization=Bearer', 'headers Authorization=Bearer tok3nValue99 sent', ['tok3nValue99']],
  ['Proxy-Authorization: Basic', 'Proxy-Authorization: Basic cHJveHk6c2VjcmV0cHc=', ['cHJveHk6c2VjcmV0cHc=']],
  ['"authorization": "Bearer ..."', '{"authorization": "Bearer jsonBearerTok77"}', ['jsonBearerTok77']],
  ['SDK-HMAC-SHA256 signature', 'Authorization: SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=0a1b2c3d4e5f60718293a4b5c6d7e8f9', ['0a1b2c3d4e5f60718293a4b5c6d7e8f9']],
  ['X-Auth-Token header', 'X-Auth-Token: MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEwggKXBgkqhkiG9w0BBwGgggKIBIICh', ['MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHIC']],
  ['X-Subject-Token without space', 'x-subject-token:subjTok3n0000000001', ['subjTok3n0000000001']],
  ['X-Security-Token in JSON', '{"X-Security-Token":"secTokJson000001"}', ['secTokJson000001']],
  ['bare IAM token', 'token was MIIDqwYJKoZIhvcNAQcCoIIDnDCCA5gCAQExDTALBglghkgBZQMEAgEwggG5 end', ['MIIDqwYJKoZIhvcNAQcCoIIDnDCCA5g']],
  ['access_token= in a query', 'GET /v3/p/vaults?limit=10&access_token=accTok0000011 -> 200', ['accTok0000011']],
  ['auth_token= in a query', 'GET /x?auth_token=authTok000022&y=1', ['authTok000022']],
  ['securityToken= in a query', 'GET /x?securityToken=secTokQuery33', ['secTokQuery33']],
  ['security_token= in a query', 'GET /x?a=1&security_token=secTokQuery44', ['secTokQuery44']],
  ['token= in a query', 'GET /x?token=plainQueryTok55', ['plainQueryTok55']],
  ['X-Auth-Token= in a query', 'GET /x?X-Auth-Token=hdrInQuery66', ['hdrInQuery66']],
  ['bare Signature=', 'Signature=9f86d081884c7d659a2feaa0c55ad015 expired', ['9f86d081884c7d659a2feaa0c55ad015']],
  ['signature= in a query', 'GET /obs?AccessKeyId=AK&signature=qSigValue%2B77&Expires=1', ['qSigValue']],
  ['plain password=', 'login failed for password=plainPass77 and user=demo', ['plainPass77']],
  ['plain sk=', 'ak=AKPLAIN01 sk=plainSk0000111', ['plainSk0000111']],
  ['&sk= in a query', 'GET /x?ak=AK1&sk=querySk00222', ['querySk00222']],
  ['secret_key=', 'secret_key=plainSecretKey333', ['plainSecretKey333']],
  ['URL-encoded password%3D', 'next=%2Flogin%3Fpassword%3DencPass99%26x%3D1', ['encPass99']],
  ['"password" JSON', '{"user":{"name":"u","password":"jsonPass0001"}}', ['jsonPass0001']],
  ['"passwd" JSON', '{"passwd":"hunter2hunter"}', ['hunter2hunter']],
  ['"user_password" JSON', '{"user_password":"P@ss-w0rd!x"}', ['P@ss-w0rd!x']],
  ['"userPassword" JSON', '{"userPassword" : "camelPass0002"}', ['camelPass0002']],
  ['"Password" upper case', '{"Password":"UpperPass0003"}', ['UpperPass0003']],
  ['password with an escaped quote', '{"password":"esc\\"aped-secret9"}', ['aped-secret9']],
  ["'password' single quotes", "{'password': 'pyReprPass0004'}", ['pyReprPass0004']],
  ['"secret" JSON', '{"credential":{"access":"AK","secret":"jsonSecret0005"}}', ['jsonSecret0005']],
  ['"sk" JSON', '{"ak":"AK","sk":"jsonSk000006"}', ['jsonSk000006']],
  ['"securitytoken" JSON', '{"securitytoken":"jsonSecTok007"}', ['jsonSecTok007']],
  ['JSON inside a JSON string', '{"error_msg":"bad body {\\"password\\":\\"nestedPass0008\\"}"}', ['nestedPass0008']],
  ['Cookie header', 'Cookie: session=cookieSecret0009; theme=dark', ['cookieSecret0009']],
  ['registered password as is', `echo ${PASSWORD} back`, [PASSWORD]],
  ['registered password JSON-escaped', `{"error_msg":${JSON.stringify(`wrong ${PASSWORD}`)}}`, [JSON.stringify(PASSWORD).slice(1, -1)]],
  ['registered password URL-encoded', `GET /x?q=${encodeURIComponent(PASSWORD)}`, [encodeURIComponent(PASSWORD)]],
  ['registered password form-encoded', `body q=${new URLSearchParams({ q: PASSWORD }).toString().slice(2)}`, [new URLSearchParams({ q: PASSWORD }).toString().slice(2)]],
  ['registered password in base64', `blob ${b64(PASSWORD)} end`, [b64(PASSWORD).slice(0, 12)]],
  ['registered secret key in base64 inside a longer blob', `data=${b64(`xy${SECRET_KEY}tail`)}`, [b64(SECRET_KEY).slice(4, 30), b64(`xy${SECRET_KEY}`).slice(4, 40)]],
  ['registered secret key in base64url', `id ${b64url(`z${SECRET_KEY}`)}`, [b64url(`z${SECRET_KEY}`).slice(4, 40)]],
  ['registered secret key split over lines', `the key was hwSecretKeyRegis\ntered0000000000000000042 (wrapped)`, ['tered0000000000000000042', 'hwSecretKeyRegis']],
  ['registered secret key split with an escaped newline', 'the key was hwSecretKeyRegistered00000\\n00000000000042', ['hwSecretKeyRegistered00000', '00000000000042']],
  ['registered secret key inside a word', `prefix${SECRET_KEY}suffix`, [SECRET_KEY]],
  ['registered security token with / escaped', `{"t":"${SECURITY_TOKEN.replace(/\//g, '\\/')}"}`, ['gQtTemporarySecurityToken+']],
  ['registered security token URL-encoded', `?x=${encodeURIComponent(SECURITY_TOKEN)}`, [encodeURIComponent(SECURITY_TOKEN)]],
];

/** Ordinary text that must come out unchanged. */
const KEEP = [
  'Enter the password.',
  'The token has expired; sign in again.',
  'Authorization failed for this request.',
  'Signature mismatch (APIGW.0303)',
  'risk=low task=7 desk=3',
  'The password policy needs 8 characters; the secret is safe.',
  'GET /v3/0605767b5780d5762fc5c0118072a564/vaults?limit=10&offset=0 -> 200',
  'vault "prod-vault" is 42 % used',
  'BackupService.9900: Invalid parameter vault_id.',
];

describe('api: redaction, table-driven', () => {
  before(() => {
    registerSecret(PASSWORD);
    registerSecret(SECRET_KEY);
    registerSecret(SECURITY_TOKEN);
  });

  it(`has at least 41 tricky inputs (${CASES.length})`, () => {
    assert.ok(CASES.length >= 41);
  });

  for (const [what, input, secrets] of CASES) {
    it(`hides ${what}`, () => {
      const out = redact(input);
      for (const secret of secrets) {
        assert.ok(!out.includes(secret), `"${secret}" survived in: ${out}`);
      }
      assert.ok(out.includes('***'), `marks what it hid: ${out}`);
    });
  }

  for (const text of KEEP) {
    it(`keeps "${text}" intact`, () => {
      assert.equal(redact(text), text);
    });
  }

  it('keeps the words around a secret', () => {
    assert.equal(redact('login failed for password=plainPass77 and user=demo'), 'login failed for password=*** and user=demo');
    assert.equal(redact('Authorization: Bearer abcdef123456 sent'), 'Authorization: Bearer *** sent');
  });
});
