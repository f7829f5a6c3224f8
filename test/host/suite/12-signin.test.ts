import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import { demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

/** Issue 10's sign-in defects, in the real VS Code against the emulator. */
describe('Extension shell: sign-in and settings states (issue 10)', () => {
  let api: CbrExplorerTestApi;
  const config = () => vscode.workspace.getConfiguration('cbr');
  const pickKind = (value: string): Answer => ({ pick: (i) => i.value === value });
  const steps = (p: ScriptedPrompter) => p.shown.map((s) => `${s.step}/${s.totalSteps}`);
  const globalRegions = () => config().inspect<string[]>('regions')?.globalValue;

  async function run(command: string, answers: Answer[]): Promise<ScriptedPrompter> {
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return prompter;
  }

  async function setRegions(regions: string[]): Promise<void> {
    await config().update('regions', regions, vscode.ConfigurationTarget.Global);
    await waitFor(`cbr.regions = ${regions.join(',')}`, () => api.connection.regions.join(',') === regions.join(','));
  }

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    await emulator.clearFaults();
  });

  after(async () => {
    await config().update('cloud', 'custom', vscode.ConfigurationTarget.Global);
    await setRegions([demo.region]);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  it('defect 12: a wrong password keeps the wizard on the password step with the reason; the account and user are not typed again', async () => {
    await api.connection.signOut();
    const prompter = await run('cbr.signIn', [pickKind('password'), { input: demo.domainName }, { input: demo.userName }, { input: 'wrong-password-123' }, { input: demo.password }]);
    assert.deepEqual(prompter.shown.map((s) => s.prompt ?? s.type), ['pick', 'Account (domain) name', 'IAM user name', `Password of ${demo.userName}`, `Password of ${demo.userName}`]);
    assert.deepEqual(steps(prompter), ['0/0', '1/3', '2/3', '3/3', '3/3'], 'the same step, numbered the same');
    const message = prompter.shown[4]?.message ?? '';
    assert.match(message, /^The cloud refused these credentials: .*\(.*HTTP 401, request id [0-9a-f]{32}\)/);
    assert.match(message, /Check the password/);
    assert.ok(!/iam\.|createToken|http:\/\//.test(message), `no internal names: ${message}`);
    assert.equal(api.connection.state.kind, 'signedIn', 'the corrected password signed in');
  });

  it('defect 12: the step counter is right in the token and AK/SK flows, and the AK box refuses "short" as typed', async () => {
    const token = await run('cbr.signIn', [pickKind('token'), { input: demo.token }]);
    assert.deepEqual(steps(token), ['0/0', '1/1']);
    const aksk = await run('cbr.signIn', [pickKind('aksk'), { input: 'short' }, { input: demo.accessKey }, { input: 'short' }, { input: demo.secretKey }, { input: '' }]);
    assert.deepEqual(steps(aksk), ['0/0', '1/3', '1/3', '2/3', '2/3', '3/3']);
    assert.deepEqual(aksk.shown.map((s) => s.validationMessage).filter(Boolean), ['An access key ID is 20 capital letters and digits (5 typed).', 'A secret access key is 40 characters (5 typed).']);
    assert.equal((await api.credentialStore.read())?.credentials.kind, 'aksk');
  });

  it('defect 2: a failed sign-in saves no region, the 401 says the region may be wrong, and regions are picked by name', async () => {
    await api.connection.signOut();
    await setRegions([]);
    const failed = await run('cbr.signIn', [
      pickKind('password'),
      { pickMany: (i) => i.label === 'Other region…' },
      { input: 'ap-southeast-9' },
      { input: demo.domainName },
      { input: demo.userName },
      { input: demo.password },
      'cancel',
    ]);
    assert.deepEqual(steps(failed), ['0/0', '1/4', '1/4', '2/4', '3/4', '4/4', '4/4']);
    assert.match(failed.shown.at(-1)?.message ?? '', /HTTP 401.*The region may be wrong too \(ap-southeast-9\)/);
    assert.deepEqual(globalRegions(), [], 'nothing saved from the failed sign-in');
    assert.equal(await api.credentialStore.read(), undefined);

    const picked = await run('cbr.signIn', [pickKind('password'), { pickMany: (i) => i.label === 'CN-Hong Kong' || i.label === 'AP-Bangkok' }, { input: demo.domainName }, { input: demo.userName }, { input: demo.password }]);
    assert.equal(picked.shown[1]?.type, 'pickMany', 'several regions at once');
    await waitFor('the picked regions saved', () => api.connection.regions.length === 2);
    assert.deepEqual(globalRegions(), [demo.region, demo.secondRegion]);
    assert.equal(api.connection.state.kind, 'signedIn');
  });

  it('defect 3: emptying cbr.regions while signed in leaves no blank view: Create Vault says to add a region first, and Add Regions brings the view back', async () => {
    await setRegions([]);
    assert.equal(api.connection.state.kind, 'signedIn');
    assert.deepEqual(await api.explorer.getChildren(), [], 'no rows: the "No regions" welcome shows instead');
    const before = api.actionMessages().length;
    await run('cbr.createVault', []); // no question asked
    const said = api.actionMessages().slice(before);
    assert.deepEqual(said.map((m) => [m.severity, m.message, m.actions]), [['warning', 'Add a region first: the setting cbr.regions names none.', ['Add Regions']]]);
    assert.ok(!said.some((m) => /undefined/.test(m.message)));

    await run('cbr.addRegions', [{ pickMany: (i) => i.label === 'CN-Hong Kong' }]);
    await waitFor('the region added', () => api.connection.regions.length === 1);
    assert.deepEqual(globalRegions(), [demo.region]);
    assert.ok((await api.explorer.getChildren()).length > 0, 'the vaults are listed again');
  });

  it('defect 19: a vault expanded before a sign-in is expanded after it; details tabs close on sign-out', async () => {
    await setRegions([demo.region]);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    api.explorer.refresh();
    await vscode.commands.executeCommand('cbr.explorer.focus'); // the rows are drawn: VS Code expands what it shows
    const vault = await waitFor('a vault row', async () => {
      const rows = await api.explorer.getChildren();
      return rows.find((n) => n.kind === 'vault');
    }, 15_000);
    await api.treeView.reveal(vault, { expand: true });
    await waitFor('the expansion seen', () => api.explorer.getTreeItem(vault).collapsibleState === vscode.TreeItemCollapsibleState.Expanded);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    const again = await waitFor('the vault row again', async () => (await api.explorer.getChildren()).find((n) => n.id === vault.id));
    assert.equal(api.explorer.getTreeItem(again).collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'opens as it was');

    await vscode.commands.executeCommand('cbr.showDetails', again);
    const detailsTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'cbr-details');
    await waitFor('the details tab open', () => detailsTabs().length > 0);
    await vscode.commands.executeCommand('cbr.signOut');
    await waitFor('the details tabs closed on sign-out', () => detailsTabs().length === 0);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  it('Who am I: the view\'s description and cbr.whoAmI name the account, user, kind of credential and the project of each region', async () => {
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    await waitFor('the description names the user', () => api.treeView.description === `${demo.userName} @ ${demo.domainName}`);
    const who = await api.whoAmI.identity();
    assert.equal(who?.kind, 'password');
    assert.equal(who?.account, demo.domainName);
    assert.equal(who?.user, demo.userName);
    assert.deepEqual(who?.projects.map((p) => p.region), [demo.region]);
    assert.match(who?.projects[0]?.projectId ?? '', /^[0-9a-f]{32}$/);
  });

  it('Who am I: a pasted token shows its owner and expiry, and warns once, 10 min before it expires', async () => {
    await emulator.setTiming({ tokenTtlMs: 5 * 60_000 });
    try {
      const iam = vscode.workspace.getConfiguration('cbr').get<{ iam: string }>('endpoints')?.iam ?? '';
      const response = await fetch(`${iam}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: demo.userName, password: demo.password, domain: { name: demo.domainName } } } }, scope: { project: { name: demo.region } } } }),
      });
      const token = response.headers.get('x-subject-token') ?? '';
      assert.ok(token, 'the emulator issued a token');
      const before = api.actionMessages().length;
      await run('cbr.signIn', [pickKind('token'), { input: token }]);
      await waitFor('the description names the token\'s user and expiry', () => String(api.treeView.description ?? '').startsWith(`token of ${demo.userName}, until `));
      const who = await api.whoAmI.identity();
      assert.equal(who?.account, demo.domainName);
      const left = (who?.tokenExpiresAt?.getTime() ?? 0) - Date.now();
      assert.ok(left > 0 && left <= 5 * 60_000, `expires within the 5 min the emulator gives: ${left} ms`);
      const warning = await waitFor('the expiry warning', () => api.actionMessages().slice(before).find((m) => m.message.startsWith('Your IAM token expires at')));
      assert.deepEqual(warning.actions, ['Sign in']);
      await api.connection.reload();
      await waitFor('the description again', () => String(api.treeView.description ?? '').startsWith('token of'));
      assert.equal(api.actionMessages().slice(before).filter((m) => m.message.startsWith('Your IAM token expires at')).length, 1, 'warned once');
      assert.ok(!api.actionMessages().some((m) => m.message.includes(token)), 'the token is never in a message');
    } finally {
      await emulator.setTiming({ tokenTtlMs: 24 * 60 * 60_000 });
      await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    }
  });

  it('defect 13: changing cbr.cloud while signed in signs out and says why, with Sign in', async () => {
    assert.equal(api.connection.state.kind, 'signedIn');
    const before = api.actionMessages().length;
    await config().update('cloud', 'huaweicloud', vscode.ConfigurationTarget.Global);
    await waitFor('signed out by the cloud change', () => api.connection.state.kind === 'destinationChanged');
    const said = await waitFor('the reason told', () => api.actionMessages().slice(before).find((m) => m.severity === 'warning'));
    assert.equal(said.message, 'Signed out: cbr.cloud changed from custom to huaweicloud, and your credentials are only sent to the cloud they were checked with. Sign in to huaweicloud.');
    assert.deepEqual(said.actions, ['Sign in']);
    assert.deepEqual(await api.explorer.getChildren(), [], 'the view shows the sign-in welcome');
    await config().update('cloud', 'custom', vscode.ConfigurationTarget.Global);
    await waitFor('signed in again for the cloud the credentials were checked with', () => api.connection.state.kind === 'signedIn');
  });
});
