import { describe, expect, it } from 'vitest';
import type { DeadlineRule } from '../../services/domain/deadlines.js';
import {
  ageAtSession,
  bookingRefusal,
  cancellation,
  describePlacesLeft,
  isOpenToAge,
  promotesOn,
  promotions,
  sessionPrice,
  sessionTiming,
  waitingRank,
  type SessionFacts,
} from './sessionRules.js';

// The demo's « Activités vacances »: 4 weeks before the first day, cut-off the day before at 10:00.
const rule: DeadlineRule = {
  deadlineDaysBefore: 28,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00:00',
  rentreeWindow: false,
};
const session: SessionFacts = {
  startsOn: '2026-10-19',
  endsOn: '2026-10-23',
  minAge: 6,
  maxAge: 11,
  places: 10,
  priceCents: 6000,
  booked: 0,
  waitlistNext: 0,
};
const at = (iso: string) => new Date(iso);
// Intl writes a no-break space before « % » and « € ».
const nbsp = '\u00a0';

describe('the session’s timing (reference/DEADLINES.md, cases 8 and 9)', () => {
  it('is on time until 28 days before the first day at 23:59:59, late one second after', () => {
    expect(sessionTiming(at('2026-09-21T23:59:59+02:00'), session, rule).timing).toBe('on-time');
    expect(sessionTiming(at('2026-09-22T00:00:00+02:00'), session, rule).timing).toBe('late');
    expect(sessionTiming(at('2026-09-22T00:00:01+02:00'), session, rule).timing).toBe('late');
  });

  it('ignores the rentrée window, even when the service’s flag asks for it', () => {
    expect(sessionTiming(at('2026-09-28T15:00:00+02:00'), session, { ...rule, rentreeWindow: true }).timing).toBe(
      'late',
    );
  });

  it('is refused after the cut-off, the day before at 10:00, and on a past first day', () => {
    expect(sessionTiming(at('2026-10-18T10:00:00+02:00'), session, rule).timing).toBe('late');
    const after = sessionTiming(at('2026-10-18T10:00:01+02:00'), session, rule);
    expect(after).toMatchObject({ timing: 'refused', refusal: 'cut-off' });
    expect(sessionTiming(at('2026-10-20T08:00:00+02:00'), session, rule)).toMatchObject({
      timing: 'refused',
      refusal: 'passe',
    });
  });

  it('tells until when a change is on time, across the change of time of October', () => {
    const timing = sessionTiming(at('2026-09-01T12:00:00+02:00'), { startsOn: '2026-11-23' }, rule);
    // 2026-10-26 is after the change to winter time: 23:59:59 CET is 22:59:59 UTC.
    expect(timing.onTimeUntil.toISOString()).toBe('2026-10-26T22:59:59.000Z');
    expect(timing.cutoff.toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });
});

describe('the price of a booking', () => {
  it('is the session’s price on time, with the majoration recorded when late', () => {
    expect(sessionPrice(session, 'on-time', { kind: 'percent', basisPoints: 5000 })).toEqual({
      priceCents: 6000,
      late: false,
      majorationRule: null,
      majorationCents: 0,
    });
    expect(sessionPrice(session, 'late', { kind: 'percent', basisPoints: 5000 })).toEqual({
      priceCents: 6000,
      late: true,
      majorationRule: `+50${nbsp}%`,
      majorationCents: 3000,
    });
    expect(sessionPrice({ priceCents: 355 }, 'late', { kind: 'percent', basisPoints: 5000 }).majorationCents).toBe(178);
    expect(sessionPrice(session, 'late', { kind: 'fixed', cents: 150 })).toMatchObject({
      majorationRule: `+1,50${nbsp}€`,
      majorationCents: 150,
    });
  });
});

describe('who may book', () => {
  it('counts the age in whole years on the first day, both ends of the range included', () => {
    expect(ageAtSession('2018-10-19', session)).toBe(8);
    expect(ageAtSession('2018-10-20', session)).toBe(7);
    expect(isOpenToAge({ ...session, minAge: 8 }, '2018-10-19')).toBe(true);
    expect(isOpenToAge({ ...session, minAge: 8 }, '2018-10-20')).toBe(false);
    expect(isOpenToAge({ ...session, maxAge: 11 }, '2014-10-20')).toBe(true);
    expect(isOpenToAge({ ...session, maxAge: 11 }, '2014-10-19')).toBe(false);
  });

  it('refuses after the cut-off first, then outside the ages, then without an inscription', () => {
    const onTime = sessionTiming(at('2026-09-01T12:00:00+02:00'), session, rule);
    const closed = sessionTiming(at('2026-10-18T11:00:00+02:00'), session, rule);
    expect(bookingRefusal({ session, birthDate: '2018-05-14', enrolled: true, timing: onTime })).toBeNull();
    expect(bookingRefusal({ session, birthDate: '2018-05-14', enrolled: false, timing: onTime })).toBe('not-enrolled');
    expect(bookingRefusal({ session, birthDate: '2023-05-14', enrolled: false, timing: onTime })).toBe('age');
    expect(bookingRefusal({ session, birthDate: '2023-05-14', enrolled: false, timing: closed })).toBe('cut-off');
  });
});

describe('places and the waiting list', () => {
  it('says the places left as families read them', () => {
    expect(describePlacesLeft({ places: 10, booked: 7 })).toBe('3 places restantes');
    expect(describePlacesLeft({ places: 10, booked: 9 })).toBe('1 place restante');
    expect(describePlacesLeft({ places: 10, booked: 10 })).toBe('Complet');
    // A place given by hand past the limit never shows a negative count.
    expect(describePlacesLeft({ places: 10, booked: 11 })).toBe('Complet');
  });

  it('shows the rank among those still waiting, not the ticket', () => {
    expect(waitingRank([3, 5, 9], 3)).toBe(1);
    expect(waitingRank([3, 5, 9], 9)).toBe(3);
  });

  it('promotes the lowest tickets while places are free', () => {
    const waiting = [
      { id: 'c', position: 9 },
      { id: 'a', position: 3 },
      { id: 'b', position: 5 },
    ];
    expect(promotions({ places: 10, booked: 10 }, waiting)).toEqual([]);
    expect(promotions({ places: 10, booked: 9 }, waiting).map((w) => w.id)).toEqual(['a']);
    expect(promotions({ places: 10, booked: 8 }, waiting).map((w) => w.id)).toEqual(['a', 'b']);
    expect(promotions({ places: 10, booked: 0 }, waiting).map((w) => w.id)).toEqual(['a', 'b', 'c']);
  });

  it('promotes until the session’s last day', () => {
    expect(promotesOn('2026-10-23', session)).toBe(true);
    expect(promotesOn('2026-10-24', session)).toBe(false);
  });
});

describe('cancelling', () => {
  const onTime = sessionTiming(at('2026-09-01T12:00:00+02:00'), session, rule);
  const late = sessionTiming(at('2026-10-01T12:00:00+02:00'), session, rule);
  const closed = sessionTiming(at('2026-10-18T11:00:00+02:00'), session, rule);

  it('costs nothing on time, stays billable when late, and is refused online after the cut-off', () => {
    expect(cancellation('inscrit', onTime)).toEqual({ ok: true, kind: 'on-time' });
    expect(cancellation('inscrit', late)).toEqual({ ok: true, kind: 'late' });
    expect(cancellation('inscrit', closed)).toEqual({ ok: false, refusal: 'cut-off' });
  });

  it('lets a child leave the waiting list at any time', () => {
    expect(cancellation('attente', late)).toEqual({ ok: true, kind: 'leave-waiting-list' });
    expect(cancellation('attente', closed)).toEqual({ ok: true, kind: 'leave-waiting-list' });
  });
});
