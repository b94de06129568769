import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AGENT_PASSWORD, createAgent, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { agentRecoveryCodes, agents } from '../../accountsSchema.js';
import { totpCode } from '../../domain/totp.js';

const decode = (html: string) =>
  html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe.each(testDatabases())('the agents’ login on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  const auditOf = (communeId: string) =>
    database.db.select().from(auditEvents).where(eq(auditEvents.communeId, communeId));

  it('logs in with the password then a TOTP code, with a new session id at each step', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const client = new WebClient(t.origin);
    const base = `/${commune.slug}/guichet`;
    const page = await client.get(`${base}/connexion`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Connexion au guichet unique</h1>');

    const wrong = await client.post(`${base}/connexion`, {
      email: agent.agent.email,
      password: 'pas le bon mot de passe du tout',
    });
    expect(wrong.status).toBe(401);
    expect(decode(wrong.html)).toContain("L'adresse e-mail ou le mot de passe est incorrect.");
    expect(wrong.html).toContain(`value="${agent.agent.email}"`);
    expect(wrong.html).not.toContain('pas le bon mot de passe');

    const login = await client.post(`${base}/connexion`, {
      email: agent.agent.email.toUpperCase(),
      password: AGENT_PASSWORD,
    });
    expect(login.status).toBe(303);
    expect(login.location).toBe(`${base}/double-authentification`);
    const afterPassword = client.cookie(`parvis-agent-${commune.slug}`);
    expect(afterPassword).toBeTruthy();

    const second = await client.get(login.location!);
    expect(second.status).toBe(200);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(second.html).toContain('Utiliser un code de secours');
    const done = await client.post(login.location!, { code: totpCode(agent.totpSecret!, t.clock.now()) });
    expect(done.status).toBe(303);
    expect(done.location).toBe(base);
    expect(client.cookie(`parvis-agent-${commune.slug}`)).not.toBe(afterPassword);

    const home = await client.get(base);
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.html).toContain('<h1>Accueil du guichet</h1>');
    expect(home.html).toContain('Agent du guichet unique');
    expect(home.html).toContain('Déconnexion');

    const logout = await client.post(`${base}/deconnexion`);
    expect(logout.location).toBe(`${base}/connexion?deconnecte=1`);
    expect((await client.get(base)).location).toBe(`${base}/connexion`);

    const events = await auditOf(commune.id);
    const failed = events.find((e) => e.action === 'agent.login.failed');
    const succeeded = events.find((e) => e.action === 'agent.login.succeeded');
    expect(failed).toMatchObject({
      actorKind: 'agent',
      actorId: agent.agent.id,
      actorLabel: agent.agent.email,
      ip: '127.0.0.1',
    });
    expect(succeeded).toMatchObject({ actorId: agent.agent.id, details: { secondFactor: 'totp' } });
    const written = JSON.stringify(events);
    expect(written).not.toContain(AGENT_PASSWORD);
    expect(written).not.toContain('pas le bon mot de passe');
  });

  it('refuses a TOTP code already used, and takes a recovery code once', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune, { enrolled: false });
    const base = `/${commune.slug}/guichet`;
    const client = new WebClient(t.origin);
    await client.get(`${base}/connexion`);
    const login = await client.post(`${base}/connexion`, { email: agent.agent.email, password: AGENT_PASSWORD });
    expect(login.location).toBe(`${base}/double-authentification/activer`);
    // Enrolment: the QR code and the secret in groups of 4; the secret is the one now pending.
    const enrolment = await client.get(login.location!);
    expect(enrolment.html).toMatch(/<div class="qr" role="img" aria-label="QR code[^"]*"><svg /);
    const [row] = await database.db.select().from(agents).where(eq(agents.id, agent.agent.id));
    const secret = row!.pendingTotpSecret!;
    expect(enrolment.html).toContain(secret.match(/.{1,4}/g)!.join(' '));
    const wrongCode = await client.post(login.location!, {
      code: '000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000',
    });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.html).toContain(secret.match(/.{1,4}/g)!.join(' '));

    const code = totpCode(secret, t.clock.now());
    const enrolled = await client.post(login.location!, { code });
    expect(enrolled.status).toBe(200);
    const codes = [...enrolled.html.matchAll(/<li class="secret">([A-Z0-9-]+)<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(decode(enrolled.html)).toContain("J'ai noté mes codes de secours");
    const stored = await database.db
      .select()
      .from(agentRecoveryCodes)
      .where(eq(agentRecoveryCodes.agentId, agent.agent.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    await client.post(`${base}/deconnexion`);

    // The same code at the same instant: refused, it has served.
    const again = new WebClient(t.origin);
    await again.get(`${base}/connexion`);
    await again.post(`${base}/connexion`, { email: agent.agent.email, password: AGENT_PASSWORD });
    await again.get(`${base}/double-authentification`);
    const replay = await again.post(`${base}/double-authentification`, { code });
    expect(replay.status).toBe(401);
    expect(decode(replay.html)).toContain("Ce code n'est pas valable");

    // A recovery code works, typed loosely, but only once.
    await again.get(`${base}/double-authentification/secours`);
    const recovered = await again.post(`${base}/double-authentification/secours`, {
      recoveryCode: ` ${codes[3]!.toLowerCase().replace('-', ' ')} `,
    });
    expect(recovered.location).toBe(base);
    await again.post(`${base}/deconnexion`);
    const third = new WebClient(t.origin);
    await third.get(`${base}/connexion`);
    await third.post(`${base}/connexion`, { email: agent.agent.email, password: AGENT_PASSWORD });
    await third.get(`${base}/double-authentification/secours`);
    const reused = await third.post(`${base}/double-authentification/secours`, { recoveryCode: codes[3]! });
    expect(reused.status).toBe(401);
    expect(decode(reused.html)).toContain('Ce code de secours n');
    expect((await third.post(`${base}/double-authentification/secours`, { recoveryCode: codes[4]! })).location).toBe(
      base,
    );
    expect((await third.get(base)).html).toContain('<dd>8</dd>');
  });

  it('delays wrong second-factor codes as wrong passwords are: after 5, even the right code waits', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const base = `/${commune.slug}/guichet`;
    const client = new WebClient(t.origin);
    await client.get(`${base}/connexion`);
    await client.post(`${base}/connexion`, { email: agent.agent.email, password: AGENT_PASSWORD });
    await client.get(`${base}/double-authentification`);
    t.clock.advance(30_000);
    const right = totpCode(agent.totpSecret!, t.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await client.post(`${base}/double-authentification`, { code: wrong })).status).toBe(401);
    const locked = await client.post(`${base}/double-authentification`, { code: right });
    expect(locked.status).toBe(401);
    expect(decode(locked.html)).toContain('Trop de tentatives.');
    const recovery = await client.post(`${base}/double-authentification/secours`, { recoveryCode: 'ABCDE-FGHJK' });
    expect(decode(recovery.html)).toContain('Trop de tentatives.');
    // The first delay is 2 minutes (domain/loginThrottle.ts).
    t.clock.advance(2 * 60_000 + 1000);
    const passed = await client.post(`${base}/double-authentification`, {
      code: totpCode(agent.totpSecret!, t.clock.now()),
    });
    expect(passed.location).toBe(base);
    const events = await auditOf(commune.id);
    expect(events.filter((e) => e.action === 'agent.login.failed' && e.details.step === 'second-factor')).toHaveLength(
      7,
    );
  });

  it('accepts one code once when two requests carry it at the same instant', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    t.clock.advance(30_000);
    const code = totpCode(agent.totpSecret!, t.clock.now());
    const results = await Promise.all(
      [1, 2, 3].map(() => t.container.agents.verifySecondFactor(commune, agent.agent.id, { totp: code }, '127.0.0.1')),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('keeps a session at the password stage away from every page but the second factor', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune, { role: 'administrateur' });
    const base = `/${commune.slug}/guichet`;
    const client = new WebClient(t.origin);
    await client.get(`${base}/connexion`);
    await client.post(`${base}/connexion`, { email: agent.agent.email, password: AGENT_PASSWORD });
    for (const path of ['', '/familles', '/agents', '/journal', `/familles/${agent.agent.id}`]) {
      const page = await client.get(`${base}${path}`);
      expect(page.status, path).toBe(303);
      expect(page.location, path).toBe(`${base}/double-authentification`);
    }
    await client.get(`${base}/double-authentification`);
    const post = await client.post(`${base}/agents`, {
      email: 'x@example.org',
      firstName: 'X',
      lastName: 'Y',
      role: 'administrateur',
    });
    expect(post.location).toBe(`${base}/double-authentification`);
    expect(await t.container.agents.list(commune, agent.agent)).toHaveLength(1);
  });

  it('ends a disabled agent’s session at their next request and refuses their password as a wrong one', async () => {
    const commune = await createCommune(t.container.communes);
    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const agent = await createAgent(t.container, commune);
    const base = `/${commune.slug}/guichet`;
    const agentBrowser = await loggedInAgent(t, commune, agent);
    expect((await agentBrowser.get(`${base}/familles`)).status).toBe(200);

    const adminBrowser = await loggedInAgent(t, commune, admin);
    await adminBrowser.get(`${base}/agents`);
    const disabled = await adminBrowser.post(`${base}/agents/${agent.agent.id}/desactiver`);
    expect(disabled.location).toBe(`${base}/agents?fait=disabled`);
    expect((await adminBrowser.follow()).html).toContain('Le compte est désactivé.');

    const next = await agentBrowser.get(`${base}/familles`);
    expect(next.status).toBe(303);
    expect(next.location).toBe(`${base}/connexion?expiree=1`);
    const landing = await agentBrowser.follow();
    expect(landing.html).toContain('<h1>Connexion au guichet unique</h1>');
    expect(landing.html).toContain('Votre session a pris fin.');

    const refused = await agentBrowser.post(`${base}/connexion`, {
      email: agent.agent.email,
      password: AGENT_PASSWORD,
    });
    expect(refused.status).toBe(401);
    expect(decode(refused.html)).toContain("L'adresse e-mail ou le mot de passe est incorrect.");
    const [event] = (await auditOf(commune.id)).filter(
      (e) => e.action === 'agent.login.failed' && e.actorId === agent.agent.id,
    );
    expect(event?.details).toMatchObject({ disabled: true });
  });

  it('invites an agent by e-mail, refuses a password under 16 characters, then enrols the second factor', async () => {
    const commune = await createCommune(t.container.communes);
    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const base = `/${commune.slug}/guichet`;
    const adminBrowser = await loggedInAgent(t, commune, admin);
    await adminBrowser.get(`${base}/agents`);
    const email = `nouvel.agent@${commune.slug}.example.org`;
    const invalid = await adminBrowser.post(`${base}/agents`, {
      email: 'pas-une-adresse',
      firstName: 'Léa',
      lastName: 'Roux',
      role: 'agent',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('href="#champ-email"');
    expect(invalid.html).toContain('value="Léa"');
    const invited = await adminBrowser.post(`${base}/agents`, {
      email,
      firstName: 'Léa',
      lastName: 'Roux',
      role: 'agent',
    });
    expect(invited.location).toBe(`${base}/agents?fait=invited`);
    const duplicate = await adminBrowser.post(`${base}/agents`, {
      email: email.toUpperCase(),
      firstName: 'Léa',
      lastName: 'Roux',
      role: 'agent',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.html).toContain('Un agent de la commune a déjà cette adresse e-mail.');

    const mail = await waitForMail(database.db, (m) => m.to === email);
    const link = /https?:\/\/\S+\/guichet\/invitation\?jeton=[\w-]+/.exec(mail.text)![0];
    const invitee = new WebClient(t.origin);
    const path = new URL(link).pathname + new URL(link).search;
    const form = await invitee.get(path);
    expect(form.status).toBe(200);
    expect(form.html).toContain('<h1>Choisir mon mot de passe</h1>');
    const jeton = new URL(link).searchParams.get('jeton')!;
    const short = await invitee.post(`${base}/invitation`, {
      jeton,
      password: 'Court mais 15 c',
      passwordConfirmation: 'Court mais 15 c',
    });
    expect(short.status).toBe(400);
    expect(short.html).toContain('Le mot de passe doit contenir au moins 16 caractères.');
    const mismatch = await invitee.post(`${base}/invitation`, {
      jeton,
      password: 'La cour de la mairie en hiver',
      passwordConfirmation: 'autre chose',
    });
    expect(mismatch.html).toContain('Les deux mots de passe ne sont pas identiques.');
    const accepted = await invitee.post(`${base}/invitation`, {
      jeton,
      password: 'La cour de la mairie en hiver',
      passwordConfirmation: 'La cour de la mairie en hiver',
    });
    expect(accepted.location).toBe(`${base}/connexion?active=1`);
    expect((await invitee.get(path)).status).toBe(410);

    await invitee.get(`${base}/connexion?active=1`);
    const login = await invitee.post(`${base}/connexion`, { email, password: 'La cour de la mairie en hiver' });
    expect(login.location).toBe(`${base}/double-authentification/activer`);
    // Nothing but the enrolment before it is done.
    expect((await invitee.get(`${base}/double-authentification`)).location).toBe(
      `${base}/double-authentification/activer`,
    );
    const actions = (await auditOf(commune.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['agent.invited', 'agent.invitation.accepted']));
  });

  it('keeps each commune’s agents apart, even with the same e-mail', async () => {
    const a = await createCommune(t.container.communes);
    const b = await createCommune(t.container.communes);
    const email = 'meme.agent@example.org';
    const inA = await createAgent(t.container, a, { email });
    await createAgent(t.container, b, { email, password: 'Un tout autre mot de passe de Belrive' });
    const client = new WebClient(t.origin);
    await client.get(`/${b.slug}/guichet/connexion`);
    const refused = await client.post(`/${b.slug}/guichet/connexion`, { email, password: inA.password });
    expect(refused.status).toBe(401);
    // A's session cookie is A's: B's pages do not know it.
    const inAClient = await loggedInAgent(t, a, inA);
    expect((await inAClient.get(`/${b.slug}/guichet`)).location).toBe(`/${b.slug}/guichet/connexion`);
  });

  it('refuses a state-changing form without its CSRF token', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const base = `/${commune.slug}/guichet`;
    const client = new WebClient(t.origin);
    await client.get(`${base}/connexion`);
    const login = await client.post(
      `${base}/connexion`,
      { email: agent.agent.email, password: AGENT_PASSWORD },
      { csrf: false },
    );
    expect(login.status).toBe(403);
    const browser = await loggedInAgent(t, commune, agent);
    const logout = await browser.post(`${base}/deconnexion`, {}, { csrf: false });
    expect(logout.status).toBe(403);
    expect((await browser.get(base)).status).toBe(200);
    const rows = await database.db
      .select()
      .from(agents)
      .where(and(eq(agents.communeId, commune.id), eq(agents.id, agent.agent.id)));
    expect(rows).toHaveLength(1);
  });
});
