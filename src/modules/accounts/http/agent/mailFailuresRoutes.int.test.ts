import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import { activeCitizen, auditOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { type SmtpSink, startSmtpSink } from '../../../../../test/smtpSink.js';
import { mailbox } from '../../../../platform/mail/mailSchema.js';
import type { MailboxEntry } from '../../../../platform/mail/mailboxRepository.js';
import type { Commune } from '../../../communes/domain/commune.js';

async function until<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** « Courriels en échec » over real HTTP and real SMTP: a relay that refuses an address, then takes it. */
describe.each(testDatabases())('the mails in failure at the guichet on $name', (testDatabase) => {
  let sink: SmtpSink;
  let commune: Commune;
  let other: Commune;
  const refused = new Set<string>();

  beforeAll(async () => {
    sink = await startSmtpSink();
    sink.answerRecipient = (address) =>
      refused.has(address) ? { code: 550, text: '5.1.1 Recipient address rejected' } : null;
  });
  afterAll(async () => {
    await sink.close();
  });
  const { t, database } = useTestApp(testDatabase.open, () => ({ smtpUrl: sink.url, mode: 'production' }));
  beforeAll(async () => {
    commune = await createCommune(t.container.communes);
    other = await createCommune(t.container.communes);
  });

  const rowTo = async (to: string): Promise<MailboxEntry | undefined> =>
    (await database.db.select().from(mailbox).where(eq(mailbox.to, to)))[0];

  it('shows the refused mail with its reason to the desk’s agents only, and « Renvoyer » sends it, audited', async () => {
    const citizen = await activeCitizen(t, commune);
    refused.add(citizen.email);
    const family = new WebClient(t.origin);
    await family.get(`/${commune.slug}/mot-de-passe-oublie`);
    await family.post(`/${commune.slug}/mot-de-passe-oublie`, { identifier: citizen.username });
    const failed = await until(async () => {
      const row = await rowTo(citizen.email);
      return row?.status === 'failed' ? row : undefined;
    }, 'the refusal');

    const agent = await deskAgent(t, commune);
    const page = await agent.client.get(`/${commune.slug}/guichet/courriels-en-echec`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(citizen.email);
    expect(page.html).toContain('Choisissez un nouveau mot de passe');
    expect(page.html).toContain('Le serveur d’envoi a refusé l’adresse du destinataire, code 550');
    expect(page.html).toContain(`action="/${commune.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer"`);
    // The body and its link are never shown at the desk.
    expect(page.html).not.toContain('jeton=');
    const home = await agent.client.get(`/${commune.slug}/guichet`);
    expect(home.html).toContain('Courriels en échec');

    // Another commune's agent, an animateur: nothing to see, nothing to send.
    const stranger = await deskAgent(t, other);
    expect((await stranger.client.get(`/${other.slug}/guichet/courriels-en-echec`)).html).not.toContain(citizen.email);
    await stranger.client.get(`/${other.slug}/guichet/courriels-en-echec`);
    expect((await stranger.client.post(`/${other.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer`)).status).toBe(
      404,
    );
    const animateur = await deskAgent(t, commune, { role: 'animateur' });
    expect((await animateur.client.get(`/${commune.slug}/guichet/courriels-en-echec`)).status).toBe(404);
    expect(
      (await animateur.client.post(`/${commune.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer`)).status,
    ).toBe(404);
    // Without the form's token: refused.
    expect(
      (
        await agent.client.post(
          `/${commune.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer`,
          {},
          { csrf: false },
        )
      ).status,
    ).toBe(403);
    expect((await rowTo(citizen.email))!.status).toBe('failed');
    expect((await auditOf(t, commune)).filter((event) => event.action === 'mail.resent')).toEqual([]);

    // The address is fixed at the relay: « Renvoyer ».
    refused.delete(citizen.email);
    await agent.client.get(`/${commune.slug}/guichet/courriels-en-echec`);
    const resent = await agent.client.post(`/${commune.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer`);
    expect(resent.status).toBe(303);
    expect(resent.location).toBe(`/${commune.slug}/guichet/courriels-en-echec?fait=renvoye`);
    expect((await agent.client.follow()).html).toContain('Le message est renvoyé');
    const mail = await sink.waitFor((m) => m.to.includes(citizen.email), 30_000);
    expect(mail.text).toContain('mot-de-passe-oublie/nouveau?jeton=');
    await until(async () => (await rowTo(citizen.email)) === undefined, 'the sent mail to leave the table');
    const events = (await auditOf(t, commune)).filter((event) => event.action === 'mail.resent');
    expect(events).toMatchObject([{ actorId: agent.agent.id, subjectId: failed.id }]);
    // Sent twice by mistake: the second is told the mail is no longer in failure... or gone.
    expect((await agent.client.post(`/${commune.slug}/guichet/courriels-en-echec/${failed.id}/renvoyer`)).status).toBe(
      404,
    );
  });
});
