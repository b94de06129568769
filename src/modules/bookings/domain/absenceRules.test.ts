import { describe, expect, it } from 'vitest';
import {
  type AbsenceReport,
  MAX_ABSENCE_DAYS,
  absenceProblems,
  certificateJustifies,
  daysWithin,
  justifiesWhenAccepted,
  overlappingAbsence,
} from './absenceRules.js';

// Instants are written with their Paris offset: +01:00 in November, +02:00 from 28 March 2027.
const report = (overrides: Partial<Omit<AbsenceReport, 'now'>> & { now: string }): AbsenceReport => ({
  firstDay: '2026-11-17',
  lastDay: '2026-11-17',
  reason: 'maladie',
  illnessReportTimes: ['09:00:00'],
  ...overrides,
  now: new Date(overrides.now),
});
const problems = (overrides: Partial<Omit<AbsenceReport, 'now'>> & { now: string }) =>
  absenceProblems(report(overrides));

describe('absenceProblems: an illness, until the report hour of its first day (reference/DEADLINES.md)', () => {
  it('case 10: at 08:59 on Tue 17 Nov an illness that day is accepted', () => {
    expect(problems({ now: '2026-11-17T08:59:00+01:00' })).toEqual([]);
  });

  it('case 11: at 09:01 it is refused online, with the instant the report closed', () => {
    expect(problems({ now: '2026-11-17T09:01:00+01:00' })).toEqual([
      { field: 'firstDay', problem: 'illness-too-late', until: new Date('2026-11-17T08:00:00.000Z') },
    ]);
  });

  it('the hour itself is inclusive, to the second', () => {
    expect(problems({ now: '2026-11-17T09:00:00+01:00' })).toEqual([]);
    expect(problems({ now: '2026-11-17T09:00:00.999+01:00' })).toEqual([]);
    expect(problems({ now: '2026-11-17T09:00:01+01:00' })).toMatchObject([{ problem: 'illness-too-late' }]);
  });

  it('a later first day is still open, whatever the hour; the whole range follows its first day', () => {
    expect(problems({ now: '2026-11-16T23:59:59+01:00' })).toEqual([]);
    expect(problems({ now: '2026-11-17T18:00:00+01:00', firstDay: '2026-11-18', lastDay: '2026-11-20' })).toEqual([]);
  });

  it('a day already past is refused, not « too late today »', () => {
    expect(problems({ now: '2026-11-17T08:00:00+01:00', firstDay: '2026-11-16', lastDay: '2026-11-18' })).toEqual([
      { field: 'firstDay', problem: 'past' },
    ]);
    expect(problems({ now: '2026-11-18T00:00:00+01:00' })).toEqual([{ field: 'firstDay', problem: 'past' }]);
  });

  it('with several services, the earliest hour decides', () => {
    const now = '2026-11-17T08:45:00+01:00';
    expect(problems({ now, illnessReportTimes: ['09:00:00', '08:30'] })).toEqual([
      { field: 'firstDay', problem: 'illness-too-late', until: new Date('2026-11-17T07:30:00.000Z') },
    ]);
    expect(problems({ now, illnessReportTimes: ['09:00:00', '10:00:00'] })).toEqual([]);
  });

  it('reads the hour in Paris across the change to summer time (Sunday 28 March 2027)', () => {
    const day = { firstDay: '2027-03-29', lastDay: '2027-03-29' };
    expect(problems({ now: '2027-03-29T09:00:00+02:00', ...day })).toEqual([]);
    expect(problems({ now: '2027-03-29T07:00:01Z', ...day })).toMatchObject([
      { problem: 'illness-too-late', until: new Date('2027-03-29T07:00:00.000Z') },
    ]);
  });
});

describe('absenceProblems: another reason, any day not past', () => {
  it('today is still open in the evening; yesterday is not', () => {
    expect(problems({ now: '2026-11-17T18:00:00+01:00', reason: 'autre' })).toEqual([]);
    expect(problems({ now: '2026-11-17T23:59:59+01:00', reason: 'autre' })).toEqual([]);
    expect(problems({ now: '2026-11-18T00:00:00+01:00', reason: 'autre' })).toEqual([
      { field: 'firstDay', problem: 'past' },
    ]);
  });

  it('only an illness justifies the days once accepted', () => {
    expect(justifiesWhenAccepted('maladie')).toBe(true);
    expect(justifiesWhenAccepted('autre')).toBe(false);
  });
});

