import { strict as assert } from 'node:assert';
import { CloudApiError, type Credentials } from '../../../src/api';
import { authCommands } from '../../../src/auth/commands';
import { signIn, type SignInConnection } from '../../../src/auth/signIn';
import type { CloudSettings } from '../../../src/config/settings';
import { Logger } from '../../../src/common/logger';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';
import { recorded, workspace } from '../vscode/stub';

/** A connection whose sign-in fails with each of `failures` in turn, then succeeds. */
function fakeConnection(regions: string[], ...failures: Error[]) {
  const sent: { credentials: Credentials; regions: readonly string[] | undefined }[] = [];
  let signedOut = 0;
  const connection: SignInConnection & { signOut(): Promise<void> } = {
    cloudSettings: { cloud: 'huaweicloud', regions, projectIds: {}, endpoints: {}, requestTimeoutMs: 30_000 } satisfies CloudSettings,
    signIn: (credentials: Credentials, _signal?: AbortSignal, chosen?: readonly string[]) => {
      sent.push({ credentials, regions: chosen });
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve((chosen ?? regions).map((region) => ({ region, projectId: `p-${region}` })));
    },
    signOut: () => (signedOut++, Promise.resolve()),
  };
  return { connection, sent: () => sent.map((s) => s.credentials), chosen: () => sent.map((s) => s.regions), signedOut: () => signedOut };
}

const kind = (value: string): Answer => ({ pick: (i) => i.value === value });
const steps = (p: ScriptedPrompter) => p.shown.map((s) => `${s.step}/${s.totalSteps}`);
const refused = (message = 'The username or password is wrong.') =>
  new CloudApiError({ kind: 'auth', operation: 'iam.createToken', httpStatus: 401, requestId: 'req-0123', message: `iam.createToken: ${message}` });

const AK = 'DEMOACCESSKEY0000001';
const SK = 'demoSecretKey000000000000000000000000001';

async function run(answers: Answer[], regions = ['ap-southeast-1'], ...failures: Error[]) {
  const fake = fakeConnection(regions, ...failures);
  const prompter = new ScriptedPrompter(answers);
  const ok = await signIn(fake.connection, prompter, new Logger('test'));
  assert.equal(prompter.remaining, 0, 'every answer was used');
  return { ...fake, prompter, ok };
}

