import { describe, expect, it } from 'vitest';
import { JOURNAL_PAGE_SIZE, journalFilters, localMidnight } from './journalQuery.js';

describe('localMidnight', () => {
  it('starts a day at midnight in Paris, in winter and in summer time', () => {
    expect(localMidnight('02/11/2026')!.toISOString()).toBe('2026-11-01T23:00:00.000Z');
    expect(localMidnight('2026-07-14')!.toISOString()).toBe('2026-07-13T22:00:00.000Z');
  });

  it('gives the right next midnight across the changes of time', () => {
    // 29 March 2026: 23 hours long; 25 October 2026: 25 hours long.
    expect(localMidnight('29/03/2026', 1)!.getTime() - localMidnight('29/03/2026')!.getTime()).toBe(23 * 3600_000);
    expect(localMidnight('25/10/2026', 1)!.getTime() - localMidnight('25/10/2026')!.getTime()).toBe(25 * 3600_000);
    expect(localMidnight('31/12/2026', 1)!.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('reads the first and last years a day may have, and has no next midnight after 31/12/9999', () => {
    expect(localMidnight('01/01/1000')).toBeInstanceOf(Date);
    expect(localMidnight('31/12/9999')!.toISOString()).toBe('9999-12-30T23:00:00.000Z');
    expect(localMidnight('31/12/9999', 1)).toBeNull();
  });

  it('refuses what is not a day', () => {
    for (const wrong of ['31/02/2026', '2026-13-01', '1/1/26', 'hier', ''])
      expect(localMidnight(wrong), wrong).toBeNull();
  });
});

describe('journalFilters', () => {
  it('reads the filters, the « au » day included, and the page', () => {
    const filters = journalFilters({
      texte: ' agent ',
      action: 'agent.login',
      du: '01/11/2026',
      au: '02/11/2026',
      page: '3',
    });
    expect(filters.errors).toEqual({});
    expect(filters.query).toEqual({
      text: 'agent',
      // « agent » is in the wording of the agents' acts: the text finds them by it too.
      textActions: expect.arrayContaining(['agent.invited', 'agent.disabled']),
      action: 'agent.login',
      from: new Date('2026-10-31T23:00:00Z'),
      before: new Date('2026-11-02T23:00:00Z'),
      limit: JOURNAL_PAGE_SIZE + 1,
      offset: 2 * JOURNAL_PAGE_SIZE,
    });
  });

  it('says which date is wrong, ignores an unknown action and a silly page', () => {
    const filters = journalFilters({ action: 'drop table', du: '32/01/2026', page: '-4' });
    expect(Object.keys(filters.errors)).toEqual(['du']);
    expect(filters.values.action).toBe('');
    expect(filters.page).toBe(1);
  });

  it('bounds nothing after a last day of 31/12/9999, and says nothing wrong', () => {
    const filters = journalFilters({ du: '01/11/2026', au: '31/12/9999' });
    expect(filters.errors).toEqual({});
    expect(filters.query.from).toEqual(new Date('2026-10-31T23:00:00Z'));
    expect(filters.query).not.toHaveProperty('before');
  });
});
