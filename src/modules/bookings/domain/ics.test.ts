import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsDate, icsUtc, renderCalendar } from './ics.js';

const octets = (text: string) => new TextEncoder().encode(text).length;
/** The content lines back, unfolded (RFC 5545 3.1: a CRLF followed by one space is removed). */
const unfold = (text: string) => text.replace(/\r\n /g, '').split('\r\n');

const calendar = {
  prodId: '-//Parvis//Agenda//FR',
  name: 'Agenda de Rémi',
  stamp: new Date('2026-11-02T11:00:00Z'),
  events: [
    { uid: 'reservation-1@parvis', firstDay: '2026-11-17', summary: 'Rémi : Restauration scolaire' },
    {
      uid: 'session-2@parvis',
      firstDay: '2026-12-21',
      lastDay: '2026-12-24',
      summary: 'Rémi : Stage multisport',
      status: 'CONFIRMED' as const,
    },
  ],
};

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and line breaks, the backslash first', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('\\;')).toBe('\\\\\\;');
  });
  it('leaves the other characters, colons and accents included', () => {
    expect(escapeText('Rémi : mercredi « journée »')).toBe('Rémi : mercredi « journée »');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets whole and folds one of 76', () => {
    const exact = `SUMMARY:${'a'.repeat(67)}`;
    expect(octets(exact)).toBe(75);
    expect(foldLine(exact)).toBe(exact);
    const longer = `${exact}b`;
    expect(foldLine(longer)).toBe(`${exact}\r\n b`);
  });

  it('keeps every physical line within 75 octets, the leading space included, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Accueil de loisirs, journée avec repas; '.repeat(12)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((physical) => physical.startsWith(' ')),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never cuts a multi-octet character', () => {
    // 74 octets of ASCII then « é » (2 octets): it cannot end the first line.
    const line = `${'x'.repeat(74)}éé${'€'.repeat(40)}😀`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical[0]).toBe('x'.repeat(74));
    for (const part of physical) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
      expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('icsDate and icsUtc', () => {
  it('writes a day as DATE and an instant in UTC with its Z', () => {
    expect(icsDate('2026-11-17')).toBe('20261117');
    expect(icsUtc(new Date('2026-11-02T12:00:00+01:00'))).toBe('20261102T110000Z');
    // Summer time in Paris: still the UTC reading.
    expect(icsUtc(new Date('2027-03-28T23:59:59.999+02:00'))).toBe('20270328T215959Z');
  });
});

describe('renderCalendar', () => {
  const text = renderCalendar(calendar);

  it('ends every line with CRLF and has no bare line feed', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('opens with the version and the product, and closes the calendar', () => {
    const lines = unfold(text);
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Parvis//Agenda//FR']);
    expect(lines).toContain('X-WR-CALNAME:Agenda de Rémi');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('writes each day as an all-day event, its end the day after the last (exclusive)', () => {
    const lines = unfold(text);
    expect(lines).toContain('DTSTART;VALUE=DATE:20261117');
    expect(lines).toContain('DTEND;VALUE=DATE:20261118');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261221');
    expect(lines).toContain('DTEND;VALUE=DATE:20261225');
    // Across a month's and a year's end.
    const newYear = unfold(
      renderCalendar({ ...calendar, events: [{ uid: 'x@parvis', firstDay: '2026-12-31', summary: 'Réveillon' }] }),
    );
    expect(newYear).toContain('DTEND;VALUE=DATE:20270101');
  });

  it('gives every event its stable UID and the DTSTAMP in UTC', () => {
    const lines = unfold(text);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:reservation-1@parvis');
    expect(lines).toContain('UID:session-2@parvis');
    expect(lines.filter((line) => line === 'DTSTAMP:20261102T110000Z')).toHaveLength(2);
    expect(lines).toContain('STATUS:CONFIRMED');
    // The same events a day later: same UIDs, only the stamp moves.
    const later = renderCalendar({ ...calendar, stamp: new Date('2026-11-03T11:00:00Z') });
    expect(later.replace(/DTSTAMP:\S+/g, '')).toBe(text.replace(/DTSTAMP:\S+/g, ''));
  });

  it('escapes the text of a summary and folds a long one', () => {
    const summary = 'Rémi : Accueil de loisirs du mercredi, après-midi; avec repas\net goûter '.repeat(3);
    const out = renderCalendar({
      ...calendar,
      events: [{ uid: 'r@parvis', firstDay: '2026-11-18', summary, description: 'a\\b' }],
    });
    for (const physical of out.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    expect(unfold(out)).toContain(`SUMMARY:${escapeText(summary)}`);
    expect(unfold(out)).toContain('DESCRIPTION:a\\\\b');
  });

  it('asks subscribed applications to refresh when told', () => {
    const lines = unfold(renderCalendar({ ...calendar, refresh: 'PT6H' }));
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT6H');
  });

  it('makes an empty calendar valid', () => {
    const lines = unfold(renderCalendar({ ...calendar, events: [] }));
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).not.toContain('BEGIN:VEVENT');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});
