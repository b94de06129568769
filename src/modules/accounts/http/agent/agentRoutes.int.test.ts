import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { childKeys } from '../../accountsSchema.js';
import { hashChildKey } from '../../domain/childKey.js';

const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>');
const keyIn = (html: string) => /<p class="child-key">([2-9A-Z]{4}(?:-[2-9A-Z]{4}){3})<\/p>/.exec(html)?.[1];

describe.each(testDatabases())('the guichet’s back office on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  it('finds a family by name and shows its file', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const { family, representative, coRepresentative, child } = await createFamily(t.container, commune, 'Dupontel');
    await createFamily(t.container, commune, 'Martinez');
    const base = `/${commune.slug}/guichet`;
    const client = await loggedInAgent(t, commune, agent);

    const empty = await client.get(`${base}/familles`);
    expect(empty.html).toContain('<h1>Familles</h1>');
    expect(empty.html).not.toContain('<table');
    const found = await client.get(`${base}/familles?nom=dupon`);
    expect(found.status).toBe(200);
    expect(found.html).toContain(`href="${base}/familles/${family.id}"`);
    expect(found.html).toContain('DUPONTEL Aurélie');
    expect(found.html).toContain('pas d’espace relié');
    expect(found.html).not.toContain('MARTINEZ');
    const typed = await client.get(`${base}/familles?nom=${encodeURIComponent('<b>x')}`);
    expect(typed.html).toContain('« &lt;b>x »');
    expect(typed.html).not.toContain('<b>x');

    const file = await client.get(`${base}/familles/${family.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(file.html).toContain(`<h1>Dossier famille ${family.reference}</h1>`);
    for (const text of [
      'DUPONTEL Aurélie',
      'DUPONTEL Xavier',
      'Représentant',
      'Co-représentant',
      'DUPONTEL Rémi',
      '14/05/2018',
      'Aucune clé remise.',
    ]) {
      expect(file.html, text).toContain(text);
    }
    expect(file.html).toContain(`action="${base}/familles/${family.id}/adultes/${representative.id}/cle"`);
    expect(file.html).toContain(`action="${base}/familles/${family.id}/adultes/${coRepresentative.id}/cle"`);
    expect(child.id).toBeTruthy();
  });

  it('issues a key shown once and stored hashed; a second issue revokes the first; revoking works', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const { family, representative } = await createFamily(t.container, commune);
    const base = `/${commune.slug}/guichet`;
    const client = await loggedInAgent(t, commune, agent);
    await client.get(`${base}/familles/${family.id}`);
    const keyPath = `${base}/familles/${family.id}/adultes/${representative.id}/cle`;

    const issued = await client.post(keyPath);
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const first = keyIn(issued.html)!;
    expect(first).toBeTruthy();
    expect(issued.html).toContain(family.reference);
    expect(issued.html).toContain('Madame');
    expect(decode(issued.html)).toContain(
      `Rendez-vous sur <strong>${t.origin}/${commune.slug}</strong>, rubrique « Créer mon espace »`,
    );
    expect(decode(issued.html)).toContain('« Mon espace > Clé Enfance »');
    const rows = await database.db.select().from(childKeys).where(eq(childKeys.adultId, representative.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.keyHash).toBe(hashChildKey(first));
    expect(JSON.stringify(rows)).not.toContain(first);

    // The file says a key is out, and never shows it again.
    const file = await client.get(`${base}/familles/${family.id}`);
    expect(file.html).toContain('pas encore utilisée');
    expect(file.html).not.toContain(first);

    const second = keyIn((await client.post(keyPath)).html)!;
    expect(second).not.toBe(first);
    const after = await database.db.select().from(childKeys).where(eq(childKeys.adultId, representative.id));
    expect(after.find((k) => k.keyHash === hashChildKey(first))!.revokedAt).not.toBeNull();
    expect(after.find((k) => k.keyHash === hashChildKey(second))!.revokedAt).toBeNull();

    await client.get(`${base}/familles/${family.id}`);
    const revoked = await client.post(`${keyPath}/revoquer`);
    expect(revoked.location).toBe(`${base}/familles/${family.id}?revoquee=${representative.id}`);
    expect((await client.follow()).html).toContain('est révoquée');
    const final = await database.db.select().from(childKeys).where(eq(childKeys.adultId, representative.id));
    expect(final.every((k) => k.revokedAt !== null)).toBe(true);

    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.communeId, commune.id));
    const issuedEvents = events.filter((e) => e.action === 'child-key.issued');
    expect(issuedEvents).toHaveLength(2);
    expect(issuedEvents[0]).toMatchObject({
      actorKind: 'agent',
      actorId: agent.agent.id,
      subjectId: representative.id,
    });
    expect(events.some((e) => e.action === 'child-key.revoked')).toBe(true);
    const written = JSON.stringify(events);
    expect(written).not.toContain(first);
    expect(written).not.toContain(second);
  });

  it('answers 404 for another commune’s family or adult, and for ids that are not uuids', async () => {
    const commune = await createCommune(t.container.communes);
    const other = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const mine = await createFamily(t.container, commune);
    const theirs = await createFamily(t.container, other);
    const base = `/${commune.slug}/guichet`;
    const client = await loggedInAgent(t, commune, agent);
    expect((await client.get(`${base}/familles/${theirs.family.id}`)).status).toBe(404);
    expect((await client.get(`${base}/familles/pas-un-uuid`)).status).toBe(404);
    await client.get(`${base}/familles/${mine.family.id}`);
    expect(
      (await client.post(`${base}/familles/${theirs.family.id}/adultes/${theirs.representative.id}/cle`)).status,
    ).toBe(404);
    // Their adult under my family's address: not found either.
    expect(
      (await client.post(`${base}/familles/${mine.family.id}/adultes/${theirs.representative.id}/cle`)).status,
    ).toBe(404);
    expect((await client.post(`${base}/familles/${mine.family.id}/adultes/nope/cle/revoquer`)).status).toBe(404);
    expect(await database.db.select().from(childKeys).where(eq(childKeys.communeId, other.id))).toHaveLength(0);
  });

  it('gives the administrators’ pages to administrators only, and the families to agents', async () => {
    const commune = await createCommune(t.container.communes);
    const base = `/${commune.slug}/guichet`;
    const agent = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'agent' }));
    for (const path of ['/agents', '/journal']) expect((await agent.get(`${base}${path}`)).status, path).toBe(404);
    await agent.get(base);
    expect(
      (
        await agent.post(`${base}/agents`, {
          email: 'x@example.org',
          firstName: 'X',
          lastName: 'Y',
          role: 'administrateur',
        })
      ).status,
    ).toBe(404);
    const home = await agent.get(base);
    expect(home.html).toContain(`href="${base}/familles"`);
    expect(home.html).not.toContain(`href="${base}/agents"`);

    const animator = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'animateur' }));
    expect((await animator.get(`${base}/familles`)).status).toBe(404);
    expect((await animator.get(base)).status).toBe(200);

    const admin = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    expect((await admin.get(`${base}/agents`)).status).toBe(200);
    expect((await admin.get(`${base}/journal`)).status).toBe(200);
  });

  it('lets an administrator change roles and disable agents, never themself, so that one administrator always remains', async () => {
    const commune = await createCommune(t.container.communes);
    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const other = await createAgent(t.container, commune, { role: 'agent', lastName: 'Autre' });
    const base = `/${commune.slug}/guichet`;
    const client = await loggedInAgent(t, commune, admin);
    await client.get(`${base}/agents`);

    const self = await client.post(`${base}/agents/${admin.agent.id}/role`, { role: 'agent' });
    expect(self.location).toBe(`${base}/agents?fait=self`);
    expect((await client.follow()).html).toContain('Vous ne pouvez pas changer votre propre rôle');
    expect((await client.post(`${base}/agents/${admin.agent.id}/desactiver`)).location).toBe(
      `${base}/agents?fait=self`,
    );

    const promoted = await client.post(`${base}/agents/${other.agent.id}/role`, { role: 'administrateur' });
    expect(promoted.location).toBe(`${base}/agents?fait=role-changed`);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.communeId, commune.id));
    expect(events.find((e) => e.action === 'agent.role.changed')).toMatchObject({
      actorId: admin.agent.id,
      subjectId: other.agent.id,
      details: { from: 'agent', to: 'administrateur' },
    });
    expect((await client.post(`${base}/agents/${other.agent.id}/role`, { role: 'administrateur' })).location).toBe(
      `${base}/agents?fait=unchanged`,
    );
    expect((await client.post(`${base}/agents/${other.agent.id}/role`, { role: 'maire' })).location).toBe(
      `${base}/agents?fait=unchanged`,
    );

    // Another commune's agent is not found.
    const elsewhere = await createAgent(t.container, await createCommune(t.container.communes));
    await client.get(`${base}/agents`);
    expect((await client.post(`${base}/agents/${elsewhere.agent.id}/desactiver`)).status).toBe(404);

    // Two administrators demoting each other at the same instant: exactly one succeeds.
    const [first, second] = await t.container.agents
      .list(commune, admin.agent)
      .then((list) => list.filter((a) => a.role === 'administrateur'));
    const results = await Promise.allSettled([
      t.container.agents.changeRole(commune, first!, second!.id, 'agent', ''),
      t.container.agents.changeRole(commune, second!, first!.id, 'agent', ''),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'done')).toHaveLength(1);
    // The other is no administrator any more once the first has written: the agents are not theirs to change.
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'not-found')).toHaveLength(1);
    const admins = (await t.container.agents.list(commune, first!)).filter((a) => a.role === 'administrateur');
    expect(admins).toHaveLength(1);
  });

  it('resets an agent’s access: password, second factor and sessions gone, a new invitation sent', async () => {
    const commune = await createCommune(t.container.communes);
    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const agent = await createAgent(t.container, commune);
    const base = `/${commune.slug}/guichet`;
    const agentBrowser = await loggedInAgent(t, commune, agent);
    const adminBrowser = await loggedInAgent(t, commune, admin);
    const list = await adminBrowser.get(`${base}/agents`);
    expect(decode(list.html)).toContain("Réinitialiser l'accès");
    const reset = await adminBrowser.post(`${base}/agents/${agent.agent.id}/invitation`);
    expect(reset.location).toBe(`${base}/agents?fait=reinvited`);

    expect((await agentBrowser.get(base)).location).toBe(`${base}/connexion?expiree=1`);
    await agentBrowser.get(`${base}/connexion`);
    expect(
      (await agentBrowser.post(`${base}/connexion`, { email: agent.agent.email, password: agent.password })).status,
    ).toBe(401);
    const mail = await waitForMail(
      database.db,
      (m) => m.to === agent.agent.email && m.text.includes('/guichet/invitation?jeton='),
    );
    expect(mail.subject).toContain('Votre accès au guichet unique');
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.communeId, commune.id));
    expect(events.find((e) => e.action === 'agent.reinvited')).toMatchObject({
      actorId: admin.agent.id,
      subjectId: agent.agent.id,
      details: { accessReset: true },
    });
  });

  it('shows the audit log, filtered and paginated, in Paris time', async () => {
    const commune = await createCommune(t.container.communes);
    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const base = `/${commune.slug}/guichet`;
    for (let i = 0; i < 101; i++) {
      await t.container.audit.record({
        communeId: commune.id,
        actor: { kind: 'system' },
        action: 'mail.resent',
        ip: '10.0.0.1',
      });
    }
    const client = await loggedInAgent(t, commune, admin);
    const all = await client.get(`${base}/journal`);
    expect(all.status).toBe(200);
    expect(all.html).toContain('<h1>Journal</h1>');
    expect(all.html).toContain('Connexion réussie');
    expect(all.html).not.toContain('agent.login.succeeded');
    expect(all.html).toContain(admin.agent.email);
    expect(all.html).toContain('Page suivante');
    // 12:00 +01:00 and a few 30 s steps: the Paris wall clock, not UTC.
    expect(all.html).toMatch(/02\/11\/2026 à 12:0\d/);

    const logins = await client.get(`${base}/journal?action=agent.login`);
    expect(logins.html).toContain('Connexion réussie');
    expect(logins.html).not.toContain('Courriel renvoyé');
    expect(logins.html).not.toContain('Page suivante');

    const text = await client.get(`${base}/journal?texte=10.0.0`);
    expect(text.html).not.toContain('Connexion réussie');
    // The text finds an act by its French wording too.
    const worded = await client.get(`${base}/journal?texte=connexion`);
    expect(worded.html).toContain('Connexion réussie');
    expect(worded.html).not.toContain('Courriel renvoyé');
    const later = await client.get(`${base}/journal?du=03/11/2026`);
    expect(later.html).toContain('Aucun événement ne correspond.');
    const until = await client.get(`${base}/journal?au=02/11/2026&action=agent.login`);
    expect(until.html).toContain('Connexion réussie');
    const wrong = await client.get(`${base}/journal?du=31/02/2026`);
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('href="#champ-du"');
  });
});