describe('unit: sign-in steps', () => {
  it('defect 12: token: the choice of kind is not numbered, the token is step 1 of 1, masked', async () => {
    const { prompter, sent, ok } = await run([kind('token'), { input: 'tok123' }]);
    assert.equal(ok, true);
    assert.deepEqual(steps(prompter), ['0/0', '1/1']);
    assert.equal(prompter.shown[1]?.password, true);
    assert.deepEqual(sent(), [{ kind: 'token', token: 'tok123' }]);
  });

  it('defect 12: password: account, user and password are steps 1 to 3 of 3', async () => {
    const { prompter, sent } = await run([kind('password'), { input: 'acme' }, { input: 'ops' }, { input: 's3cret' }]);
    assert.deepEqual(steps(prompter), ['0/0', '1/3', '2/3', '3/3']);
    assert.deepEqual(prompter.shown.map((s) => s.prompt ?? s.type), ['pick', 'Account (domain) name', 'IAM user name', 'Password of ops']);
    assert.deepEqual(prompter.shown.map((s) => s.password ?? false), [false, false, false, true]);
    assert.deepEqual(sent(), [{ kind: 'password', domainName: 'acme', userName: 'ops', password: 's3cret' }]);
  });

  it('defect 12: AK/SK: steps 1 to 3 of 3; the AK and SK shapes are checked as typed', async () => {
    const { prompter, sent } = await run([kind('aksk'), { input: '' }, { input: 'short' }, { input: 'AK 1' }, { input: AK }, { input: 'sk' }, { input: SK }, { input: ' st ' }]);
    assert.deepEqual(steps(prompter), ['0/0', '1/3', '1/3', '1/3', '1/3', '2/3', '2/3', '3/3']);
    assert.deepEqual(prompter.shown.map((s) => s.validationMessage).filter(Boolean), [
      'Access key is required.',
      'An access key ID is 20 capital letters and digits (5 typed).',
      'Access key must not contain spaces.',
      'A secret access key is 40 characters (2 typed).',
    ]);
    assert.deepEqual(sent(), [{ kind: 'aksk', accessKey: AK, secretKey: SK, securityToken: 'st' }]);
  });

  it('defect 12: a wrong password keeps the wizard on the password step with the reason; account and user are not asked again', async () => {
    const { prompter, sent, ok } = await run([kind('password'), { input: 'acme' }, { input: 'ops' }, { input: 'wrong' }, { input: 'right' }], ['ap-southeast-1'], refused());
    assert.equal(ok, true);
    assert.deepEqual(prompter.shown.map((s) => s.prompt ?? s.type), ['pick', 'Account (domain) name', 'IAM user name', 'Password of ops', 'Password of ops']);
    assert.deepEqual(steps(prompter), ['0/0', '1/3', '2/3', '3/3', '3/3'], 'the same step, numbered the same');
    const message = prompter.shown[4]?.message ?? '';
    assert.match(message, /The cloud refused these credentials: The username or password is wrong\. \(HTTP 401, request id req-0123\)/);
    assert.match(message, /Check the password/);
    assert.ok(!message.includes('iam.createToken'), 'no internal operation name');
    assert.ok(!/Sign in again/.test(message), 'no advice to do what the user is doing');
    assert.deepEqual(sent().map((c) => (c as { password: string }).password), ['wrong', 'right']);
    assert.deepEqual(recorded.notifications.map((n) => n.message), ['Signed in to CN-Hong Kong.']);
  });

  it('defect 12: Esc after a refusal ends the sign-in without another message', async () => {
    const { ok } = await run([kind('token'), { input: 't' }, 'cancel'], ['ap-southeast-1'], refused('verify token fail'));
    assert.equal(ok, false);
    assert.deepEqual(recorded.notifications, []);
  });

  it('defect 2: with no region configured, regions are picked by name (several), passed to the check, and not written by the wizard', async () => {
    const { prompter, chosen } = await run([kind('token'), { pickMany: (i) => i.value === 'ap-southeast-1' || i.value === 'ap-southeast-3' }, { input: 't' }], []);
    assert.deepEqual(steps(prompter), ['0/0', '1/2', '2/2']);
    assert.equal(prompter.shown[1]?.type, 'pickMany');
    assert.ok(prompter.shown[1]?.items?.includes('CN-Hong Kong') && prompter.shown[1]?.items?.includes('AP-Singapore'), 'display names');
    assert.ok(!prompter.shown[1]?.items?.includes('Germany (eu-de)'), 'only the cloud\'s own regions');
    assert.deepEqual(chosen(), [['ap-southeast-1', 'ap-southeast-3']]);
    assert.equal(workspace.getConfiguration('cbr').get('regions'), undefined, 'the connection saves them, and only on success');
  });

  it('defect 2: a custom region is typed with a shape check; the 401 that follows says the region may be wrong', async () => {
    const { prompter, chosen } = await run(
      [kind('password'), { pickMany: (i) => i.label === 'Other region…' }, { input: 'Nowhere 9' }, { input: 'ap-southeast-9' }, { input: 'acme' }, { input: 'ops' }, { input: 'pw' }, 'cancel'],
      [],
      refused('The request you have made requires authentication.'),
    );
    assert.equal(prompter.shown[2]?.validationMessage, '"Nowhere" is not a region id; a region id looks like ap-southeast-1 or eu-de.');
    assert.deepEqual(chosen(), [['ap-southeast-9']]);
    assert.match(prompter.shown.at(-1)?.message ?? '', /The region may be wrong too \(ap-southeast-9\)/);
  });

  it('a failure that is not a refusal is told on the same step, with its advice', async () => {
    const timeout = new CloudApiError({ kind: 'timeout', operation: 'cbr.listVaults', message: 'The cloud did not answer within 30 s.' });
    const { prompter, ok } = await run([kind('token'), { input: 't' }, { input: 't' }], ['ap-southeast-1'], timeout);
    assert.equal(ok, true);
    assert.match(prompter.shown[2]?.message ?? '', /^The credentials could not be checked: The cloud did not answer within 30 s\. Check the network/);
  });

  it('Back from the account returns to the kind, and the typed account is shown again', async () => {
    const { prompter, sent } = await run([kind('password'), { input: 'acme' }, 'back', 'back', kind('password'), { input: 'acme2' }, { input: 'ops' }, { input: 'pw' }]);
    assert.deepEqual(prompter.shown.map((s) => s.type), ['pick', 'input', 'input', 'input', 'pick', 'input', 'input', 'input']);
    assert.deepEqual(prompter.shown.filter((s) => s.prompt === 'Account (domain) name').map((s) => s.value), [undefined, 'acme', 'acme']);
    assert.equal((sent()[0] as { domainName: string }).domainName, 'acme2');
  });

  it('cancelling sends nothing and says nothing', async () => {
    const { sent, ok } = await run([kind('aksk'), 'cancel']);
    assert.equal(ok, false);
    assert.deepEqual(sent(), []);
    assert.deepEqual(recorded.notifications, []);
  });

  it('the auth slice signs in through the prompter of the moment and signs out', async () => {
    const fake = fakeConnection(['ap-southeast-1']);
    let prompter = new ScriptedPrompter([]);
    const slice = authCommands({ connection: fake.connection, prompter: () => prompter, logger: new Logger('test') });
    assert.deepEqual(Object.keys(slice).sort(), ['cbr.addRegions', 'cbr.signIn', 'cbr.signOut']);
    prompter = new ScriptedPrompter([kind('token'), { input: 't' }]);
    assert.equal(await slice['cbr.signIn'](), true);
    await slice['cbr.signOut']();
    assert.equal(fake.signedOut(), 1);
    assert.equal(recorded.notifications.at(-1)?.message, 'Signed out of Cloud Backup and Recovery.');
  });
});
