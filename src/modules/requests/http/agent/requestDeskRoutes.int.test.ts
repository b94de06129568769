import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { auditOf, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import {
  addressRequest,
  contactRequest,
  deskAgent,
  familyOfTwoParents,
  mailSubjects,
  newMemberRequest,
  requestRow,
  versionIn,
} from '../../../../../test/requestFactories.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { citizenAuthor } from '../../../families/http/citizen/familyRequest.js';
import { familyAdults, familyChanges, familyMembers, families } from '../../../families/familiesSchema.js';
import { requestMessages } from '../../requestsSchema.js';

const changed =
  'Cette demande a été modifiée entre-temps (par exemple décidée par un autre agent) : voici son état actuel.';
const DAY = 86_400_000;

describe.each(testDatabases())('the guichet’s requests on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  const desk = (commune: Commune) => {
    const base = `/${commune.slug}/guichet/demandes`;
    return { queue: base, request: (id: string) => `${base}/${id}` };
  };
  const membersOf = async (familyId: string) =>
    (await db().select().from(familyMembers).where(eq(familyMembers.familyId, familyId))).length;
  const changesOf = (requestId: string) =>
    db().select().from(familyChanges).where(eq(familyChanges.requestId, requestId));
  /** Waits for the mail with this subject to each address. */
  const mailed = (to: string[], subject: string) =>
    Promise.all(
      to.map((address) => waitForMail(db(), (mail) => mail.to === address && mail.subject.startsWith(subject))),
    );

  it('takes a request, asks for more, gets the answer back « en cours », accepts it: the file changes and both parents are told each time', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await familyOfTwoParents(t, commune);
    const parents = [family.citizen.email, family.otherCitizen.email];
    const { agent, client } = await deskAgent(t, commune, { firstName: 'Solène', lastName: 'Garnier' });
    const id = await addressRequest(t, commune, family, '12 rue des Glycines');
    await mailed(parents, 'Votre demande est déposée');
    const path = desk(commune);

    const queue = await client.get(path.queue);
    expect(queue.status).toBe(200);
    expect(queue.headers.get('cache-control')).toBe('no-store');
    expect(queue.html).toContain(`href="${path.request(id)}"`);
    expect(queue.html).toContain(`href="/${commune.slug}/guichet/familles/${family.family.id}"`);
    const row = textOf(queue.html);
    for (const expected of [
      '1 demande, les plus anciennes en premier.',
      family.family.reference,
      'Modification du dossier famille',
      'Déposée',
      'Personne',
    ])
      expect(row, expected).toContain(expected);

    const page = await client.get(path.request(id));
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const expected of [
      'Valeur lors de la demande',
      'Valeur demandée',
      'Numéro et voie',
      '12 rue des Glycines',
      'Demande déposée',
      family.family.reference,
    ])
      expect(text, expected).toContain(expected);
    expect(page.html).toContain('name="version" value="0"');

    const taken = await client.post(`${path.request(id)}/prendre`, { version: versionIn(page.html) });
    expect([taken.status, taken.location]).toEqual([303, `${path.request(id)}?fait=prise`]);
    const mine = textOf((await client.follow()).html);
    expect(mine).toContain('Vous avez cette demande en charge.');
    expect(mine).toContain('GARNIER Solène');
    expect(mine).toContain('Prise en charge par Solène GARNIER');
    expect((await requestRow(t, id))!).toMatchObject({ status: 'en-cours', assignedAgentId: agent.id });
    await mailed(parents, 'Votre demande : en cours de traitement');

    const unexplained = await client.post(`${path.request(id)}/decision`, {
      decision: 'a-completer',
      explanation: ' ',
      version: versionIn(client.last!.html),
    });
    expect(unexplained.status).toBe(400);
    expect(summaryOf(unexplained.html)).toEqual({ explanation: 'Dites à la famille ce qu’elle doit compléter.' });
    const asked = await client.post(`${path.request(id)}/decision`, {
      decision: 'a-completer',
      explanation: 'Merci de joindre un justificatif de domicile.',
      version: versionIn(unexplained.html),
    });
    expect(asked.status).toBe(303);
    expect((await requestRow(t, id))!.status).toBe('a-completer');
    await mailed(parents, 'Votre demande : à compléter');

    const familyPage = `/${commune.slug}/mon-tableau-de-bord/demandes/${id}`;
    const seen = textOf((await family.client.get(familyPage)).html);
    expect(seen).toContain('À compléter');
    expect(seen).toMatch(/Guichet unique\s*, le/);
    expect(seen).toContain('Merci de joindre un justificatif de domicile.');
    const before = await mailSubjects(t, parents);
    expect(
      (await family.client.post(`${familyPage}/messages`, { message: 'Le voici : bail signé le 3 mars.' })).status,
    ).toBe(303);
    expect((await requestRow(t, id))!.status).toBe('en-cours');
    expect(await mailSubjects(t, parents), 'the family’s own answer mails nobody of the family').toEqual(before);

    const reopened = await client.get(path.request(id));
    expect(textOf(reopened.html)).toContain('Le voici : bail signé le 3 mars.');
    const accepted = await client.post(`${path.request(id)}/decision`, {
      decision: 'accepter',
      explanation: '',
      version: versionIn(reopened.html),
    });
    expect([accepted.status, accepted.location]).toEqual([303, `${path.request(id)}?fait=decision`]);
    expect(textOf((await client.follow()).html)).toContain('La décision est enregistrée.');
    expect((await requestRow(t, id))!.status).toBe('acceptee');
    const [file] = await db().select().from(families).where(eq(families.id, family.family.id));
    expect(file!.street).toBe('12 rue des Glycines');
    const history = await changesOf(id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ familyId: family.family.id, fieldGroup: 'address', actorId: agent.id });
    await mailed(parents, 'Votre demande : acceptée');
    expect((await auditOf(t, commune)).map((event) => event.action)).toContain('request.acceptee');
    const closed = textOf((await family.otherClient.get(familyPage)).html);
    expect(closed).toContain('Statut : Acceptée');
    expect(closed).toContain('Cette demande est close');
  });

  it('refuses with a message: nothing is applied and the family reads why', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { client } = await deskAgent(t, commune);
    const id = await newMemberRequest(t, commune, family, 'Lina');
    const members = await membersOf(family.family.id);
    const path = desk(commune).request(id);
    const page = await client.get(path);
    expect(textOf(page.html)).toContain('Nouveau membre du foyer : Lina MARTIN');

    const silent = await client.post(`${path}/decision`, { decision: 'refuser', version: versionIn(page.html) });
    expect(silent.status).toBe(400);
    expect(summaryOf(silent.html)).toEqual({ explanation: 'Expliquez à la famille pourquoi la demande est refusée.' });
    expect(silent.html, 'the choice made is kept').toContain('value="refuser" checked');
    const none = await client.post(`${path}/decision`, { explanation: 'Pourquoi pas', version: versionIn(page.html) });
    expect(summaryOf(none.html)).toEqual({
      decision: 'Choisissez une décision : accepter, refuser ou demander un complément.',
    });

    const refused = await client.post(`${path}/decision`, {
      decision: 'refuser',
      explanation: 'Lina est déjà inscrite dans le dossier de son autre parent.',
      version: versionIn(page.html),
    });
    expect(refused.status).toBe(303);
    expect((await requestRow(t, id))!.status).toBe('refusee');
    expect(await membersOf(family.family.id)).toBe(members);
    expect(await changesOf(id)).toHaveLength(0);
    await mailed([family.citizen.email], 'Votre demande : refusée');
    const seen = textOf((await family.client.get(`/${commune.slug}/mon-tableau-de-bord/demandes/${id}`)).html);
    expect(seen).toContain('Statut : Refusée');
    expect(seen).toContain('Lina est déjà inscrite dans le dossier de son autre parent.');

    // Closed: no decision any more, and the engine refuses one sent anyway.
    const after = await client.get(path);
    expect(textOf(after.html)).toContain('Cette demande est close : aucune décision n’est plus possible.');
    expect(after.html).not.toContain('name="version"');
    const again = await client.post(`${path}/decision`, {
      decision: 'accepter',
      version: String((await requestRow(t, id))!.version),
    });
    expect(again.status).toBe(409);
    expect(await membersOf(family.family.id)).toBe(members);
  });

  it('writes to the family: each message mails the family and leaves the status as it was', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { client } = await deskAgent(t, commune);
    const id = await addressRequest(t, commune, family);
    const path = desk(commune).request(id);
    await client.get(path);

    const empty = await client.post(`${path}/messages`, { message: '' });
    expect(empty.status).toBe(400);
    expect(summaryOf(empty.html)).toEqual({ message: 'Écrivez votre message à la famille.' });
    for (const body of ['Bonjour, nous regardons votre demande.', 'Pourriez-vous préciser le bâtiment ?']) {
      const sent = await client.post(`${path}/messages`, { message: body });
      expect([sent.status, sent.location]).toEqual([303, `${path}?fait=message`]);
    }
    const thread = await db().select().from(requestMessages).where(eq(requestMessages.requestId, id));
    expect(thread.map((m) => m.authorKind)).toEqual(['agent', 'agent']);
    expect((await requestRow(t, id))!).toMatchObject({ status: 'deposee', version: 0 });
    const subjects = await mailSubjects(t, [family.citizen.email]);
    expect(subjects.filter((s) => s === 'Nouveau message du guichet unique')).toHaveLength(2);
    expect(textOf((await family.client.get(`/${commune.slug}/mon-tableau-de-bord/demandes/${id}`)).html)).toContain(
      'Pourriez-vous préciser le bâtiment ?',
    );
  });

  it('lets one of two agents deciding the same request at once win; the other is told, and the member is added once', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const first = await deskAgent(t, commune, { firstName: 'Solène', lastName: 'Garnier' });
    const second = await deskAgent(t, commune, { firstName: 'Karim', lastName: 'Haddad' });
    for (let round = 0; round < 4; round++) {
      const id = await newMemberRequest(t, commune, family, `Enfant${round}`);
      const members = await membersOf(family.family.id);
      const path = desk(commune).request(id);
      const [seenByFirst, seenBySecond] = [await first.client.get(path), await second.client.get(path)];
      const answers = await Promise.all([
        first.client.post(`${path}/decision`, { decision: 'accepter', version: versionIn(seenByFirst.html) }),
        second.client.post(`${path}/decision`, { decision: 'accepter', version: versionIn(seenBySecond.html) }),
      ]);
      expect(answers.map((a) => a.status).sort(), `round ${round}`).toEqual([303, 409]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(textOf(loser.html)).toContain(changed);
      expect(textOf(loser.html)).toContain('Acceptée');
      expect(await membersOf(family.family.id), `round ${round}`).toBe(members + 1);
      expect(await changesOf(id)).toHaveLength(1);
      expect((await requestRow(t, id))!).toMatchObject({ status: 'acceptee', version: 1 });
    }
  });

  it('refuses a decision made on a page older than the request: nothing applied, the page shows it as it is now', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { client } = await deskAgent(t, commune);
    const id = await newMemberRequest(t, commune, family);
    const members = await membersOf(family.family.id);
    const path = desk(commune).request(id);
    const stale = await client.get(path);
    // The family writes meanwhile: the request moved on.
    expect(
      (
        await t.container.requests.familyMessage(
          commune,
          family.family.id,
          id,
          citizenAuthor(family.citizen),
          'Une précision : elle est née à Poissy.',
        )
      ).ok,
    ).toBe(true);
    for (const version of [versionIn(stale.html), 'abc']) {
      const late = await client.post(`${path}/decision`, { decision: 'accepter', version });
      expect(late.status).toBe(409);
      expect(textOf(late.html)).toContain(changed);
      expect(textOf(late.html)).toContain('Une précision : elle est née à Poissy.');
    }
    expect((await requestRow(t, id))!.status).toBe('deposee');
    expect(await membersOf(family.family.id)).toBe(members);
  });

  it('keeps an acceptance that cannot be applied from writing anything: the request stays open', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { client } = await deskAgent(t, commune);
    const id = await contactRequest(t, commune, family, family.coRepresentative);
    const path = desk(commune).request(id);
    const page = await client.get(path);
    expect(textOf(page.html)).toContain('06 11 22 33 44');
    // The person the change is about has left the file since.
    await db()
      .delete(familyAdults)
      .where(and(eq(familyAdults.id, family.coRepresentative.id), eq(familyAdults.familyId, family.family.id)));
    const before = await mailSubjects(t, [family.citizen.email]);

    const refused = await client.post(`${path}/decision`, { decision: 'accepter', version: versionIn(page.html) });
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('La personne concernée ne fait plus partie du dossier famille');
    expect((await requestRow(t, id))!).toMatchObject({ status: 'deposee', version: 0, decidedAt: null });
    expect(await changesOf(id)).toHaveLength(0);
    expect(await mailSubjects(t, [family.citizen.email])).toEqual(before);
    expect((await auditOf(t, commune)).map((event) => event.action)).not.toContain('request.acceptee');
    // What remains possible: refusing it with an explanation.
    const closed = await client.post(`${path}/decision`, {
      decision: 'refuser',
      explanation: 'Xavier ne fait plus partie du dossier.',
      version: versionIn(refused.html),
    });
    expect(closed.status).toBe(303);
  });

  it('writes an audit line, without the notes, each time an agent opens a request that carries health notes', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const { agent, client } = await deskAgent(t, commune);
    const outcome = await t.container.familyFile.change(
      commune,
      family.family.id,
      { kind: 'member', id: family.child.id },
      'health',
      { allergies: 'arachide', pai: true, doctorName: 'Dr Vasseur', doctorPhone: '' },
      citizenAuthor(family.citizen),
      '127.0.0.1',
    );
    if (!outcome.ok || outcome.done !== 'requested') throw new Error('no request');
    const health = () =>
      auditOf(t, commune).then((events) => events.filter((event) => event.action === 'health.viewed'));
    expect(await health()).toHaveLength(0);
    await client.get(desk(commune).queue);
    expect(await health(), 'the queue shows no notes').toHaveLength(0);

    const page = await client.get(desk(commune).request(outcome.requestId));
    expect(textOf(page.html)).toContain('arachide');
    const views = await health();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ actorId: agent.id, subjectKind: 'member', subjectId: family.child.id });
    expect(JSON.stringify(views)).not.toContain('arachide');
    await client.get(desk(commune).request(outcome.requestId));
    expect(await health()).toHaveLength(2);
  });

  it('filters the queue by type, status, age, assigned agent and unread messages', async () => {
    const commune = await createCommune(t.container.communes);
    const older = await linkedParent(t, commune);
    const newer = await linkedParent(t, commune);
    const oldRequest = await addressRequest(t, commune, older);
    t.clock.advance(3 * DAY);
    const { agent: other } = await createAgent(t.container, commune, { firstName: 'Karim', lastName: 'Haddad' });
    const memberRequest = await newMemberRequest(t, commune, newer);
    const cancelled = await addressRequest(t, commune, newer);
    expect(
      (await t.container.requests.cancel(commune, newer.family.id, cancelled, citizenAuthor(newer.citizen))).ok,
    ).toBe(true);
    expect((await t.container.requests.take(commune, memberRequest, agentAuthor(other), 0)).ok).toBe(true);
    expect(
      (
        await t.container.requests.familyMessage(
          commune,
          older.family.id,
          oldRequest,
          citizenAuthor(older.citizen),
          'Avez-vous bien reçu ma demande ?',
        )
      ).ok,
    ).toBe(true);
    const { client } = await deskAgent(t, commune);
    const path = desk(commune);
    const listed = async (query: string) => {
      const page = await client.get(`${path.queue}${query}`);
      expect(page.status, query).toBe(200);
      return [oldRequest, memberRequest, cancelled].filter((id) => page.html.includes(`href="${path.request(id)}"`));
    };

    expect(await listed('')).toEqual([oldRequest, memberRequest]);
    expect(await listed('?statut=toutes')).toEqual([oldRequest, memberRequest, cancelled]);
    expect(await listed('?statut=annulee')).toEqual([cancelled]);
    expect(await listed('?type=new-member')).toEqual([memberRequest]);
    expect(await listed('?anciennete=2')).toEqual([oldRequest]);
    expect(await listed('?attribuee=personne')).toEqual([oldRequest]);
    expect(await listed(`?attribuee=${other.id}`)).toEqual([memberRequest]);
    expect(await listed('?attribuee=moi')).toEqual([]);
    expect(await listed('?nonlues=oui')).toEqual([oldRequest]);
    expect(await listed('?statut=x&type=y&anciennete=3&attribuee=z')).toEqual([oldRequest, memberRequest]);
    const page = await client.get(`${path.queue}?attribuee=${other.id}&statut=toutes`);
    expect(page.html).toContain(`<option value="${other.id}" selected>À HADDAD Karim</option>`);
    expect(textOf(page.html)).toContain('HADDAD Karim');
    expect(textOf((await client.get(`${path.queue}?statut=acceptee`)).html)).toContain(
      'Aucune demande ne correspond à ces filtres.',
    );
  });

  it('answers 404 to an animateur, to another commune’s agent and to an id that is not a uuid', async () => {
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune);
    const id = await addressRequest(t, commune, family);
    const path = desk(commune);

    const animateur = await deskAgent(t, commune, { role: 'animateur' });
    expect(textOf((await animateur.client.get(`/${commune.slug}/guichet`)).html)).not.toContain('Traiter les demandes');
    expect((await animateur.client.get(path.queue)).status).toBe(404);
    expect((await animateur.client.get(path.request(id))).status).toBe(404);
    for (const action of ['prendre', 'decision', 'messages']) {
      expect(
        (
          await animateur.client.post(`${path.request(id)}/${action}`, {
            decision: 'accepter',
            message: 'x',
            version: '0',
          })
        ).status,
        action,
      ).toBe(404);
    }

    const elsewhere = await createCommune(t.container.communes);
    const stranger = await deskAgent(t, elsewhere);
    const theirs = desk(elsewhere);
    await stranger.client.get(theirs.queue);
    for (const target of [id, 'pas-un-uuid']) {
      expect((await stranger.client.get(theirs.request(target))).status, target).toBe(404);
      for (const action of ['prendre', 'decision', 'messages']) {
        expect(
          (
            await stranger.client.post(`${theirs.request(target)}/${action}`, {
              decision: 'accepter',
              explanation: '',
              message: 'x',
              version: '0',
            })
          ).status,
          `${action} ${target}`,
        ).toBe(404);
      }
    }
    expect((await requestRow(t, id))!).toMatchObject({ status: 'deposee', version: 0, assignedAgentId: null });
    expect(await db().select().from(requestMessages).where(eq(requestMessages.requestId, id))).toHaveLength(0);
  });
});
