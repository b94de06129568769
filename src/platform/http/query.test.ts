import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParams } from './routeParams.js';
import {
  type QueryParams,
  choiceQuery,
  dayQuery,
  instantQuery,
  MAX_QUERY_VALUE,
  monthQuery,
  noticeNamed,
  queryParams,
  queryValue,
} from './query.js';

describe('queryValue', () => {
  it('keeps the first of a repeated parameter, and nothing that is not a plain bounded line', () => {
    expect(queryValue(['a', 'b'])).toBe('a');
    expect(queryValue({ a: 'x' })).toBeUndefined();
    expect(queryValue(undefined)).toBeUndefined();
    expect(queryValue('x'.repeat(MAX_QUERY_VALUE))).toHaveLength(MAX_QUERY_VALUE);
    expect(queryValue('x'.repeat(MAX_QUERY_VALUE + 1))).toBeUndefined();
    expect(queryValue('Mar\u0000tin')).toBeUndefined();
    expect(queryValue('a\nb')).toBeUndefined();
    expect(queryValue('Ame\u0301lie')).toBe('Amélie');
  });
});

describe('the query fields', () => {
  const schema = z.object({ mois: monthQuery, jour: dayQuery, at: instantQuery, vue: choiceQuery(['mois', 'liste']) });
  const read = (values: Record<string, string | undefined>) => schema.parse(values);

  it('takes the months and days of the calendar, 2000 to 2100, both ends included', () => {
    expect(read({ mois: '2000-01', jour: '2000-01-01' })).toMatchObject({ mois: '2000-01', jour: '2000-01-01' });
    expect(read({ mois: '2100-12', jour: '2100-12-31' })).toMatchObject({ mois: '2100-12', jour: '2100-12-31' });
    for (const mois of ['1999-12', '2101-01', '9999-12', '0000-01', '2026-13', '2026-00', '2026-1', ''])
      expect(read({ mois }).mois).toBeUndefined();
    for (const jour of ['1999-12-31', '2101-01-01', '9999-12-31', '2026-02-30', '17/11/2026'])
      expect(read({ jour }).jour).toBeUndefined();
  });

  it('takes an instant in milliseconds up to the end of the calendar', () => {
    expect(read({ at: '0' }).at?.getTime()).toBe(0);
    expect(read({ at: String(Date.parse('2100-12-31T23:59:59.999Z')) }).at?.toISOString()).toBe(
      '2100-12-31T23:59:59.999Z',
    );
    for (const at of ['4133980800000', '999999999999999', '-1', '1e400', '1.5', '9'.repeat(16)])
      expect(read({ at }).at).toBeUndefined();
  });

  it('takes one of the words it knows, and nothing else', () => {
    expect(read({ vue: 'liste' }).vue).toBe('liste');
    for (const vue of ['LISTE', 'constructor', '__proto__', '']) expect(read({ vue }).vue).toBeUndefined();
  });
});

describe('noticeNamed', () => {
  const notices = { annulee: 'La réservation est annulée.' };
  it('finds a notice of the table', () => expect(noticeNamed(notices, 'annulee')).toBe('La réservation est annulée.'));
  it('names nothing for a missing, unknown or inherited name', () => {
    expect(noticeNamed(notices, undefined)).toBeUndefined();
    expect(noticeNamed(notices, 'inconnue')).toBeUndefined();
    expect(noticeNamed(notices, 'constructor')).toBeUndefined();
    expect(noticeNamed(notices, '__proto__')).toBeUndefined();
  });
});

describe('queryParams', () => {
  const monthPage = z.object({ mois: monthQuery, vue: choiceQuery(['mois', 'liste']) });
  const id = '0b9c6a1e-54d1-4c47-9a55-2f0f6e3c1d2a';

  async function appWithRoute() {
    const app = Fastify();
    app.setNotFoundHandler(async (_request, reply) => reply.code(404).send('page introuvable'));
    app.get<{ Params: { memberId: string }; Querystring: QueryParams<typeof monthPage> }>(
      '/membres/:memberId/agenda',
      { ...idParams('memberId'), ...queryParams(monthPage) },
      async (request) => ({ mois: request.query.mois ?? 'mois en cours', vue: request.query.vue ?? 'mois' }),
    );
    await app.ready();
    return app;
  }

  it('hands the handler the query read by its schema', async () => {
    const app = await appWithRoute();
    const page = await app.inject({ url: `/membres/${id}/agenda?mois=2026-11&vue=liste&autre=1` });
    expect([page.statusCode, page.json()]).toEqual([200, { mois: '2026-11', vue: 'liste' }]);
  });

  it('falls back for a wrong, repeated, nested or over-long value: the page, never a 400', async () => {
    const app = await appWithRoute();
    for (const query of ['mois=2026-13&vue=semaine', 'mois[a]=2026-11', 'mois=2101-01', `vue=${'x'.repeat(600)}`]) {
      const page = await app.inject({ url: `/membres/${id}/agenda?${query}` });
      expect([query, page.statusCode, page.json()]).toEqual([query, 200, { mois: 'mois en cours', vue: 'mois' }]);
    }
    const repeated = await app.inject({ url: `/membres/${id}/agenda?mois=2026-11&mois=2026-12` });
    expect(repeated.json()).toEqual({ mois: '2026-11', vue: 'mois' });
  });

  it('keeps the path’s own check beside it: an id that is no uuid is the 404 page', async () => {
    const app = await appWithRoute();
    const page = await app.inject({ url: '/membres/pas-un-uuid/agenda?mois=2026-11' });
    expect([page.statusCode, page.body]).toEqual([404, 'page introuvable']);
  });
});
