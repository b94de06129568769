import { describe, expect, it } from 'vitest';
import { encodeWanted, parseCalendarForm, parseConfirmForm, parseWeekPatternForm } from './reservationForms.js';

const canteen = '0b7c2a53-6a57-4a3e-9a52-8c4a3f1d2e01';
const wednesday = '6f3d2c1b-0a9e-4d8c-b7a6-5e4f3d2c1b0a';

describe('the calendar form', () => {
  it('reads every cell it showed: a ticked box or a chosen unit books, anything else is no booking', () => {
    const parsed = parseCalendarForm({
      mois: '2026-11',
      cellules: `2026-11-17:${canteen} 2026-11-19:${canteen}  2026-11-18:${wednesday}`,
      [`r:2026-11-17:${canteen}`]: 'jour',
      [`r:2026-11-18:${wednesday}`]: '',
      // A field for a cell the form did not show is not read.
      [`r:2026-11-20:${canteen}`]: 'jour',
    });
    expect(parsed).toEqual({
      ok: true,
      data: {
        month: '2026-11',
        wanted: [
          { day: '2026-11-17', serviceId: canteen, unit: 'jour' },
          { day: '2026-11-19', serviceId: canteen, unit: null },
          { day: '2026-11-18', serviceId: wednesday, unit: null },
        ],
      },
    });
  });

  it('refuses cells that are not a day and a service, units that are not codes, a month that is not one', () => {
    for (const body of [
      { cellules: `2026-02-30:${canteen}` },
      { cellules: `2026-11-17:pas-un-uuid` },
      { cellules: `2026-11-17:${canteen}`, [`r:2026-11-17:${canteen}`]: '<b>' },
      { cellules: `2026-11-17:${canteen}`, mois: '2026-13' },
      { cellules: Array.from({ length: 401 }, () => `2026-11-17:${canteen}`).join(' ') },
    ]) {
      expect(parseCalendarForm(body).ok, JSON.stringify(body).slice(0, 80)).toBe(false);
    }
  });
});

describe('the confirmation form', () => {
  it('reads back what the summary wrote', () => {
    const wanted = [
      { day: '2026-11-17', serviceId: canteen, unit: 'jour' },
      { day: '2026-11-18', serviceId: wednesday, unit: null },
    ];
    expect(parseConfirmForm({ mois: '2026-11', voulu: encodeWanted(wanted), apercu: 'Ab_-9' })).toEqual({
      ok: true,
      data: { month: '2026-11', wanted, seen: 'Ab_-9' },
    });
  });

  it('refuses a form without cells, with a broken cell or without the plan seen', () => {
    expect(parseConfirmForm({ voulu: '', apercu: 'a' }).ok).toBe(false);
    expect(parseConfirmForm({ voulu: `2026-11-17:${canteen}`, apercu: 'a' }).ok).toBe(false);
    expect(parseConfirmForm({ voulu: `2026-11-17:${canteen}:jour`, apercu: '' }).ok).toBe(false);
    expect(parseConfirmForm({ voulu: `2026-11-17:${canteen}:jour`, apercu: 'a b' }).ok).toBe(false);
  });
});

describe('the semaine type', () => {
  const offers = [
    { serviceId: canteen, weekdays: [1, 2, 4, 5], units: ['jour'] },
    { serviceId: wednesday, weekdays: [3], units: ['journee', 'matin'] },
  ];

  it('reads the period in French dates and the units of each weekday, from the services offered only', () => {
    const parsed = parseWeekPatternForm(
      {
        du: '16/11/2026',
        au: ' 2026-12-18 ',
        [`j1:${canteen}`]: 'jour',
        [`j3:${wednesday}`]: 'matin',
        [`j3:${canteen}`]: 'jour',
        [`j2:${wednesday}`]: 'journee',
        'j4:autre': 'jour',
      },
      offers,
      '2026-11-02',
    );
    expect(parsed.ok && parsed.data.from).toBe('2026-11-16');
    expect(parsed.ok && parsed.data.to).toBe('2026-12-18');
    expect(parsed.ok && [...parsed.data.pattern].map(([day, units]) => [day, [...units]])).toEqual([
      [1, [[canteen, 'jour']]],
      [3, [[wednesday, 'matin']]],
    ]);
  });

  it('says what is wrong: dates missing, not real, in the past, in the wrong order, no day ticked', () => {
    const errors = (body: Record<string, string>) => {
      const parsed = parseWeekPatternForm(body, offers, '2026-11-02');
      return parsed.ok ? {} : parsed.errors;
    };
    expect(Object.keys(errors({}))).toEqual(['du', 'au', 'semaine']);
    expect(Object.keys(errors({ du: '31/11/2026', au: '01/12/2026', [`j1:${canteen}`]: 'jour' }))).toEqual(['du']);
    expect(errors({ du: '01/11/2026', au: '01/12/2026', [`j1:${canteen}`]: 'jour' }).du).toContain('passée');
    expect(errors({ du: '02/11/2026', au: '01/11/2026', [`j1:${canteen}`]: 'jour' })).toEqual({
      au: 'La date de fin doit être le jour de début ou après.',
    });
    expect(errors({ du: '02/11/2026', au: '02/11/2026', [`j1:${canteen}`]: 'soir' })).toEqual({
      semaine: 'Cochez au moins un jour de la semaine pour un service.',
    });
  });
});
