import { describe, expect, it } from 'vitest';
import { changeTiming, illnessReport, rentreeWindowFor, type DeadlineRule } from './deadlines.js';

// The worked cases of reference/DEADLINES.md: school year 2026-2027, window until 30 September.
// Instants are written with their Paris offset (+02:00 until 25 October 2026, +01:00 after it).
const periscolaire: DeadlineRule = {
  deadlineDaysBefore: 15,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00',
  rentreeWindow: true,
};
const session: DeadlineRule = {
  deadlineDaysBefore: 28,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00',
  rentreeWindow: false,
};
const year = { startsOn: '2026-09-01', endsOn: '2027-07-03', rentreeWindowEndsOn: '2026-09-30' };
const window = '2026-09-30';

const at = (instant: string) => new Date(instant);
const timing = (now: string, day: string, rule = periscolaire) =>
  changeTiming({ now: at(now), day, rule, rentreeWindowEndsOn: rentreeWindowFor(day, year) });

describe('changeTiming: the worked cases, each at its boundary', () => {
  it('cases 1 and 2: canteen on Tue 17 Nov, deadline 2 Nov at 23:59:59 inclusive', () => {
    const result = timing('2026-11-02T12:00:00+01:00', '2026-11-17');
    expect(result.timing).toBe('on-time');
    expect(result.deadline.toISOString()).toBe('2026-11-02T22:59:59.000Z');
    expect(result.onTimeUntil.toISOString()).toBe('2026-11-02T22:59:59.000Z');
    expect(timing('2026-11-02T23:59:58+01:00', '2026-11-17').timing).toBe('on-time');
    expect(timing('2026-11-02T23:59:59+01:00', '2026-11-17').timing).toBe('on-time');
    expect(timing('2026-11-02T23:59:59.999+01:00', '2026-11-17').timing).toBe('on-time');
    expect(timing('2026-11-03T00:00:00+01:00', '2026-11-17').timing).toBe('late');
    expect(timing('2026-11-03T00:00:01+01:00', '2026-11-17')).toMatchObject({ timing: 'late' });
  });

  it('case 3: refused after the cut-off, 16 Nov at 10:00 inclusive', () => {
    expect(timing('2026-11-16T09:59:59+01:00', '2026-11-17').timing).toBe('late');
    expect(timing('2026-11-16T10:00:00+01:00', '2026-11-17').timing).toBe('late');
    const refused = timing('2026-11-16T10:00:01+01:00', '2026-11-17');
    expect(refused).toMatchObject({ timing: 'refused', refusal: 'cut-off' });
    expect(refused.cutoff.toISOString()).toBe('2026-11-16T09:00:00.000Z');
  });

  it('cases 4 and 5: evening care on Fri 2 Oct, on time inside the rentrée window, late once it closes', () => {
    expect(timing('2026-09-28T15:00:00+02:00', '2026-10-02').timing).toBe('on-time');
    const lastSecond = timing('2026-09-30T23:59:59+02:00', '2026-10-02');
    expect(lastSecond.timing).toBe('on-time');
    expect(lastSecond.deadline.toISOString()).toBe('2026-09-17T21:59:59.000Z');
    expect(lastSecond.onTimeUntil.toISOString()).toBe('2026-09-30T21:59:59.000Z');
    expect(timing('2026-09-30T23:59:58+02:00', '2026-10-02').timing).toBe('on-time');
    expect(timing('2026-10-01T00:00:00+02:00', '2026-10-02').timing).toBe('late');
    expect(timing('2026-10-01T00:00:01+02:00', '2026-10-02').timing).toBe('late');
    expect(timing('2026-10-01T10:00:01+02:00', '2026-10-02')).toMatchObject({ timing: 'refused', refusal: 'cut-off' });
  });

  it('cases 6 and 7: canteen on Mon 9 Nov, deadline 25 Oct at 23:59:59 CET, just after the change of time', () => {
    const result = timing('2026-10-25T23:59:59+01:00', '2026-11-09');
    expect(result.timing).toBe('on-time');
    expect(result.deadline.toISOString()).toBe('2026-10-25T22:59:59.000Z');
    expect(timing('2026-10-25T22:59:58Z', '2026-11-09').timing).toBe('on-time');
    expect(timing('2026-10-25T22:59:59Z', '2026-11-09').timing).toBe('on-time');
    expect(timing('2026-10-25T23:00:00Z', '2026-11-09').timing).toBe('late');
    expect(timing('2026-10-26T00:00:00+01:00', '2026-11-09').timing).toBe('late');
    expect(timing('2026-10-26T00:00:01+01:00', '2026-11-09').timing).toBe('late');
  });

  it('cases 8 and 9: a session starting Mon 19 Oct, 28 days before, without the rentrée window', () => {
    const result = timing('2026-09-21T23:59:59+02:00', '2026-10-19', session);
    expect(result.timing).toBe('on-time');
    expect(result.deadline.toISOString()).toBe('2026-09-21T21:59:59.000Z');
    expect(result.onTimeUntil.toISOString()).toBe('2026-09-21T21:59:59.000Z');
    expect(timing('2026-09-21T23:59:58+02:00', '2026-10-19', session).timing).toBe('on-time');
    expect(timing('2026-09-22T00:00:00+02:00', '2026-10-19', session).timing).toBe('late');
    expect(timing('2026-09-22T00:00:01+02:00', '2026-10-19', session).timing).toBe('late');
    // The window is open until 30 September, yet a session is late.
    const inWindow = changeTiming({
      now: at('2026-09-25T12:00:00+02:00'),
      day: '2026-10-19',
      rule: session,
      rentreeWindowEndsOn: window,
    });
    expect(inWindow.timing).toBe('late');
    expect(timing('2026-10-18T10:00:00+02:00', '2026-10-19', session).timing).toBe('late');
    expect(timing('2026-10-18T10:00:01+02:00', '2026-10-19', session)).toMatchObject({
      timing: 'refused',
      refusal: 'cut-off',
    });
  });

  it('case 12: canteen on Mon 12 Apr 2027, deadline 28 Mar at 23:59:59 CEST, just after the change of time', () => {
    const result = timing('2027-03-28T23:59:59+02:00', '2027-04-12');
    expect(result.timing).toBe('on-time');
    expect(result.deadline.toISOString()).toBe('2027-03-28T21:59:59.000Z');
    expect(timing('2027-03-28T21:59:58Z', '2027-04-12').timing).toBe('on-time');
    expect(timing('2027-03-28T22:00:00Z', '2027-04-12').timing).toBe('late');
    expect(timing('2027-03-29T00:00:01+02:00', '2027-04-12').timing).toBe('late');
  });
});

