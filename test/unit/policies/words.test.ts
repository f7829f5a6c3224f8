import { strict as assert } from 'node:assert';
import type { Policy } from '../../../src/api';
import { nextRunsInWords, retentionInWords, scheduleInWords } from '../../../src/policies/words';

function policy(patterns: string[], timezone?: string, extra: Partial<Policy> = {}): Pick<Policy, 'patterns' | 'definition' | 'startTime' | 'enabled'> {
  return { patterns, definition: timezone ? { timezone } : {}, startTime: undefined, enabled: true, ...extra };
}

describe('a policy in words', () => {
  it('says a daily schedule in the policy’s zone', () => {
    assert.equal(scheduleInWords(policy(['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=18;BYMINUTE=00'], 'UTC+08:00'), 'en'), 'every day at 02:00 (UTC+08:00)');
    assert.equal(scheduleInWords(policy(['FREQ=DAILY;BYHOUR=2,14;BYMINUTE=0']), 'en'), 'every day at 02:00 and 14:00 (UTC)');
  });

  it('names the days of a weekly schedule in the display language', () => {
    assert.equal(scheduleInWords(policy(['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30']), 'en'), 'Mon, Wed, Fri at 22:30 (UTC)');
    const pt = scheduleInWords(policy(['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30']), 'pt-BR');
    assert.match(pt, /^seg.*qua.*sex.* at 22:30 \(UTC\)$/);
    const zh = scheduleInWords(policy(['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30']), 'zh-CN');
    assert.match(zh, /周一.*周三.*周五/);
  });

  it('says every N days, and mixes groups', () => {
    assert.equal(scheduleInWords(policy(['FREQ=DAILY;INTERVAL=3;BYHOUR=4;BYMINUTE=5']), 'en'), 'every 3 days at 04:05 (UTC)');
    assert.equal(scheduleInWords(policy(['FREQ=DAILY;BYHOUR=1;BYMINUTE=0', 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=12;BYMINUTE=0']), 'en'), 'every day at 01:00; Sun at 12:00 (UTC)');
  });

  it('says retention in words', () => {
    assert.equal(retentionInWords({ retentionDurationDays: 30 }), 'keep 30 days');
    assert.equal(retentionInWords({ retentionDurationDays: 1 }), 'keep 1 day');
    assert.equal(retentionInWords({ maxBackups: 7 }), 'keep the last 7');
    assert.equal(retentionInWords({}), 'kept until deleted');
    assert.equal(retentionInWords({ maxBackups: -1, retentionDurationDays: -1 }), 'kept until deleted');
    assert.equal(retentionInWords({ maxBackups: 7, dayBackups: 0, weekBackups: 4, monthBackups: 12 }), 'keep the last 7, and also 4 weekly, 12 monthly');
  });

  it('gives the next three runs in the policy’s zone, none when disabled', () => {
    const now = new Date('2026-12-02T15:28:00Z');
    const p = policy(['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=18;BYMINUTE=00'], 'UTC+08:00');
    assert.deepEqual(nextRunsInWords(p, now, 'en'), ['Thu, Dec 3, 02:00 (UTC+08:00)', 'Fri, Dec 4, 02:00 (UTC+08:00)', 'Sat, Dec 5, 02:00 (UTC+08:00)']);
    assert.deepEqual(nextRunsInWords({ ...p, enabled: false }, now, 'en'), []);
  });
});
