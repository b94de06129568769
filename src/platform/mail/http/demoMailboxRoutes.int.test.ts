import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.js';
import type { Commune } from '../../../modules/communes/domain/commune.js';
import { buildAssets } from '../../assets/assets.js';
import { TestClock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import { registerPages } from '../../http/pages.js';
import { registerSecurityHeaders } from '../../http/securityHeaders.js';
import { registerCommuneRoutes } from '../../http/tenant.js';
import { mailbox } from '../mailSchema.js';
import { MailboxRepository } from '../mailboxRepository.js';
import { demoMailboxRoutes } from './demoMailboxRoutes.js';

// The mail box needs only the commune from the tenant hook: two made-up communes, no table behind.
function commune(): Commune {
  const id = randomBytes(4).toString('hex');
  return {
    id: randomUUID(),
    slug: `commune-${id}`,
    name: `Commune ${id}`,
    postcode: '78000',
    schoolZone: 'C',
    brandColor: '#00558c',
    mainSiteUrl: 'https://example.org/',
    presentation: [],
    accessibilityStatus: 'partiellement conforme',
    desk: { name: 'Guichet', street: '1 rue', postcode: '78000', city: 'Ville', phone: '', email: '', hours: [] },
    logoMediaType: null,
    version: 'v1',
  };
}

describe.each(testDatabases())('the demo mail box on $name', (testDatabase) => {
  let database: Database;
  let app: FastifyInstance;
  const here = commune();
  const elsewhere = commune();

  beforeAll(async () => {
    database = await testDatabase.open();
    app = Fastify();
    registerSecurityHeaders(app);
    registerPages(app, { assets: buildAssets().urls, clock: new TestClock() });
    app.setNotFoundHandler((_request, reply) => reply.code(404).send('introuvable'));
    const communes = [here, elsewhere];
    const find = (slug: string) => communes.find((c) => c.slug === slug);
    await registerCommuneRoutes(app, { cached: find, resolve: async (slug) => find(slug) ?? null }, [
      demoMailboxRoutes(new MailboxRepository(database.db)),
    ]);
  });

  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const insert = (communeId: string, subject: string, createdAt: Date, text = 'Bonjour.') =>
    database.db
      .insert(mailbox)
      .values({ communeId, from: '"Mairie" <mairie@example.org>', to: 'camille@example.org', subject, text, html: '<p>x</p>', createdAt })
      .returning()
      .then(([row]) => row!);

  it("lists the commune's mails, newest first, and no other commune's", async () => {
    await insert(here.id, 'Premier message', new Date('2026-11-02T08:00:00Z'));
    await insert(here.id, 'Second message', new Date('2026-11-02T09:30:00Z'));
    await insert(elsewhere.id, "Message d'ailleurs", new Date('2026-11-02T10:00:00Z'));
    const response = await app.inject(`/${here.slug}/boite-mail-demo`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('Boîte mail de démonstration : en production, ces messages partent par e-mail.');
    expect(response.body.indexOf('Second message')).toBeLessThan(response.body.indexOf('Premier message'));
    expect(response.body).not.toContain('ailleurs');
    // Paris time, whatever the server's zone.
    expect(response.body).toContain('02/11/2026 10:30');
  });

  it('shows a mail with its links clickable and everything else as text', async () => {
    const text = 'Bonjour <b>Camille</b>,\n\nActivez votre espace :\nhttps://parvis.example.org/c/activer?jeton=a&b=1.\n\nLa mairie';
    const mail = await insert(here.id, 'Activez <votre> espace', new Date(), text);
    const response = await app.inject(`/${here.slug}/boite-mail-demo/${mail.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<a href="https://parvis.example.org/c/activer?jeton=a&amp;b=1">https://parvis.example.org/c/activer?jeton=a&amp;b=1</a>.');
    expect(response.body).toContain('Bonjour &lt;b>Camille&lt;/b>,');
    expect(response.body).toContain('Activez &lt;votre> espace');
    expect(response.body).toContain('&quot;Mairie&quot; &lt;mairie@example.org>');
  });

  it("answers 404 for another commune's mail, an unknown one, or an address that is no id", async () => {
    const theirs = await insert(elsewhere.id, 'À eux', new Date());
    for (const id of [theirs.id, randomUUID(), 'pas-un-identifiant']) {
      const response = await app.inject(`/${here.slug}/boite-mail-demo/${id}`);
      expect(response.statusCode).toBe(404);
    }
  });
});
