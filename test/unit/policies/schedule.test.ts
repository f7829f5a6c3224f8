import { strict as assert } from 'node:assert';
import { buildPattern, nextRuns, parseUtcOffset, scheduleGroups, validatePolicyPatterns } from '../../../src/api';

const EVERY_DAY = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=14;BYMINUTE=00';

describe('policy schedules: the patterns the API takes', () => {
  const accepted: [string, string[]][] = [
    ['the documented example', [EVERY_DAY]],
    ['daily, no BYDAY', ['FREQ=DAILY;BYHOUR=2;BYMINUTE=30']],
    ['several hours an hour apart', ['FREQ=DAILY;BYHOUR=0,1,2,3;BYMINUTE=0']],
    ['24 points a day', ['FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0']],
    ['weekly on some days', ['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30']],
    ['every other day (INTERVAL)', ['FREQ=DAILY;INTERVAL=2;BYHOUR=3;BYMINUTE=0']],
    ['two rules apart by hours', ['FREQ=WEEKLY;BYDAY=MO;BYHOUR=1;BYMINUTE=0', 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=5;BYMINUTE=0']],
  ];
  for (const [what, patterns] of accepted) {
    it(`accepts ${what}`, () => assert.equal(validatePolicyPatterns(patterns), undefined));
  }

  const refused: [string, string[], RegExp][] = [
    ['no rule', [], /at least one time/],
    ['monthly', ['FREQ=MONTHLY;BYHOUR=1;BYMINUTE=0'], /WEEKLY or DAILY/],
    ['no FREQ', ['BYHOUR=1;BYMINUTE=0'], /WEEKLY or DAILY/],
    ['COUNT', ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0;COUNT=3'], /only FREQ, BYDAY, BYHOUR, BYMINUTE and INTERVAL/],
    ['an unknown key', ['FREQ=DAILY;FOO=1;BYHOUR=1;BYMINUTE=0'], /not a schedule rule/],
    ['hour 24', ['FREQ=DAILY;BYHOUR=24;BYMINUTE=0'], /BYHOUR takes hours from 0 to 23/],
    ['minute 60', ['FREQ=DAILY;BYHOUR=1;BYMINUTE=60'], /BYMINUTE takes minutes from 0 to 59/],
    ['no time', ['FREQ=DAILY'], /BYHOUR and BYMINUTE/],
    ['weekly without days', ['FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0'], /needs BYDAY/],
    ['an ordinal weekday', ['FREQ=WEEKLY;BYDAY=1MO;BYHOUR=1;BYMINUTE=0'], /BYDAY takes MO/],
    ['half an hour apart', ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0,30'], /30 minutes apart \(01:00 and 01:30\)/],
    ['two rules too close', ['FREQ=DAILY;BYHOUR=1;BYMINUTE=0', 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=1;BYMINUTE=45'], /45 minutes apart/],
    ['too close over midnight', ['FREQ=DAILY;BYHOUR=0,23;BYMINUTE=30', 'FREQ=DAILY;BYHOUR=0;BYMINUTE=10'], /at least an hour apart/],
    ['25 rules', Array.from({ length: 25 }, (_, i) => `FREQ=WEEKLY;BYDAY=MO;BYHOUR=${i % 24};BYMINUTE=0`), /At most 24 schedule rules/],
    ['INTERVAL 31', ['FREQ=DAILY;INTERVAL=31;BYHOUR=1;BYMINUTE=0'], /INTERVAL takes 1 to 30/],
  ];
  for (const [what, patterns, message] of refused) {
    it(`refuses ${what}`, () => assert.match(validatePolicyPatterns(patterns) ?? '(accepted)', message));
  }

  it('builds the pattern the wizard sends, as documented', () => {
    assert.equal(buildPattern([0, 1, 2, 3, 4, 5, 6], 14, 0), EVERY_DAY);
    assert.equal(buildPattern([4, 0, 2], 22, 30), 'FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30');
    assert.equal(validatePolicyPatterns([buildPattern([4, 0, 2], 22, 30)]), undefined);
  });

  it('reads time zones the API writes, and refuses others', () => {
    assert.equal(parseUtcOffset('UTC+08:00'), 480);
    assert.equal(parseUtcOffset('UTC-03:30'), -210);
    assert.equal(parseUtcOffset('UTC+00:00'), 0);
    assert.equal(parseUtcOffset('GMT+8'), undefined);
    assert.equal(parseUtcOffset('UTC+15:00'), undefined);
  });
});

describe('policy schedules: times in the policy’s zone and the next runs', () => {
  it('groups a daily pattern into one every-day group, shifted into the zone', () => {
    assert.deepEqual(scheduleGroups([EVERY_DAY], 0), [{ days: [0, 1, 2, 3, 4, 5, 6], times: ['14:00'], interval: 1 }]);
    // 18:00 UTC is 02:00 the next day at UTC+08:00: still every day.
    assert.deepEqual(scheduleGroups(['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=18;BYMINUTE=00'], 480), [{ days: [0, 1, 2, 3, 4, 5, 6], times: ['02:00'], interval: 1 }]);
  });

  it('moves weekly days across midnight with the zone', () => {
    // Mon/Wed/Fri 22:30 UTC is Tue/Thu/Sat 06:30 at UTC+08:00, and Mon/Wed/Fri 17:30 at UTC-05:00.
    const pattern = ['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30'];
    assert.deepEqual(scheduleGroups(pattern, 480), [{ days: [1, 3, 5], times: ['06:30'], interval: 1 }]);
    assert.deepEqual(scheduleGroups(pattern, -300), [{ days: [0, 2, 4], times: ['17:30'], interval: 1 }]);
  });

  it('puts several times of the same days together, and different days apart', () => {
    const groups = scheduleGroups(['FREQ=DAILY;BYHOUR=2,14;BYMINUTE=0', 'FREQ=WEEKLY;BYDAY=SA;BYHOUR=20;BYMINUTE=15'], 0);
    assert.deepEqual(groups, [
      { days: [0, 1, 2, 3, 4, 5, 6], times: ['02:00', '14:00'], interval: 1 },
      { days: [5], times: ['20:15'], interval: 1 },
    ]);
  });

  const from = new Date('2026-12-02T15:28:00Z'); // a Wednesday
  it('gives the next three runs of a daily pattern', () => {
    assert.deepEqual(nextRuns([EVERY_DAY], from).map((d) => d.toISOString()), ['2026-12-03T14:00:00.000Z', '2026-12-04T14:00:00.000Z', '2026-12-05T14:00:00.000Z']);
  });

  it('gives the next three runs of a weekly pattern, today included when still ahead', () => {
    const runs = nextRuns(['FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30'], from).map((d) => d.toISOString());
    assert.deepEqual(runs, ['2026-12-02T22:30:00.000Z', '2026-12-04T22:30:00.000Z', '2026-12-07T22:30:00.000Z']);
  });

  it('merges the runs of several patterns and times in order', () => {
    const runs = nextRuns(['FREQ=DAILY;BYHOUR=2,16;BYMINUTE=0', 'FREQ=WEEKLY;BYDAY=WE;BYHOUR=20;BYMINUTE=0'], from).map((d) => d.toISOString());
    assert.deepEqual(runs, ['2026-12-02T16:00:00.000Z', '2026-12-02T20:00:00.000Z', '2026-12-03T02:00:00.000Z']);
  });

  it('counts INTERVAL from the scheduler’s start', () => {
    const start = new Date('2026-11-30T00:00:00Z'); // Monday: runs Mon, Wed, Fri…
    const runs = nextRuns(['FREQ=DAILY;INTERVAL=2;BYHOUR=3;BYMINUTE=0'], from, 3, start).map((d) => d.toISOString());
    assert.deepEqual(runs, ['2026-12-04T03:00:00.000Z', '2026-12-06T03:00:00.000Z', '2026-12-08T03:00:00.000Z']);
  });
});
