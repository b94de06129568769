import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type IdParams, idParams } from './routeParams.js';

/** A route with a guard hook, as the doors add theirs: the guard answers first, then the ids' check. */
async function appWithRoute() {
  const app = Fastify();
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send('page introuvable'));
  app.addHook('preHandler', async (request, reply) =>
    request.headers['x-session'] ? undefined : reply.redirect('/connexion', 303),
  );
  app.get<{ Params: IdParams<'memberId'> & { group: string } }>(
    '/membres/:memberId/:group',
    idParams('memberId'),
    async (request) => `${request.params.memberId} ${request.params.group}`,
  );
  await app.ready();
  return app;
}

describe('idParams', () => {
  const id = '0b9c6a1e-54d1-4c47-9a55-2f0f6e3c1d2a';

  it('lets a uuid through to the handler, typed', async () => {
    const app = await appWithRoute();
    const page = await app.inject({ url: `/membres/${id}/contact`, headers: { 'x-session': '1' } });
    expect([page.statusCode, page.body]).toEqual([200, `${id} contact`]);
  });

  it('answers the 404 page for an id that is no uuid, a uuid with a prefix or a suffix included', async () => {
    const app = await appWithRoute();
    for (const bad of ['pas-un-uuid', `urn:uuid:${id}`, `${id}0`, `{${id}}`, id.replaceAll('-', '')]) {
      const page = await app.inject({
        url: `/membres/${encodeURIComponent(bad)}/contact`,
        headers: { 'x-session': '1' },
      });
      expect([bad, page.statusCode, page.body]).toEqual([bad, 404, 'page introuvable']);
    }
  });

  it('leaves the door’s guard answer first: no session, the login page, whatever the address holds', async () => {
    const app = await appWithRoute();
    const page = await app.inject({ url: '/membres/pas-un-uuid/contact' });
    expect([page.statusCode, page.headers.location]).toEqual([303, '/connexion']);
  });
});
