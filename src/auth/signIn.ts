import * as vscode from 'vscode';
import { Credentials } from '../api';
import { describeError, isUserCancellation } from '../common/errors';
import { Logger } from '../common/logger';
import { CONFIG_SECTION } from '../constants';
import { BACK, isBack, type Prompter } from '../ui/prompter';
import { inputStep, pickStep, runWizard, type WizardStep } from '../ui/wizard';
import { CloudConnection } from './connection';

type Kind = Credentials['kind'];

export interface SignInState {
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

/** The part of the connection sign-in uses (unit tests pass a fake). */
export type SignInConnection = Pick<CloudConnection, 'cloudSettings' | 'signIn'>;

/** Until a kind is picked, the count assumes the first one offered (password). */
const kindIs = (kind: Kind) => (s: SignInState): boolean => (s.kind ?? 'password') === kind;

/** The questions of sign-in, one step each; the region only when none is configured. */
function signInSteps(needsRegion: boolean): WizardStep<SignInState>[] {
  return [
    inputStep({
      when: () => needsRegion,
      prompt: vscode.l10n.t('Region to manage, for example ap-southeast-1 or eu-de'),
      validate: (v) => (REGION_PATTERN.test(v.trim()) ? undefined : vscode.l10n.t('Enter a region id such as ap-southeast-1.')),
      keep: (s, region) => (s.region = region.trim()),
    }),
    pickStep<SignInState, Kind>({
      placeholder: vscode.l10n.t('How do you want to sign in?'),
      items: () => [
        { label: vscode.l10n.t('IAM user password'), detail: vscode.l10n.t('Account (domain) name, IAM user name and password; exchanged for a token that is renewed automatically.'), value: 'password' },
        { label: vscode.l10n.t('Access key (AK/SK)'), detail: vscode.l10n.t('Every request is signed; add a security token for temporary keys.'), value: 'aksk' },
        { label: vscode.l10n.t('IAM token'), detail: vscode.l10n.t('A project-scoped token (valid for 24 hours).'), value: 'token' },
      ],
      keep: (s, kind) => (s.kind = kind),
    }),
    inputStep({ when: kindIs('token'), password: true, prompt: vscode.l10n.t('IAM token (the X-Subject-Token value)'), validate: noWhitespace(vscode.l10n.t('Token')), keep: (s, token) => (s.token = token.trim()) }),
    inputStep({ when: kindIs('password'), prompt: vscode.l10n.t('Account (domain) name'), validate: required(vscode.l10n.t('Account name')), keep: (s, domain) => (s.domainName = domain.trim()) }),
    inputStep({ when: kindIs('password'), prompt: vscode.l10n.t('IAM user name'), validate: required(vscode.l10n.t('User name')), keep: (s, user) => (s.userName = user.trim()) }),
    {
      when: kindIs('password'),
      // The prompt names the user typed the step before.
      prompt: async (s, ask) => {
        const password = await ask.input({ password: true, prompt: vscode.l10n.t('Password of {0}', s.userName ?? ''), validate: required(vscode.l10n.t('Password')) });
        if (isBack(password)) {
          return BACK;
        }
        s.password = password;
        return undefined;
      },
    },
    inputStep({ when: kindIs('aksk'), prompt: vscode.l10n.t('Access key ID (AK)'), validate: noWhitespace(vscode.l10n.t('Access key')), keep: (s, ak) => (s.accessKey = ak.trim()) }),
    inputStep({ when: kindIs('aksk'), password: true, prompt: vscode.l10n.t('Secret access key (SK)'), validate: noWhitespace(vscode.l10n.t('Secret key')), keep: (s, sk) => (s.secretKey = sk.trim()) }),
    inputStep({
      when: kindIs('aksk'),
      password: true,
      prompt: vscode.l10n.t('Security token, for temporary keys only (leave empty otherwise)'),
      keep: (s, token) => (s.securityToken = token.trim() || undefined),
    }),
  ];
}

/**
 * `cbr.signIn`: choose a credential kind, enter the values in masked boxes, verify them against
 * the cloud, and store them in SecretStorage only if the cloud accepted them.
 */
export async function signIn(connection: SignInConnection, prompter: Prompter, logger: Logger): Promise<boolean> {
  const needsRegion = connection.cloudSettings.regions.length === 0;
  const state = await runWizard<SignInState>(prompter, {}, { title: vscode.l10n.t('Sign in to Cloud Backup and Recovery'), steps: signInSteps(needsRegion) });
  if (!state) {
    return false;
  }
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
