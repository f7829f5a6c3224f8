import * as vscode from 'vscode';
import { CloudApiError, Credentials, knownRegions, regionDisplayName, type CloudKind } from '../api';
import { describeError, isUserCancellation, UserCancelledError } from '../common/errors';
import { Logger } from '../common/logger';
import { pickRegions } from '../config/regionPicker';
import { BACK, isBack, type Prompter } from '../ui/prompter';
import { inputStep, pickStep, runWizard, type InputQuestion, type WizardStep } from '../ui/wizard';
import { CloudConnection } from './connection';

type Kind = Credentials['kind'];

export interface SignInState {
  /** Regions picked during sign-in (when none is configured); saved only once the cloud accepted the credentials. */
  regions?: string[];
  kind?: Kind;
  token?: string;
  domainName?: string;
  userName?: string;
  password?: string;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  /** Where the cloud accepted the credentials (the last step sets it). */
  verified?: { region: string; projectId: string }[];
}

/** An access key id: 20 capital letters and digits; a secret key: 40 characters (Huawei Cloud and OTC IAM). */
const ACCESS_KEY_SHAPE = /^[A-Z0-9]{20}$/;
const SECRET_KEY_LENGTH = 40;

function required(label: string): (v: string) => string | undefined {
  return (v) => (v.trim().length === 0 ? vscode.l10n.t('{0} is required.', label) : undefined);
}

function noWhitespace(label: string): (v: string) => string | undefined {
  return (v) => required(label)(v) ?? (/\s/.test(v.trim()) ? vscode.l10n.t('{0} must not contain spaces.', label) : undefined);
}

function checkAccessKey(v: string): string | undefined {
  return noWhitespace(vscode.l10n.t('Access key'))(v) ?? (ACCESS_KEY_SHAPE.test(v.trim()) ? undefined : vscode.l10n.t('An access key ID is 20 capital letters and digits ({0} typed).', v.trim().length));
}

function checkSecretKey(v: string): string | undefined {
  return noWhitespace(vscode.l10n.t('Secret key'))(v) ?? (v.trim().length === SECRET_KEY_LENGTH ? undefined : vscode.l10n.t('A secret access key is 40 characters ({0} typed).', v.trim().length));
}

/** The part of the connection sign-in uses (unit tests pass a fake). */
export type SignInConnection = Pick<CloudConnection, 'cloudSettings' | 'signIn'>;

const kindIs = (kind: Kind) => (s: SignInState): boolean => s.kind === kind;

/**
 * The last step of each flow: asks its question, then checks the credentials with the cloud.
 * A refusal keeps the wizard on this step with the reason (what was typed before stays, and Back
 * reaches it); only a success ends the wizard.
 */
function verifyingStep(o: {
  when: (s: SignInState) => boolean;
  question: (s: SignInState) => InputQuestion;
  keep: (s: SignInState, value: string) => void;
  verify: (s: SignInState) => Promise<{ region: string; projectId: string }[]>;
  refusal: (s: SignInState, err: unknown) => string;
}): WizardStep<SignInState> {
  return {
    when: o.when,
    async prompt(s, ask) {
      let message: string | undefined;
      for (;;) {
        const answer = await ask.input({ ...o.question(s), message });
        if (isBack(answer)) {
          return BACK;
        }
        o.keep(s, answer);
        try {
          s.verified = await o.verify(s);
          return undefined;
        } catch (err) {
          if (isUserCancellation(err)) {
            throw new UserCancelledError();
          }
          message = o.refusal(s, err);
        }
      }
    },
  };
}

