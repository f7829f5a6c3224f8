import * as vscode from 'vscode';
import { Credentials } from '../api';
import { describeError, isUserCancellation } from '../common/errors';
import { Logger } from '../common/logger';
import { CONFIG_SECTION } from '../constants';
import { BACK, isBack, Prompter, runSteps } from '../ui/prompter';
import { CloudConnection } from './connection';

type Kind = Credentials['kind'];

interface SignInState {
  region?: string;
  kind?: Kind;
  token?: string;
  domainName?: string;
  userName?: string;
  password?: string;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
}

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;

function required(label: string): (v: string) => string | undefined {
  return (v) => (v.trim().length === 0 ? vscode.l10n.t('{0} is required.', label) : undefined);
}

function noWhitespace(label: string): (v: string) => string | undefined {
  return (v) => required(label)(v) ?? (/\s/.test(v) ? vscode.l10n.t('{0} must not contain spaces.', label) : undefined);
}

/**
 * `cbr.signIn`: choose a credential kind, enter the values in masked boxes, verify them against
 * the cloud, and store them in SecretStorage only if the cloud accepted them.
 */
export async function signIn(connection: CloudConnection, prompter: Prompter, logger: Logger): Promise<boolean> {
  const title = vscode.l10n.t('Sign in to Cloud Backup and Recovery');
  const needsRegion = connection.cloudSettings.regions.length === 0;
  const total = needsRegion ? 4 : 3;
  const offset = needsRegion ? 1 : 0;
  const steps: ((s: SignInState) => Promise<void | typeof BACK>)[] = [];
  if (needsRegion) {
    steps.push(async (s) => {
      const region = await prompter.input({
        title, step: 1, totalSteps: total,
        prompt: vscode.l10n.t('Region to manage, for example ap-southeast-1 or eu-de'),
        value: s.region,
        validate: (v) => (REGION_PATTERN.test(v.trim()) ? undefined : vscode.l10n.t('Enter a region id such as ap-southeast-1.')),
      });
      if (isBack(region)) {
        return BACK;
      }
      s.region = region.trim();
      return undefined;
    });
  }
  steps.push(async (s) => {
    const kind = await prompter.pick<Kind>({
      title, step: 1 + offset, totalSteps: total,
      placeholder: vscode.l10n.t('How do you want to sign in?'),
      items: [
        { label: vscode.l10n.t('IAM user password'), detail: vscode.l10n.t('Account (domain) name, IAM user name and password; exchanged for a token that is renewed automatically.'), value: 'password' },
        { label: vscode.l10n.t('Access key (AK/SK)'), detail: vscode.l10n.t('Every request is signed; add a security token for temporary keys.'), value: 'aksk' },
        { label: vscode.l10n.t('IAM token'), detail: vscode.l10n.t('A project-scoped token (valid for 24 hours).'), value: 'token' },
      ],
    });
    if (isBack(kind)) {
      return BACK;
    }
    s.kind = kind;
    return undefined;
  });
  steps.push(async (s) => askFirstValue(s, prompter, title, 2 + offset, total));
  steps.push(async (s) => askSecondValue(s, prompter, title, 3 + offset, total));

  const state = await runSteps<SignInState>({}, steps);
  const credentials = toCredentials(state);
  if (state.region) {
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update('regions', [state.region], vscode.ConfigurationTarget.Global);
  }
  try {
    const verified = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with the cloud…'), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return connection.signIn(credentials, abort.signal);
      },
    );
    const where = verified.map((v) => `${v.region} (${v.projectId})`).join(', ');
    logger.info(`Signed in with ${credentials.kind} credentials to ${where}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0}.', where));
    return true;
  } catch (err) {
    if (isUserCancellation(err)) {
      return false;
    }
    logger.warn(`Sign-in failed: ${describeError(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Sign-in failed; nothing was stored. {0}', describeError(err)));
    return false;
  }
}

/** Step 2: token, account name, or access key. */
async function askFirstValue(s: SignInState, prompter: Prompter, title: string, step: number, totalSteps: number): Promise<void | typeof BACK> {
  if (s.kind === 'token') {
    const token = await prompter.input({ title, step, totalSteps, password: true, prompt: vscode.l10n.t('IAM token (the X-Subject-Token value)'), validate: noWhitespace(vscode.l10n.t('Token')) });
    if (isBack(token)) {
      return BACK;
    }
    s.token = token.trim();
  } else if (s.kind === 'password') {
    const domain = await prompter.input({ title, step, totalSteps, prompt: vscode.l10n.t('Account (domain) name'), value: s.domainName, validate: required(vscode.l10n.t('Account name')) });
    if (isBack(domain)) {
      return BACK;
    }
    s.domainName = domain.trim();
    const user = await prompter.input({ title, step, totalSteps, prompt: vscode.l10n.t('IAM user name'), value: s.userName, validate: required(vscode.l10n.t('User name')) });
    if (isBack(user)) {
      return BACK;
    }
    s.userName = user.trim();
  } else {
    const ak = await prompter.input({ title, step, totalSteps, prompt: vscode.l10n.t('Access key ID (AK)'), value: s.accessKey, validate: noWhitespace(vscode.l10n.t('Access key')) });
    if (isBack(ak)) {
      return BACK;
    }
    s.accessKey = ak.trim();
  }
}

/** Step 3: password, or secret key and optional security token. */
async function askSecondValue(s: SignInState, prompter: Prompter, title: string, step: number, totalSteps: number): Promise<void | typeof BACK> {
  if (s.kind === 'token') {
    return;
  }
  if (s.kind === 'password') {
    const password = await prompter.input({ title, step, totalSteps, password: true, prompt: vscode.l10n.t('Password of {0}', s.userName ?? ''), validate: required(vscode.l10n.t('Password')) });
    if (isBack(password)) {
      return BACK;
    }
    s.password = password;
    return;
  }
  const sk = await prompter.input({ title, step, totalSteps, password: true, prompt: vscode.l10n.t('Secret access key (SK)'), validate: noWhitespace(vscode.l10n.t('Secret key')) });
  if (isBack(sk)) {
    return BACK;
  }
  s.secretKey = sk.trim();
  const securityToken = await prompter.input({ title, step, totalSteps, password: true, prompt: vscode.l10n.t('Security token, for temporary keys only (leave empty otherwise)') });
  if (isBack(securityToken)) {
    return BACK;
  }
  s.securityToken = securityToken.trim() || undefined;
}

function toCredentials(s: SignInState): Credentials {
  switch (s.kind) {
    case 'token':
      return { kind: 'token', token: s.token ?? '' };
    case 'password':
      return { kind: 'password', domainName: s.domainName ?? '', userName: s.userName ?? '', password: s.password ?? '' };
    default:
      return { kind: 'aksk', accessKey: s.accessKey ?? '', secretKey: s.secretKey ?? '', ...(s.securityToken ? { securityToken: s.securityToken } : {}) };
  }
}
