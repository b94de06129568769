import { describe, expect, it } from 'vitest';
import { holidayNews, holidayWorkshopsLine } from './demoNews.js';

describe('the demo’s news about holiday activities', () => {
  it('names the next holidays still open and the day their bookings close, 4 weeks before', () => {
    const news = holidayNews('2026-11-02');
    expect(news.title).toBe('Vacances de Noël : inscriptions ouvertes');
    expect(news.summary).toBe(
      'Les inscriptions aux activités des vacances de Noël sont ouvertes jusqu’au samedi 21 novembre 2026.',
    );
    expect(news.body.join(' ')).toContain('au plus tard le samedi 21 novembre 2026');
  });

  it('moves on to the following holidays once the closing day is reached', () => {
    expect(holidayNews('2026-11-21').title).toBe('Vacances d’hiver : inscriptions ouvertes');
    expect(holidayNews('2026-11-20').title).toBe('Vacances de Noël : inscriptions ouvertes');
  });

  it('past the calendar’s last holidays, gives a closing day two weeks after the demo’s day', () => {
    const news = holidayNews('2027-06-10');
    expect(news.title).toBe('Prochaines vacances : inscriptions ouvertes');
    expect(news.summary).toContain('jusqu’au jeudi 24 juin 2027');
  });

  it('gives Belrive’s line on its workshops the same next holidays and closing day', () => {
    expect(holidayWorkshopsLine('2026-11-02')).toBe(
      'Stages des vacances de Noël : inscriptions ouvertes jusqu’au samedi 21 novembre 2026.',
    );
    expect(holidayWorkshopsLine('2027-06-10')).toBe(
      'Stages des prochaines vacances : inscriptions ouvertes jusqu’au jeudi 24 juin 2027.',
    );
  });
});