/** The questions of sign-in: how (not numbered: it decides the rest), the regions when none is configured, then the credentials. */
function signInSteps(needsRegion: boolean, cloud: CloudKind, verify: (s: SignInState) => Promise<{ region: string; projectId: string }[]>, refusal: (s: SignInState, err: unknown) => string): WizardStep<SignInState>[] {
  return [
    {
      ...pickStep<SignInState, Kind>({
        placeholder: vscode.l10n.t('How do you want to sign in?'),
        items: () => [
          { label: vscode.l10n.t('IAM user password'), detail: vscode.l10n.t('Account (domain) name, IAM user name and password; exchanged for a token that is renewed automatically.'), value: 'password' },
          { label: vscode.l10n.t('Access key (AK/SK)'), detail: vscode.l10n.t('Every request is signed; add a security token for temporary keys.'), value: 'aksk' },
          { label: vscode.l10n.t('IAM token'), detail: vscode.l10n.t('A project-scoped token (valid for 24 hours).'), value: 'token' },
        ],
        keep: (s, kind) => (s.kind = kind),
      }),
      unnumbered: true,
    },
    {
      when: () => needsRegion,
      async prompt(s, ask) {
        const regions = await pickRegions(ask, cloud);
        if (isBack(regions)) {
          return BACK;
        }
        s.regions = regions;
        return undefined;
      },
    },
    verifyingStep({
      when: kindIs('token'),
      question: () => ({ password: true, prompt: vscode.l10n.t('IAM token (the X-Subject-Token value)'), validate: noWhitespace(vscode.l10n.t('Token')) }),
      keep: (s, token) => (s.token = token.trim()),
      verify,
      refusal,
    }),
    inputStep({ when: kindIs('password'), prompt: vscode.l10n.t('Account (domain) name'), validate: required(vscode.l10n.t('Account name')), keep: (s, domain) => (s.domainName = domain.trim()) }),
    inputStep({ when: kindIs('password'), prompt: vscode.l10n.t('IAM user name'), validate: required(vscode.l10n.t('User name')), keep: (s, user) => (s.userName = user.trim()) }),
    verifyingStep({
      when: kindIs('password'),
      // The prompt names the user typed the step before.
      question: (s) => ({ password: true, prompt: vscode.l10n.t('Password of {0}', s.userName ?? ''), validate: required(vscode.l10n.t('Password')) }),
      keep: (s, password) => (s.password = password),
      verify,
      refusal,
    }),
    inputStep({ when: kindIs('aksk'), prompt: vscode.l10n.t('Access key ID (AK)'), validate: checkAccessKey, keep: (s, ak) => (s.accessKey = ak.trim()) }),
    inputStep({ when: kindIs('aksk'), password: true, prompt: vscode.l10n.t('Secret access key (SK)'), validate: checkSecretKey, keep: (s, sk) => (s.secretKey = sk.trim()) }),
    verifyingStep({
      when: kindIs('aksk'),
      question: () => ({ password: true, prompt: vscode.l10n.t('Security token, for temporary keys only (leave empty otherwise)') }),
      keep: (s, token) => (s.securityToken = token.trim() || undefined),
      verify,
      refusal,
    }),
  ];
}

/**
 * Why the cloud refused, in words, for the step that is asked again: the cloud's reason, code and
 * request id, what to check for this kind of credential, and the region when it may be the cause
 * (IAM refuses a password sign-in scoped to a region where the account has no project).
 */
export function refusalMessage(s: SignInState, err: unknown, cloud: CloudKind, configured: readonly string[]): string {
  if (!(err instanceof CloudApiError) || err.kind !== 'auth') {
    return vscode.l10n.t('The credentials could not be checked: {0}', describeError(err));
  }
  const parts = [vscode.l10n.t('The cloud refused these credentials: {0}', describeError(err, { advice: false }))];
  parts.push(
    s.kind === 'password'
      ? vscode.l10n.t('Check the password; Back corrects the account or user name.')
      : s.kind === 'aksk'
        ? vscode.l10n.t('Check the access key and the secret key (Back), and the security token for temporary keys.')
        : vscode.l10n.t('Check that the token is whole and has not expired.'),
  );
  const known = cloud === 'custom' ? undefined : knownRegions(cloud);
  const doubtful = s.regions ?? configured.filter((r) => known !== undefined && !known.includes(r));
  if (doubtful.length > 0) {
    parts.push(vscode.l10n.t('The region may be wrong too ({0}): a region where the account has no project is refused the same way.', doubtful.join(', ')));
  }
  return parts.join(' ');
}

/**
 * `cbr.signIn`: choose a credential kind, enter the values in masked boxes, verify them against
 * the cloud, and store them in SecretStorage only if the cloud accepted them. Regions picked here
 * are saved only then too.
 */
export async function signIn(connection: SignInConnection, prompter: Prompter, logger: Logger): Promise<boolean> {
  const settings = connection.cloudSettings;
  const needsRegion = settings.regions.length === 0;
  const verify = (s: SignInState): Promise<{ region: string; projectId: string }[]> => {
    const credentials = toCredentials(s);
    return Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with the cloud…'), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        try {
          return await connection.signIn(credentials, abort.signal, s.regions);
        } catch (err) {
          if (!isUserCancellation(err)) {
            logger.warn(`Sign-in failed: ${describeError(err)}`);
          }
          throw err;
        }
      },
    ));
  };
  const refusal = (s: SignInState, err: unknown): string => refusalMessage(s, err, settings.cloud, settings.regions);
  const state = await runWizard<SignInState>(prompter, {}, { title: vscode.l10n.t('Sign in to Cloud Backup and Recovery'), steps: signInSteps(needsRegion, settings.cloud, verify, refusal) });
  if (!state?.verified) {
    return false;
  }
  const where = state.verified.map((v) => `${v.region} (${v.projectId})`).join(', ');
  logger.info(`Signed in with ${state.kind ?? ''} credentials to ${where}`);
  const names = state.verified.map((v) => regionDisplayName(v.region) ?? v.region).join(', ');
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0}.', names));
  return true;
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