describe('illnessReport: cases 10 and 11, until the day itself at 09:00', () => {
  const report = (now: string) => illnessReport({ now: at(now), day: '2026-11-17', time: '09:00' });

  it('accepts until 09:00 inclusive, refuses after', () => {
    expect(report('2026-11-17T08:59:00+01:00')).toEqual({ allowed: true, until: at('2026-11-17T08:00:00Z') });
    expect(report('2026-11-17T08:59:59+01:00').allowed).toBe(true);
    expect(report('2026-11-17T09:00:00+01:00').allowed).toBe(true);
    expect(report('2026-11-17T09:00:01+01:00').allowed).toBe(false);
    expect(report('2026-11-17T09:01:00+01:00').allowed).toBe(false);
  });

  it('accepts an illness reported ahead, refuses one of a past day', () => {
    expect(report('2026-11-10T18:00:00+01:00').allowed).toBe(true);
    expect(report('2026-11-18T08:00:00+01:00').allowed).toBe(false);
  });
});

describe('the rentrée window', () => {
  it('keeps changes on time until 30 September at 23:59:59 inclusive, then the deadline applies', () => {
    // A day in early October whose 15-day deadline passed in mid-September.
    expect(timing('2026-09-30T23:59:59.999+02:00', '2026-10-05').timing).toBe('on-time');
    expect(timing('2026-10-01T00:00:00+02:00', '2026-10-05').timing).toBe('late');
    // A later day: its own deadline is after the window, and counts.
    const december = timing('2026-09-20T12:00:00+02:00', '2026-12-01');
    expect(december.onTimeUntil.toISOString()).toBe('2026-11-16T22:59:59.000Z');
  });

  it('applies only when the service has it and the window is given', () => {
    const noWindowRule = { ...periscolaire, rentreeWindow: false };
    expect(
      changeTiming({
        now: at('2026-09-28T15:00:00+02:00'),
        day: '2026-10-02',
        rule: noWindowRule,
        rentreeWindowEndsOn: window,
      }).timing,
    ).toBe('late');
    expect(changeTiming({ now: at('2026-09-28T15:00:00+02:00'), day: '2026-10-02', rule: periscolaire }).timing).toBe(
      'late',
    );
    expect(
      changeTiming({
        now: at('2026-09-28T15:00:00+02:00'),
        day: '2026-10-02',
        rule: periscolaire,
        rentreeWindowEndsOn: null,
      }).timing,
    ).toBe('late');
  });

  it('counts only for days of its own school year', () => {
    expect(rentreeWindowFor('2026-10-02', year)).toBe('2026-09-30');
    expect(rentreeWindowFor('2026-09-01', year)).toBe('2026-09-30');
    expect(rentreeWindowFor('2027-07-03', year)).toBe('2026-09-30');
    expect(rentreeWindowFor('2027-09-02', year)).toBeUndefined();
    expect(rentreeWindowFor('2026-08-31', year)).toBeUndefined();
    // With a deadline long enough to matter, a day of the next year is late while the window is open.
    const yearAhead = { ...periscolaire, deadlineDaysBefore: 360 };
    expect(timing('2026-09-20T12:00:00+02:00', '2027-09-14', yearAhead).timing).toBe('late');
    expect(timing('2026-09-20T12:00:00+02:00', '2027-06-14', yearAhead).timing).toBe('on-time');
  });

  it('never makes a change on time after the cut-off', () => {
    // Tue 29 September: the cut-off (28 Sept at 10:00) comes before the end of the window.
    const result = timing('2026-09-28T09:00:00+02:00', '2026-09-29');
    expect(result.timing).toBe('on-time');
    expect(result.onTimeUntil.toISOString()).toBe('2026-09-28T08:00:00.000Z');
    expect(timing('2026-09-28T10:00:01+02:00', '2026-09-29')).toMatchObject({ timing: 'refused', refusal: 'cut-off' });
  });
});

describe('days that cannot change', () => {
  it('refuses a past day', () => {
    expect(timing('2026-11-18T08:00:00+01:00', '2026-11-17')).toMatchObject({ timing: 'refused', refusal: 'passe' });
    const sameDayCutoff = { ...periscolaire, cutoffDaysBefore: 0, cutoffTime: '23:59:59' };
    expect(timing('2026-11-18T00:00:00+01:00', '2026-11-17', sameDayCutoff)).toMatchObject({
      timing: 'refused',
      refusal: 'passe',
    });
  });

  it('refuses today after the cut-off, and allows it before a same-day cut-off', () => {
    expect(timing('2026-11-17T07:00:00+01:00', '2026-11-17')).toMatchObject({ timing: 'refused', refusal: 'cut-off' });
    const sameDayCutoff = { ...periscolaire, cutoffDaysBefore: 0, cutoffTime: '18:00' };
    expect(timing('2026-11-17T12:00:00+01:00', '2026-11-17', sameDayCutoff).timing).toBe('late');
    expect(timing('2026-11-17T18:00:01+01:00', '2026-11-17', sameDayCutoff)).toMatchObject({
      timing: 'refused',
      refusal: 'cut-off',
    });
  });
});
