/**
 * Reliability (issue 8, "Tests and figures"), in a real VS Code through the extension's own code:
 * 1. every write action under the faults that matter: what the user is told is true of the
 *    server, and doing what the message suggests (running the action again) never makes two;
 * 2. a secrets scan: each credential kind, reads, writes and polls under faults whose error bodies
 *    echo the secrets; the log, every message, the tree's errors, settings and globalState hold none.
 * With CBR_WRITE_RELIABILITY=1 the results go to test-results/reliability/ (docs/reliability.md).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { Credentials } from '../../../src/api';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { demo, emulator, emulatorUrl, type Fault } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';
import { saveResults, writingReliability, type ActionResult } from '../../integration/faultMatrix/report';
import { isSignature, secretFormIn } from '../../integration/faultMatrix/secrets';

/** The request timeout for this suite (the smallest the setting allows); the delay fault holds a write longer. */
const TIMEOUT_S = 1;
const DELAY_MS = 2_500;
/** How long to wait for a final word after an action (a reconciliation may keep looking). */
const SETTLE_MS = 20_000;
const SLOW_MS = 10 * 60_000;
/**
 * Lets the seed's work finish after a reset, keeping the emulator's clock within the clock skew
 * the extension allows (5 min): a clock further ahead would hide what it made from "created since".
 */
const FINISH_MS = 60_000;
/** The window in which an unconfirmed write is looked for (and a second one refused): shorter than SETTLE_MS, so no case inherits one. */
const WINDOW_S = 15;

/** An internal operation name (`cbr.createVault`) has no place in what a user reads. */
const OPERATION_NAME = /\b(cbr|gaussdb|iam)\.[a-z]+[A-Z][A-Za-z]*/;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function adminGet<T>(path: string): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/__admin/${path}`);
  if (!res.ok) {
    throw new Error(`emulator admin GET ${path}: HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

interface RegionState {
  vaults: { name: string; resources: { name?: string }[] }[];
  backups: { name: string; checkpoint_id: string }[];
  gaussdb: { backups: { name: string }[] };
}
async function regionState(): Promise<RegionState> {
  const state = await adminGet<{ regions: Record<string, RegionState> }>('state');
  const r = state.regions[demo.region];
  assert.ok(r, 'the emulator has the demo region');
  return r;
}

const pick = (label: string): Answer => ({ pick: (i) => i.label === label });
const pickValue = (value: unknown): Answer => ({ pick: (i) => i.value === value });

interface ActionCase {
  id: string;
  label: string;
  command: string;
  /** The palette flow, answered as a user would. */
  answers(name: string): Answer[];
  faultOp: string;
  /**
   * Makes new backups first: the emulator's reset brings the seed's backup ids back, and the
   * window remembers the replications it started of those (it rightly takes them as earlier ones).
   */
  freshBackups?: boolean;
  /** A documented business code this write can be refused with, sent with HTTP 500 (OTC error tables). */
  businessCode: string;
  objects(name: string): Promise<number>;
}

const ACTIONS: ActionCase[] = [
  {
    id: 'cp',
    label: 'create restore point',
    command: 'cbr.createCheckpoint',
    answers: (name) => [pick('vault-prod-servers'), { input: name }, { input: '' }, pickValue(true)],
    faultOp: 'cbr.createCheckpoint',
    businessCode: 'BackupService.0002',
    objects: async (name) => new Set((await regionState()).backups.filter((b) => b.name === name).map((b) => b.checkpoint_id)).size,
  },
  {
    id: 'vault',
    label: 'create vault',
    command: 'cbr.createVault',
    answers: (name) => [{ input: name }, pickValue('disk'), { input: '10' }, pickValue(false)],
    faultOp: 'cbr.createVault',
    businessCode: 'BackupService.0002',
    objects: async (name) => (await regionState()).vaults.filter((v) => v.name === name).length,
  },
  {
    id: 'assoc',
    label: 'associate resources',
    command: 'cbr.addResources',
    answers: () => [pick('vault-staging'), { pickMany: (i) => i.label === 'batch-worker-01' }],
    faultOp: 'cbr.addResources',
    businessCode: 'BackupService.0002',
    objects: async () => (await regionState()).vaults.flatMap((v) => v.resources).filter((r) => r.name === 'batch-worker-01').length,
  },
  {
    id: 'repl',
    label: 'replicate',
    command: 'cbr.replicate',
    answers: () => [pick('vault-prod-servers'), pickValue(demo.secondRegion), pick('vault-dr-replica'), pickValue(false), { confirm: true }],
    faultOp: 'cbr.replicate',
    freshBackups: true,
    businessCode: 'BackupService.1005',
    objects: async () => (await adminGet<{ applied: number }>('applied?op=cbr.replicate')).applied,
  },
  {
    id: 'db',
    label: 'GaussDB manual backup',
    command: 'cbr.createInstanceBackup',
    answers: (name) => [pick('orders-db'), { input: name }, { input: '' }],
    faultOp: 'gaussdb.createBackup',
    businessCode: 'DBS.200086',
    objects: async (name) => (await regionState()).gaussdb.backups.filter((b) => b.name === name).length,
  },
];

