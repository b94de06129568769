import { describe, expect, it } from 'vitest';
import { assembleAgenda } from './agendaService.js';

const holidayService = {
  name: 'Activités vacances',
  units: [{ code: 'session', label: 'Session', priceCents: 0 }],
  opening: { openWeekdays: [1, 2, 3, 4, 5], schoolPeriodsOnly: false },
};

describe('the agenda of a holiday session', () => {
  it('holds the session on the days it runs: not on a weekend, a public holiday or a closure day of the commune', () => {
    const days = assembleAgenda({
      from: '2026-12-21',
      to: '2026-12-31',
      services: new Map([['vacances', holidayService]]),
      bookings: [],
      sessions: [
        {
          id: 's1',
          sessionId: 'session',
          sessionName: 'Stage nature',
          serviceId: 'vacances',
          startsOn: '2026-12-21',
          endsOn: '2026-12-31',
          status: 'inscrit',
          late: false,
          waitingRank: null,
        },
      ],
      absences: [],
      attendance: [],
      periods: [
        { kind: 'vacances', label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
        { kind: 'fermeture', label: 'Fermeture du centre de loisirs', startsOn: '2026-12-22', endsOn: '2026-12-22' },
      ],
    });
    const running = days.filter((day) => day.entries.length > 0).map((day) => day.day);
    expect(running).toEqual([
      '2026-12-21',
      '2026-12-23',
      '2026-12-24',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
  });
});
