import { strict as assert } from 'node:assert';
import type { Credentials } from '../../../src/api';
import { authCommands } from '../../../src/auth/commands';
import { signIn, type SignInConnection } from '../../../src/auth/signIn';
import type { CloudSettings } from '../../../src/config/settings';
import { Logger } from '../../../src/common/logger';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';
import { recorded, workspace } from '../vscode/stub';

function fakeConnection(regions: string[], fail?: Error) {
  const sent: Credentials[] = [];
  let signedOut = 0;
  const connection: SignInConnection & { signOut(): Promise<void> } = {
    cloudSettings: { cloud: 'huaweicloud', regions, projectIds: {}, endpoints: {}, requestTimeoutMs: 30_000 } satisfies CloudSettings,
    signIn: (credentials: Credentials) => {
      sent.push(credentials);
      return fail ? Promise.reject(fail) : Promise.resolve((regions.length ? regions : ['eu-de']).map((region) => ({ region, projectId: `p-${region}` })));
    },
    signOut: () => (signedOut++, Promise.resolve()),
  };
  return { connection, sent, signedOut: () => signedOut };
}

const kind = (value: string): Answer => ({ pick: (i) => i.value === value });
const steps = (p: ScriptedPrompter) => p.shown.map((s) => `${s.step}/${s.totalSteps}`);

async function run(answers: Answer[], regions = ['ap-southeast-1'], fail?: Error) {
  const fake = fakeConnection(regions, fail);
  const prompter = new ScriptedPrompter(answers);
  const ok = await signIn(fake.connection, prompter, new Logger('test'));
  assert.equal(prompter.remaining, 0, 'every answer was used');
  return { ...fake, prompter, ok };
}

describe('unit: sign-in steps', () => {
  it('token: kind and token, two steps, masked', async () => {
    const { prompter, sent, ok } = await run([kind('token'), { input: 'tok123' }]);
    assert.equal(ok, true);
    assert.deepEqual(steps(prompter), ['1/4', '2/2']);
    assert.equal(prompter.shown[1]?.password, true);
    assert.deepEqual(sent, [{ kind: 'token', token: 'tok123' }]);
  });

  it('password: kind, account, user and password, one step each', async () => {
    const { prompter, sent } = await run([kind('password'), { input: 'acme' }, { input: 'ops' }, { input: 's3cret' }]);
    assert.deepEqual(steps(prompter), ['1/4', '2/4', '3/4', '4/4']);
    assert.deepEqual(prompter.shown.map((s) => s.prompt ?? s.type), ['pick', 'Account (domain) name', 'IAM user name', 'Password of ops']);
    assert.deepEqual(prompter.shown.map((s) => s.password ?? false), [false, false, false, true]);
    assert.deepEqual(sent, [{ kind: 'password', domainName: 'acme', userName: 'ops', password: 's3cret' }]);
  });

  it('AK/SK: kind, AK, SK and security token, validated as typed', async () => {
    const { prompter, sent } = await run([kind('aksk'), { input: '' }, { input: 'AK 1' }, { input: 'AK1' }, { input: 'SK1' }, { input: ' st ' }]);
    assert.deepEqual(steps(prompter), ['1/4', '2/4', '2/4', '2/4', '3/4', '4/4']);
    assert.deepEqual(prompter.shown.map((s) => s.validationMessage).filter(Boolean), ['Access key is required.', 'Access key must not contain spaces.']);
    assert.deepEqual(sent, [{ kind: 'aksk', accessKey: 'AK1', secretKey: 'SK1', securityToken: 'st' }]);
  });

  it('asks for a region first only when none is configured, and saves it', async () => {
    const { prompter, sent } = await run([{ input: 'nowhere' }, { input: 'eu-de' }, kind('token'), { input: 't' }], []);
    assert.deepEqual(steps(prompter), ['1/5', '1/5', '2/5', '3/3']);
    assert.equal(prompter.shown[0]?.validationMessage, 'Enter a region id such as ap-southeast-1.');
    assert.deepEqual(workspace.getConfiguration('cbr').get('regions'), ['eu-de']);
    assert.equal(sent.length, 1);
  });

  it('Back from the account returns to the kind, and the typed account is shown again', async () => {
    const { prompter, sent } = await run([kind('password'), { input: 'acme' }, 'back', 'back', kind('password'), { input: 'acme2' }, { input: 'ops' }, { input: 'pw' }]);
    assert.deepEqual(prompter.shown.map((s) => s.type), ['pick', 'input', 'input', 'input', 'pick', 'input', 'input', 'input']);
    assert.deepEqual(prompter.shown.filter((s) => s.prompt === 'Account (domain) name').map((s) => s.value), [undefined, 'acme', 'acme']);
    assert.equal((sent[0] as { domainName: string }).domainName, 'acme2');
  });

  it('cancelling sends nothing and says nothing', async () => {
    const { sent, ok } = await run([kind('aksk'), 'cancel']);
    assert.equal(ok, false);
    assert.deepEqual(sent, []);
    assert.deepEqual(recorded.notifications, []);
  });

  it('a refused sign-in is told once, stores nothing, and resolves false', async () => {
    const { ok } = await run([kind('token'), { input: 't' }], ['ap-southeast-1'], new Error('The credentials were refused.'));
    assert.equal(ok, false);
    assert.deepEqual(recorded.notifications.map((n) => [n.severity, n.message]), [['error', 'Sign-in failed; nothing was stored. The credentials were refused.']]);
  });

  it('a successful sign-in names the regions and projects', async () => {
    await run([kind('token'), { input: 't' }]);
    assert.deepEqual(recorded.notifications.map((n) => n.message), ['Signed in to ap-southeast-1 (p-ap-southeast-1).']);
  });

  it('the auth slice signs in through the prompter of the moment and signs out', async () => {
    const fake = fakeConnection(['ap-southeast-1']);
    let prompter = new ScriptedPrompter([]);
    const slice = authCommands({ connection: fake.connection, prompter: () => prompter, logger: new Logger('test') });
    assert.deepEqual(Object.keys(slice).sort(), ['cbr.signIn', 'cbr.signOut']);
    prompter = new ScriptedPrompter([kind('token'), { input: 't' }]);
    assert.equal(await slice['cbr.signIn'](), true);
    await slice['cbr.signOut']();
    assert.equal(fake.signedOut(), 1);
    assert.equal(recorded.notifications.at(-1)?.message, 'Signed out of Cloud Backup and Recovery.');
  });
});