interface FaultCase {
  id: string;
  label: string;
  spec(a: ActionCase): Fault;
  /** The write is held and lands this long after it was sent. */
  landsAfterMs?: number;
}

const FAULTS: FaultCase[] = [
  { id: 'dropAfter', label: 'drop after applying', spec: (a) => ({ op: a.faultOp, drop: true, afterApply: true }) },
  { id: 'delay', label: `delay past the timeout (${DELAY_MS} ms > ${TIMEOUT_S} s)`, spec: (a) => ({ op: a.faultOp, delayMs: DELAY_MS }), landsAfterMs: DELAY_MS },
  { id: 'code500', label: '500 with a business code', spec: (a) => ({ op: a.faultOp, status: 500, body: { error_code: a.businessCode, error_msg: 'The request was refused.' } }) },
  { id: 'nocode500', label: '500 without a code, after applying', spec: (a) => ({ op: a.faultOp, status: 500, afterApply: true, rawBody: '<html>500 Internal Server Error</html>' }) },
];

type Claim = 'created' | 'none' | 'unknown';

/**
 * What a message claims about the server. "Nothing was created" and a refusal claim none; a
 * message that says it was made (or is being followed) claims created; "not confirmed yet",
 * "look before trying again" claim nothing either way.
 */
function claimOf(severity: string, text: string): Claim {
  if (/nothing was created|none of the resources|\bno (restore point|vault|new vault|backup|replication)\b[^.;]{0,80}\b(exists|has started|was created|is associated)|was not (created|carried out)|did not appear/i.test(text)) {
    return 'none';
  }
  if (/\b(was|were) created\b|is being created|has started|\bstarted\b|are now associated|(was|were) associated|being followed|(?<!not )appeared|^Replicating /i.test(text)) {
    return 'created';
  }
  if (/not (been )?confirmed yet|may or may not|before trying again|still (looking|checking)|checking whether/i.test(text)) {
    return 'unknown';
  }
  return severity === 'error' ? 'none' : 'unknown';
}

