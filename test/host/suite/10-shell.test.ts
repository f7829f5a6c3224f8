import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import { demo, emulator } from '../emulatorAdmin';
import { activateExtension, EXTENSION_ID } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const SECRETS = [demo.password, demo.secretKey, demo.token];

async function signInWith(api: CbrExplorerTestApi, answers: Answer[]): Promise<ScriptedPrompter> {
  const prompter = new ScriptedPrompter(answers);
  api.setPrompter(prompter);
  await vscode.commands.executeCommand('cbr.signIn');
  assert.equal(prompter.remaining, 0, 'every scripted answer was used');
  return prompter;
}

const pickKind = (value: string): Answer => ({ pick: (i) => i.value === value });

describe('Extension shell', () => {
  let api: CbrExplorerTestApi;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    assert.equal(extension.isActive, false, 'nothing activates the extension before the user reaches for it');
    const manifest = extension.packageJSON as { activationEvents?: string[] };
    assert.ok(!(manifest.activationEvents ?? []).some((e) => e === '*' || e === 'onStartupFinished'), 'no eager activation');
    api = await activateExtension();
    await api.connection.signOut();
  });

  afterEach(async () => {
    await emulator.clearFaults();
  });

  it('starts signed out: the view shows the welcome, not vaults', async () => {
    assert.equal(api.connection.state.kind, 'signedOut');
    assert.deepEqual(await api.explorer.getChildren(), []);
  });

  it('signs in with an IAM user password through masked input boxes and stores it', async () => {
    const prompter = await signInWith(api, [pickKind('password'), { input: demo.domainName }, { input: demo.userName }, { input: demo.password }]);
    assert.equal(api.connection.state.kind, 'signedIn');
    const passwordPrompt = prompter.shown.find((p) => p.prompt?.startsWith('Password'));
    assert.equal(passwordPrompt?.password, true, 'the password box is masked');
    assert.deepEqual(prompter.shown.map((p) => `${p.step}/${p.totalSteps}`), ['0/0', '1/3', '2/3', '3/3'], 'the kind unnumbered; account, user and password: one step each');
    const stored = await api.credentialStore.read();
    assert.equal(stored?.credentials.kind, 'password');
    const roots = await api.explorer.getChildren();
    assert.ok(roots.length > 0, 'the view lists the vaults once signed in');
  });

  it('signs in with AK/SK; the emulator accepted the signed requests', async () => {
    await emulator.resetCounters();
    const prompter = await signInWith(api, [pickKind('aksk'), { input: demo.accessKey }, { input: demo.secretKey }, { input: '' }]);
    assert.deepEqual(prompter.shown.map((p) => `${p.step}/${p.totalSteps}`), ['0/0', '1/3', '2/3', '3/3'], 'the kind unnumbered; AK, SK and security token: one step each');
    assert.equal(api.connection.state.kind, 'signedIn');
    assert.equal((await api.credentialStore.read())?.credentials.kind, 'aksk');
    const requests = await emulator.requests('cbr.listVaults');
    const last = requests[requests.length - 1];
    assert.match(String(last?.headers.authorization ?? ''), /^SDK-HMAC-SHA256 Access=DEMOACCESSKEY0000001/);
  });

  it('signs in with an IAM token', async () => {
    const prompter = await signInWith(api, [pickKind('token'), { input: demo.token }]);
    assert.deepEqual(prompter.shown.map((p) => `${p.step}/${p.totalSteps}`), ['0/0', '1/1'], 'the count follows the kind picked');
    assert.equal(api.connection.state.kind, 'signedIn');
    assert.equal((await api.credentialStore.read())?.credentials.kind, 'token');
  });

  it('refuses a wrong password and stores nothing', async () => {
    await api.connection.signOut();
    await signInWith(api, [pickKind('password'), { input: demo.domainName }, { input: demo.userName }, { input: 'wrong-password-123' }, 'cancel']);
    assert.equal(api.connection.state.kind, 'signedOut');
    assert.equal(await api.credentialStore.read(), undefined);
    assert.ok(api.logLines().some((l) => /Sign-in failed/.test(l) && /401/.test(l)), 'the failure is logged with its status');
  });

  it('refuses a wrong secret key and stores nothing', async () => {
    await signInWith(api, [pickKind('aksk'), { input: demo.accessKey }, { input: 'not-the-secret-key-000000000000000000000' }, { input: '' }, 'cancel']);
    assert.equal(api.connection.state.kind, 'signedOut');
    assert.equal(await api.credentialStore.read(), undefined);
  });

  it('validates as the user types: an empty access key is refused before anything is sent', async () => {
    const prompter = await signInWith(api, [pickKind('aksk'), { input: '' }, { input: 'AK WITH SPACE' }, { input: demo.accessKey }, { input: demo.secretKey }, { input: '' }]);
    const messages = prompter.shown.map((p) => p.validationMessage).filter(Boolean);
    assert.deepEqual(messages, ['Access key is required.', 'Access key must not contain spaces.']);
    assert.equal(api.connection.state.kind, 'signedIn');
  });

  it('Back returns to the previous step', async () => {
    const prompter = await signInWith(api, [pickKind('token'), 'back', pickKind('password'), { input: demo.domainName }, { input: demo.userName }, { input: demo.password }]);
    assert.deepEqual(prompter.shown.map((p) => p.type), ['pick', 'input', 'pick', 'input', 'input', 'input']);
    assert.equal((await api.credentialStore.read())?.credentials.kind, 'password');
  });

  it('signing out clears SecretStorage and the signed-in state', async () => {
    await vscode.commands.executeCommand('cbr.signOut');
    assert.equal(await api.credentialStore.read(), undefined);
    assert.equal(api.connection.state.kind, 'signedOut');
    assert.deepEqual(await api.explorer.getChildren(), []);
  });

  it('never writes a secret to the log channel or its files', () => {
    const lines = api.logLines();
    assert.ok(lines.some((l) => /GET .*\/vaults/.test(l) && /request id [0-9a-f]{32}/.test(l)), 'requests are logged with their request id');
    for (const secret of SECRETS) {
      assert.ok(!lines.some((l) => l.includes(secret)), `the log does not contain ${secret.slice(0, 4)}…`);
    }
    const logDir = path.dirname(api.logUri.fsPath);
    const files = listFiles(path.dirname(logDir));
    assert.ok(files.length > 0, 'log files exist to scan');
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of SECRETS) {
        assert.ok(!text.includes(secret), `${path.basename(file)} does not contain a secret`);
      }
    }
  });
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