describe('absenceProblems: the range and the services', () => {
  const now = '2026-11-02T12:00:00+01:00';

  it('the last day may be the first, not before it', () => {
    expect(problems({ now, firstDay: '2026-11-17', lastDay: '2026-11-17' })).toEqual([]);
    expect(problems({ now, firstDay: '2026-11-17', lastDay: '2026-11-16' })).toEqual([
      { field: 'lastDay', problem: 'before-first-day' },
    ]);
  });

  it('31 days at most, both ends counted', () => {
    expect(MAX_ABSENCE_DAYS).toBe(31);
    expect(problems({ now, firstDay: '2026-11-17', lastDay: '2026-12-17' })).toEqual([]);
    expect(problems({ now, firstDay: '2026-11-17', lastDay: '2026-12-18' })).toEqual([
      { field: 'lastDay', problem: 'too-long', maxDays: 31 },
    ]);
  });

  it('refuses a last day in 9999 at once: the span is measured, its days never listed', () => {
    const started = performance.now();
    expect(problems({ now, firstDay: '2026-11-17', lastDay: '9999-12-31', reason: 'autre' })).toEqual([
      { field: 'lastDay', problem: 'too-long', maxDays: 31 },
    ]);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('needs one service at least, and lists every problem in the order of the form', () => {
    expect(problems({ now, illnessReportTimes: [] })).toEqual([{ field: 'services', problem: 'no-service' }]);
    expect(problems({ now: '2026-11-20T12:00:00+01:00', lastDay: '2026-11-16', illnessReportTimes: [] })).toEqual([
      { field: 'firstDay', problem: 'past' },
      { field: 'lastDay', problem: 'before-first-day' },
      { field: 'services', problem: 'no-service' },
    ]);
  });
});

describe('daysWithin', () => {
  it('keeps the days of the absence inside the window', () => {
    expect(
      daysWithin({ firstDay: '2026-11-16', lastDay: '2026-11-19' }, { from: '2026-11-18', to: '2026-11-30' }),
    ).toEqual(['2026-11-18', '2026-11-19']);
    expect(
      daysWithin({ firstDay: '2026-11-16', lastDay: '2026-11-19' }, { from: '2026-11-01', to: '2026-11-16' }),
    ).toEqual(['2026-11-16']);
    expect(
      daysWithin({ firstDay: '2026-11-16', lastDay: '2026-11-19' }, { from: '2026-11-20', to: '2026-11-30' }),
    ).toEqual([]);
  });
});

describe('overlappingAbsence: the same absence reported twice', () => {
  const reported = [
    { id: 'a', firstDay: '2026-11-17', lastDay: '2026-11-19', serviceIds: ['cantine'] },
    { id: 'b', firstDay: '2026-11-23', lastDay: '2026-11-23', serviceIds: ['soir', 'matin'] },
  ];
  const report = (firstDay: string, lastDay: string, serviceIds: string[]) =>
    overlappingAbsence(reported, { firstDay, lastDay, serviceIds })?.id ?? null;

  it('finds one sharing a day, ends included, and a service', () => {
    expect(report('2026-11-17', '2026-11-17', ['cantine'])).toBe('a');
    expect(report('2026-11-19', '2026-11-20', ['cantine', 'soir'])).toBe('a');
    expect(report('2026-11-10', '2026-11-17', ['cantine'])).toBe('a');
    expect(report('2026-11-16', '2026-11-24', ['matin'])).toBe('b');
  });

  it('leaves the next day, the day before, and another service free', () => {
    expect(report('2026-11-20', '2026-11-22', ['cantine', 'soir', 'matin'])).toBeNull();
    expect(report('2026-11-16', '2026-11-16', ['cantine'])).toBeNull();
    expect(report('2026-11-17', '2026-11-19', ['soir'])).toBeNull();
  });

  it('takes an absence without services as covering them all', () => {
    expect(
      overlappingAbsence([{ firstDay: '2026-11-17', lastDay: '2026-11-17', serviceIds: [] }], {
        firstDay: '2026-11-17',
        lastDay: '2026-11-17',
        serviceIds: ['soir'],
      }),
    ).not.toBeNull();
  });
});

describe('a medical certificate', () => {
  const illness = { reason: 'maladie' as const, firstDay: '2026-11-17', lastDay: '2026-11-19' };

  it('justifies an illness whose every day it covers, from its first day to its last or with no end', () => {
    expect(certificateJustifies(illness, { validFrom: '2026-11-17', validUntil: '2026-11-19' })).toBe(true);
    expect(certificateJustifies(illness, { validFrom: '2026-11-16', validUntil: null })).toBe(true);
    expect(certificateJustifies(illness, { validFrom: '2026-11-18', validUntil: '2026-11-30' })).toBe(false);
    expect(certificateJustifies(illness, { validFrom: '2026-11-17', validUntil: '2026-11-18' })).toBe(false);
  });

  it('never justifies an absence for another reason', () => {
    expect(certificateJustifies({ ...illness, reason: 'autre' }, { validFrom: '2026-11-01', validUntil: null })).toBe(
      false,
    );
  });
});
