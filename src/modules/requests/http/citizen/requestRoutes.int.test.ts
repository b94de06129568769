import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import {
  addressRequest,
  deskAgent,
  mailSubjects,
  newMemberRequest,
  requestRow,
} from '../../../../../test/requestFactories.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { requestMessages } from '../../requestsSchema.js';

describe.each(testDatabases())('the family’s requests on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const paths = (commune: Commune) => {
    const base = `/${commune.slug}/mon-tableau-de-bord`;
    return { dashboard: base, requests: `${base}/demandes`, request: (id: string) => `${base}/demandes/${id}` };
  };
  const messagesOf = (id: string) =>
    t.container.database.db.select().from(requestMessages).where(eq(requestMessages.requestId, id));

  it('shows the latest requests on the dashboard, lists them newest first, filters them by status and opens one', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { agent } = await createAgent(t.container, commune, { firstName: 'Solène', lastName: 'Garnier' });
    const address = await addressRequest(t, commune, family);
    t.clock.advance(60_000);
    const member = await newMemberRequest(t, commune, family, 'Lina');
    const path = paths(commune);

    const dashboard = await family.client.get(path.dashboard);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('cache-control')).toBe('no-store');
    const board = textOf(dashboard.html);
    expect(board).toContain('Dernières demandes');
    expect(board.indexOf('Nouveau membre du foyer : Lina MARTIN')).toBeLessThan(board.indexOf('Adresse du foyer'));
    expect(dashboard.html).toContain(`href="${path.request(address)}"`);
    expect(dashboard.html).toContain(`href="/${commune.slug}/mon-tableau-de-bord/coordonnees"`);
    expect(dashboard.html).toContain(`href="/${commune.slug}/ma-famille/factures"`);
    expect(dashboard.html).toContain(`href="/${commune.slug}/mon-tableau-de-bord/pieces-justificatives"`);

    const list = await family.client.get(path.requests);
    expect(list.status).toBe(200);
    const rows = textOf(list.html);
    expect(rows).toContain('2 demandes.');
    expect(rows.indexOf('Nouveau membre du foyer : Lina MARTIN')).toBeLessThan(rows.indexOf('Adresse du foyer'));
    expect(rows).toContain('Déposée');

    expect((await t.container.requests.take(commune, address, agentAuthor(agent), 0)).ok).toBe(true);
    const filtered = await family.client.get(`${path.requests}?statut=en-cours`);
    expect(filtered.html).toContain('<option value="en-cours" selected>');
    expect(filtered.html).toContain(`href="${path.request(address)}"`);
    expect(filtered.html).not.toContain(`href="${path.request(member)}"`);
    expect(textOf((await family.client.get(`${path.requests}?statut=annulee`)).html)).toContain(
      'Aucune demande n’a le statut « Annulée ».',
    );
    const unknown = await family.client.get(`${path.requests}?statut=${encodeURIComponent('<b>')}`);
    expect(unknown.status).toBe(200);
    expect(textOf(unknown.html)).toContain('2 demandes.');

    const page = await family.client.get(path.request(address));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<h1>Adresse du foyer</h1>');
    const text = textOf(page.html);
    for (const expected of [
      'En cours de traitement',
      'Modification du dossier famille',
      'Avant',
      'Après',
      'Numéro et voie',
      '12 rue des Glycines',
      'Demande déposée',
      'Prise en charge par le guichet unique',
      'Statut : En cours de traitement',
      'Guichet unique',
      `Aurélie ${family.representative.lastName.toUpperCase()}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The family reads « Guichet unique », never the agent's name.
    expect(text).not.toContain('GARNIER');
    expect(page.html).toContain(`action="${path.request(address)}/messages"`);
    expect(page.html, 'not cancellable once taken').not.toContain(`action="${path.request(address)}/annuler"`);
  });

  it('answers: the message joins the thread as typed, agents see it unread until they open it, and the family gets no mail for it', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const id = await addressRequest(t, commune, family);
    const path = paths(commune).request(id);
    await family.client.get(path);

    const empty = await family.client.post(`${path}/messages`, { message: '  \r\n ' });
    expect(empty.status).toBe(400);
    expect(summaryOf(empty.html)).toEqual({ message: 'Écrivez votre message au guichet unique.' });
    const long = await family.client.post(`${path}/messages`, { message: 'a'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(summaryOf(long.html)).toEqual({
      message: 'Votre message ne peut pas dépasser 2000 caractères : raccourcissez-le.',
    });
    expect(long.html, 'the text typed comes back').toContain('a'.repeat(2001));
    expect(await messagesOf(id)).toHaveLength(0);

    const before = await mailSubjects(t, [family.citizen.email]);
    expect(before).toEqual(['Votre demande est déposée']);
    const sent = await family.client.post(`${path}/messages`, {
      message: 'Bonjour,\r\nnous avons <b>déménagé</b> le 1er.',
    });
    expect([sent.status, sent.location]).toEqual([303, `${path}?fait=message`]);
    const shown = await family.client.follow();
    expect(textOf(shown.html)).toContain('Votre message est envoyé au guichet unique.');
    expect(shown.html).toContain('nous avons &lt;b>déménagé&lt;/b> le 1er.');
    expect(shown.html).not.toContain('<b>déménagé');
    expect((await messagesOf(id))[0]!.body).toBe('Bonjour,\nnous avons <b>déménagé</b> le 1er.');
    expect(await mailSubjects(t, [family.citizen.email]), 'the family is not told of its own message').toEqual(before);

    const { client: desk } = await deskAgent(t, commune);
    const base = `/${commune.slug}/guichet`;
    expect(textOf((await desk.get(base)).html)).toContain('1 demande ouverte a un message non lu');
    const queue = await desk.get(`${base}/demandes`);
    expect(queue.html).toContain('<span class="unread">Message non lu</span>');
    expect(await t.container.requests.unreadCount(commune)).toBe(1);
    const opened = await desk.get(`${base}/demandes/${id}`);
    expect(opened.status).toBe(200);
    expect(textOf(opened.html)).toContain('nous avons <b>déménagé</b> le 1er.');
    expect((await desk.get(`${base}/demandes`)).html).not.toContain('Message non lu');
    expect(await t.container.requests.unreadCount(commune)).toBe(0);
    expect(textOf((await desk.get(base)).html)).not.toContain('message non lu');
  });

  it('cancels a « déposée » request once confirmed, and cannot cancel one the guichet unique has taken', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { agent } = await createAgent(t.container, commune);
    const id = await addressRequest(t, commune, family);
    const path = paths(commune).request(id);

    const page = await family.client.get(path);
    expect(page.html).toContain(`action="${path}/annuler"`);
    const asked = await family.client.post(`${path}/annuler`);
    expect(asked.status).toBe(200);
    expect(textOf(asked.html)).toContain('Voulez-vous vraiment annuler cette demande ?');
    expect(asked.html).toContain('name="confirmation" value="oui"');
    expect((await requestRow(t, id))!.status).toBe('deposee');

    const cancelled = await family.client.post(`${path}/annuler`, { confirmation: 'oui' });
    expect([cancelled.status, cancelled.location]).toEqual([303, `${path}?fait=annulee`]);
    const after = textOf((await family.client.follow()).html);
    expect(after).toContain('Votre demande est annulée.');
    expect(after).toContain('Statut : Annulée');
    expect(after).toContain('Cette demande est close');
    expect((await requestRow(t, id))!.status).toBe('annulee');
    const late = await family.client.post(`${path}/messages`, { message: 'Finalement…' });
    expect(late.status).toBe(409);
    expect(textOf(late.html)).toContain('Cette demande est close : vous ne pouvez plus y répondre.');
    expect(await messagesOf(id)).toHaveLength(0);

    // The address can be asked again, and this time the guichet unique takes it first.
    const taken = await addressRequest(t, commune, family, '3 allée des Tilleuls');
    expect((await t.container.requests.take(commune, taken, agentAuthor(agent), 0)).ok).toBe(true);
    const takenPath = paths(commune).request(taken);
    await family.client.get(takenPath);
    for (const fields of [{}, { confirmation: 'oui' }] as Record<string, string>[]) {
      const refused = await family.client.post(`${takenPath}/annuler`, fields);
      expect(refused.status).toBe(409);
      expect(textOf(refused.html)).toContain('Cette demande ne peut plus être annulée');
    }
    expect((await requestRow(t, taken))!.status).toBe('en-cours');
  });

  it('answers 404 for another family’s request, another commune’s, and an id that is not a uuid', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const neighbour = await linkedParent(t, commune);
    const theirs = await addressRequest(t, commune, neighbour);
    const elsewhere = await createCommune(t.container.communes);
    const faraway = await linkedParent(t, elsewhere);
    const farRequest = await addressRequest(t, elsewhere, faraway);
    const path = paths(commune);
    await family.client.get(path.requests);

    for (const id of [theirs, farRequest, 'pas-un-uuid', '00000000-0000-0000-0000-000000000000']) {
      expect((await family.client.get(path.request(id))).status, `GET ${id}`).toBe(404);
      expect(
        (await family.client.post(`${path.request(id)}/messages`, { message: 'Bonjour' })).status,
        `message ${id}`,
      ).toBe(404);
      expect((await family.client.post(`${path.request(id)}/annuler`)).status, `cancel ${id}`).toBe(404);
      expect(
        (await family.client.post(`${path.request(id)}/annuler`, { confirmation: 'oui' })).status,
        `confirmed cancel ${id}`,
      ).toBe(404);
    }
    expect((await requestRow(t, theirs))!.status).toBe('deposee');
    expect(await messagesOf(theirs)).toHaveLength(0);
    expect(textOf((await family.client.get(path.requests)).html)).toContain('Vous n’avez encore fait aucune demande.');
  });
});