describe('Reliability', function () {
  this.timeout(120_000);
  let api: CbrExplorerTestApi;
  const results: ActionResult[] = [];
  const actionsRun = { start: 0, end: 0 };

  const untrackAll = (): void => {
    for (const work of [...api.tracking.tracker.items]) {
      api.tracking.tracker.untrack(work);
    }
  };

  /** Runs a command with scripted answers; returns what the user was told (notifications and the failure message). */
  const runAction = async (command: string, answers: Answer[]): Promise<() => { severity: string; message: string }[]> => {
    const messagesBefore = api.actionMessages().length;
    const logBefore = api.logLines().length;
    api.setPrompter(new ScriptedPrompter(answers));
    await vscode.commands.executeCommand(command);
    return () => [
      ...api.actionMessages().slice(messagesBefore).map((m) => ({ severity: m.severity, message: m.message })),
      ...api
        .logLines()
        .slice(logBefore)
        .filter((l) => l.includes(`${command} failed: `))
        .map((l) => ({ severity: 'error', message: l.slice(l.indexOf(`${command} failed: `) + command.length + 9) })),
    ];
  };

  /** Waits for a message that says created or none (or SETTLE_MS), and for a held write to land. */
  const settle = async (told: () => { severity: string; message: string }[], startedAt: number, landsAfterMs = 0): Promise<void> => {
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline) {
      const last = told().at(-1);
      if (last && claimOf(last.severity, last.message) !== 'unknown' && Date.now() >= startedAt + landsAfterMs + 300) {
        break;
      }
      await sleep(250);
    }
    await sleep(Math.max(0, startedAt + landsAfterMs + 500 - Date.now()));
  };

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await vscode.workspace.getConfiguration('cbr').update('requestTimeoutSeconds', TIMEOUT_S, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('cbr').update('unconfirmedWriteWindowSeconds', WINDOW_S, vscode.ConfigurationTarget.Global);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  after(async () => {
    untrackAll();
    await emulator.clearFaults();
    await vscode.workspace.getConfiguration('cbr').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('cbr').update('unconfirmedWriteWindowSeconds', undefined, vscode.ConfigurationTarget.Global);
    if (writingReliability() && results.length > 0) {
      saveResults('actions', { results, runMs: actionsRun.end - actionsRun.start });
    }
  });

  describe('actions under faults: what the user is told is true, and following it never makes two', () => {
    before(() => (actionsRun.start = Date.now()));
    after(() => (actionsRun.end = Date.now()));
    for (const action of ACTIONS) {
      for (const fault of FAULTS) {
        it(`${action.label} × ${fault.label}`, async () => {
          await emulator.reset();
          await emulator.advance(FINISH_MS); // the seed's backups are available: nothing is skipped
          untrackAll();
          const name = `rel-${action.id}-${fault.id}`;
          if (action.freshBackups) {
            await runAction('cbr.createCheckpoint', [pick('vault-prod-servers'), { input: `${name}-src` }, { input: '' }, pickValue(true)]);
            await emulator.advance(FINISH_MS);
            untrackAll();
          }
          await emulator.addFault(fault.spec(action));
          const startedAt = Date.now();
          const told = await runAction(action.command, action.answers(name));
          await settle(told, startedAt, fault.landsAfterMs);
          const messages = told();
          const objectsAfter = await action.objects(name);
          const claims = messages.map((m) => claimOf(m.severity, m.message));
          const falseClaims = messages.filter((_m, i) => (claims[i] === 'created' && objectsAfter === 0) || (claims[i] === 'none' && objectsAfter > 0));

          // Doing what the message suggests: unless it said it was made, run the action again.
          await emulator.clearFaults();
          if (claims.at(-1) !== 'created') {
            const again = await runAction(action.command, action.answers(name));
            await settle(again, Date.now());
          }
          const objectsAfterFollowingAdvice = await action.objects(name);
          const refusedCleanly = fault.id !== 'code500' || objectsAfter === 0;
          const internalNames = messages.filter((m) => OPERATION_NAME.test(m.message));
          const pass = messages.length > 0 && falseClaims.length === 0 && objectsAfterFollowingAdvice <= 1 && refusedCleanly && internalNames.length === 0;
          results.push({
            action: action.label,
            fault: fault.label,
            told: messages.map((m) => `${m.severity}: ${m.message.slice(0, 160)}`).join(' / ') || '(nothing)',
            objectsAfter,
            objectsAfterFollowingAdvice,
            truthful: falseClaims.length === 0 && messages.length > 0,
            pass,
          });
          assert.ok(messages.length > 0, 'the user is told something');
          assert.deepEqual(falseClaims.map((m) => m.message), [], `with ${objectsAfter} on the server the user was told`);
          assert.ok(objectsAfterFollowingAdvice <= 1, `running it again as the message suggested made ${objectsAfterFollowingAdvice} (told: ${messages.map((m) => m.message).join(' | ')})`);
          assert.ok(refusedCleanly, 'a refused write made nothing');
          assert.deepEqual(internalNames.map((m) => m.message), [], 'what the user reads names no internal operation');
        });
      }
    }
  });

  describe('secrets scan', () => {
    const kinds: { kind: Credentials['kind']; credentials: Credentials; secrets: string[] }[] = [
      { kind: 'token', credentials: { kind: 'token', token: demo.token }, secrets: [demo.token] },
      { kind: 'password', credentials: { kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password }, secrets: [demo.password] },
      { kind: 'aksk', credentials: { kind: 'aksk', accessKey: demo.accessKey, secretKey: demo.secretKey }, secrets: [demo.secretKey] },
    ];
    const found: { secret: string; where: string }[] = [];
    let linesSearched = 0;
    let started = 0;
    before(() => (started = Date.now()));

    after(async () => {
      // Leave the suites after this one signed in with the password, as before.
      await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
      if (writingReliability()) {
        saveResults('secrets', {
          credentialKinds: kinds.map((k) => k.kind),
          placesSearched: ['log lines', 'action messages', 'tracking notifications', 'failure messages', 'tree items (labels, descriptions, tooltips)', 'status bar', 'settings (cbr.*)', 'globalState'],
          found,
          linesSearched,
          runMs: Date.now() - started,
        });
      }
    });

    /** Every text the user or a later session could see, with where it is. */
    const places = async (): Promise<{ where: string; text: string }[]> => {
      const out: { where: string; text: string }[] = [];
      out.push(...api.logLines().map((text) => ({ where: 'log', text })));
      out.push(...api.actionMessages().map((m) => ({ where: 'action message', text: `${m.message} ${m.actions.join(' ')}` })));
      out.push(...api.tracking.notifications().map((n) => ({ where: 'tracking notification', text: JSON.stringify(n) })));
      out.push({ where: 'status bar', text: JSON.stringify(api.tracking.statusBarView()) });
      const walk = async (nodes: ExplorerNode[], depth: number): Promise<void> => {
        for (const node of nodes) {
          const item = api.explorer.getTreeItem(node);
          const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
          out.push({ where: `tree item (${node.kind})`, text: `${String(typeof item.label === 'string' ? item.label : item.label?.label)} ${String(item.description ?? '')} ${tooltip}` });
          if (depth < 2 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
            await walk(await api.explorer.getChildren(node), depth + 1);
          }
        }
      };
      await walk(await api.explorer.getChildren(), 0);
      out.push({ where: 'settings', text: JSON.stringify(vscode.workspace.getConfiguration('cbr')) });
      for (const key of ['cloud', 'regions', 'projectIds', 'endpoints', 'requestTimeoutSeconds', 'pageSize']) {
        out.push({ where: `setting cbr.${key}`, text: JSON.stringify(vscode.workspace.getConfiguration('cbr').inspect(key)) });
      }
      for (const key of api.globalState.keys()) {
        out.push({ where: `globalState ${key}`, text: `${key} ${JSON.stringify(api.globalState.get(key))}` });
      }
      return out;
    };

    for (const k of kinds) {
      it(`signed in with ${k.kind}: reads, writes and polls under error bodies that echo the secrets leave none anywhere`, async () => {
        await emulator.reset();
        await emulator.advance(FINISH_MS);
        untrackAll();
        await api.connection.signIn(k.credentials);
        const echo = (op: string, status: number, times = 1): Promise<unknown> => emulator.addFault({ op, status, echoSecrets: true, times });

        // Reads: the tree's first page and a vault's restore points.
        await echo('cbr.listVaults', 400);
        api.explorer.refresh();
        await api.explorer.getChildren();
        await echo('cbr.listVaults', 500, 3);
        api.explorer.refresh();
        await api.explorer.getChildren();
        await emulator.clearFaults();
        // Writes: refused, and unknown (then reconciled through an echoing list).
        await echo('cbr.createCheckpoint', 400);
        await runAction('cbr.createCheckpoint', [pick('vault-prod-servers'), { input: `scan-${k.kind}-1` }, { input: '' }, pickValue(true)]);
        await echo('cbr.createVault', 500);
        await echo('cbr.listVaults', 403, 5);
        await runAction('cbr.createVault', [{ input: `scan-${k.kind}-vault` }, pickValue('disk'), { input: '10' }, pickValue(false)]);
        await echo('gaussdb.createBackup', 401);
        await runAction('cbr.createInstanceBackup', [pick('orders-db'), { input: `scan-${k.kind}-db` }, { input: '' }]);
        await emulator.clearFaults();
        // Polls: a restore point being made, followed while its probes are answered with echoes.
        await emulator.setTiming({ checkpointProtectingMs: SLOW_MS });
        try {
          await runAction('cbr.createCheckpoint', [pick('vault-data-disks'), { input: `scan-${k.kind}-2` }, { input: '' }, pickValue(true)]);
          await waitFor('the new restore point is followed', () => api.tracking.tracker.items.some((w) => w.label === `scan-${k.kind}-2`) || undefined);
          for (const status of [400, 403, 500]) {
            for (const op of ['cbr.listBackups', 'cbr.showCheckpoint', 'cbr.showBackup', 'cbr.listOperationLogs']) {
              await echo(op, status, 3);
            }
            api.tracking.tracker.pollNow();
            await sleep(1_500);
            await emulator.clearFaults();
          }
        } finally {
          await emulator.setTiming({ checkpointProtectingMs: 1_500 });
        }
        // A token that has to be renewed, where IAM echoes the password.
        if (k.kind === 'password') {
          await emulator.expireTokens();
          await echo('iam.createToken', 401, 3);
          api.explorer.refresh();
          await api.explorer.getChildren();
          await emulator.clearFaults();
        }

        const echoed = await emulator.echoedSecrets();
        assert.ok(echoed.length > 0, 'the faults did echo secrets');
        // An AK/SK Authorization header is searched by its signature; a token or password as it is.
        const signatures = new Set(echoed.filter(isSignature).map((s) => s.replace(/^.*Signature=/, '')));
        const secrets = [...new Set([...k.secrets, ...echoed.map((s) => s.replace(/^.*Signature=/, ''))])].filter((s) => s.length >= 12);
        const texts = await places();
        linesSearched += texts.length;
        // The scan can fail: the echoing bodies did reach the places searched (with their secrets masked).
        assert.ok(texts.some((t) => t.text.includes('request rejected; received')), 'an echoed error body reached the log or a message');
        for (const [index, { where, text }] of texts.entries()) {
          if (index % 20 === 0) {
            // The scan runs in the extension host: after a full run it searches thousands of long
            // log lines, and VS Code drops a host that does not answer its heartbeat for seconds.
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          for (const secret of secrets) {
            const form = secretFormIn(text, secret);
            if (form !== undefined && !(signatures.has(secret) && form !== 'as is')) {
              found.push({ secret: `${k.kind} secret #${secrets.indexOf(secret) + 1} (${form})`, where });
            }
          }
        }
        const mine = found.filter((f) => f.secret.startsWith(k.kind));
        assert.deepEqual(mine, [], 'no secret in any place searched');
        untrackAll();
      });
    }
  });
});
