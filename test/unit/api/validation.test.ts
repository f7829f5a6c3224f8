import { strict as assert } from 'node:assert';
import {
  validateCheckpointDescription,
  validateCheckpointName,
  validateGaussBackupDescription,
  validateGaussBackupName,
  validateGaussInstanceId,
  validateProjectId,
  validateUuid,
  validateVaultDescription,
  validateVaultName,
  validateVaultSize,
} from '../../../src/api';

const english = (template: string, ...args: (string | number)[]): string => template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

type Table = [string, boolean][];

function check(name: string, fn: (v: string) => string | undefined, table: Table): void {
  describe(`api: ${name}`, () => {
    for (const [value, ok] of table) {
      it(`${ok ? 'accepts' : 'refuses'} ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}…(${[...value].length})` : value)}`, () => {
        const message = fn(value);
        if (ok) {
          assert.equal(message, undefined);
        } else {
          assert.ok(message && message.length > 0, 'a message says why');
        }
      });
    }
  });
}

check('checkpoint name on Huawei Cloud (Chinese reference allows Chinese characters)', (v) => validateCheckpointName(v, english, 'huaweicloud'), [
  ['备份-每日_01', true],
  ['中'.repeat(64), true],
  ['中'.repeat(65), false],
  ['emoji😀', false],
]);
check('checkpoint name on Open Telekom Cloud (letters, digits, _ and - only)', (v) => validateCheckpointName(v, english, 'opentelekomcloud'), [
  ['backup_name', true],
  ['备份-每日_01', false],
  ['Ünïcode', false],
]);
check('checkpoint name', validateCheckpointName, [
  ['backup_name', true],
  ['manual-20261123-1530', true],
  ['备份-每日_01', false],
  ['a', true],
  ['x'.repeat(64), true],
  ['', false],
  ['x'.repeat(65), false],
  ['has space', false],
  ['dot.name', false],
  ['emoji😀', false],
]);
check('checkpoint description', validateCheckpointDescription, [
  ['', true],
  ['d'.repeat(255), true],
  ['d'.repeat(256), false],
  ['line one\nline two', false],
  ['nul\u0000byte', false],
  ['bidi \u202e override', false],
  ['isolate \u2066x\u2069', false],
  ['tab\there', false],
  ['中文说明', true],
  // Counted as the cloud counts (UTF-16 units): 128 emoji are 256 units.
  ['😀'.repeat(128), false],
  ['😀'.repeat(127), true],
]);
check('vault description on Open Telekom Cloud: at most 64', (v) => validateVaultDescription(v, english, 'opentelekomcloud'), [
  ['', true],
  ['d'.repeat(64), true],
  ['d'.repeat(65), false],
  ['a <b>', true],
  ['nul\u0000', false],
]);
check('vault description on Huawei Cloud: at most 255, no < or >', (v) => validateVaultDescription(v, english, 'huaweicloud'), [
  ['d'.repeat(255), true],
  ['d'.repeat(256), false],
  ['a <b>', false],
  ['\u202aembedding', false],
]);
check('GaussDB backup name', validateGaussBackupName, [
  ['backup-1', true],
  ['manual-20261123-1530', true],
  ['Abcd', true],
  ['a'.repeat(64), true],
  ['abc', false],
  ['a'.repeat(65), false],
  ['1backup', false],
  ['_backup', false],
  ['back up', false],
  ['备份备份', false],
]);
check('GaussDB backup description', validateGaussBackupDescription, [
  ['Manual backup', true],
  ['', true],
  ['x'.repeat(256), true],
  ['x'.repeat(257), false],
  ['a > b', false],
  ['hello!', false],
  ['<script>', false],
  ['"quoted"', false],
  ['a & b', false],
  ["it's", false],
  ['a=b', false],
  ['bell\u0007', false],
  ['\u2067isolate', false],
]);
check('vault name', validateVaultName, [
  ['my_vault', true],
  ['', false],
  ['v'.repeat(65), false],
  ['bad/name', false],
]);
check('vault size', validateVaultSize, [
  ['1', false],
  ['9', false],
  ['10', true],
  ['200', true],
  ['10485760', true],
  ['0', false],
  ['10485761', false],
  ['1.5', false],
  ['abc', false],
]);
check('UUID', (v) => validateUuid(v), [
  ['ea7b8717-2543-478a-a92d-3ca7ee448f67', true],
  ['ea7b8717-2543-478a-a92d-3ca7ee448f6', false],
  ['../../etc', false],
]);
check('project id', validateProjectId, [
  ['0605767b5780d5762fc5c0118072a564', true],
  ['0605767b-5780', false],
]);
check('GaussDB instance id', validateGaussInstanceId, [
  ['07033b125fd94a8a96896f8bcfee6ddain07', true],
  ['07033b125fd94a8a96896f8bcfee6dda', false],
  ['../../evil', false],
  ['07033b125fd94a8a96896f8bcfee6ddain07/../x', false],
]);
