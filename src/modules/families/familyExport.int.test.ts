import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { createAgent, loggedInAgent } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { activeCitizen, loggedIn } from '../../../test/citizenFactories.js';
import * as schema from '../../platform/db/schema.js';
import { mailbox } from '../../platform/mail/mailSchema.js';
import { accountTokens, childKeys, citizens } from '../accounts/accountsSchema.js';
import { agentActor } from '../accounts/agentsPolicy.js';
import { auditEvents } from '../audit/auditSchema.js';
import type { Commune } from '../communes/domain/commune.js';
import { requestEvents, requestMessages } from '../requests/requestsSchema.js';
import { familyChanges, memberContacts } from './familiesSchema.js';
import { creditNotes, familyQuotients, familyResidence, invoiceLines } from '../billing/billingSchema.js';
import { payfipAttempts } from '../onlinePayments/onlinePaymentsSchema.js';
import { issuedInvoice } from '../../../test/invoiceFactories.js';
import { citizenAuthor } from './http/citizen/familyRequest.js';
import { absences, attendance, bookings, calendarFeeds, sessionBookings } from '../bookings/bookingsSchema.js';
import { type TestServices, createSession, enrol, setUpServices } from '../../../test/serviceFactories.js';
import { pdfOf } from '../../../test/documentFiles.js';

/**
 * The export must hold every table's data about the family. The tables that concern a family are
 * found in the schema itself — a column that names a family, an adult, a member, a request or a
 * citizen account, or a person (an audit line's actor or subject, a mail's address) — so that a
 * table added later without its place in the export fails here.
 */
const ROOTS = ['families', 'family_adults', 'family_members', 'requests', 'citizens'];
const LINK_COLUMN = /(^|_)(family|adult|member|request|citizen)_id$/;
const PERSON_COLUMNS = ['subject_id', 'actor_id', 'subject', 'to_address'];

/** Left out of the export on purpose, each with its reason. */
const EXCLUDED: Record<string, string> = {
  sessions: 'a session row is the key of a live login (its id hashed): technical, and a secret',
  login_throttles: 'the brute-force counters, kept per account name typed, are a defence, not the family’s data',
  document_types:
    'the commune’s catalogue of documents (its `subject` column says « family » or « child », it names no one); each exported document carries its type’s name',
};

function linkedTables(): string[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  return tables
    .map((table) => getTableConfig(table))
    .filter(
      (config) =>
        ROOTS.includes(config.name) ||
        config.columns.some((column) => LINK_COLUMN.test(column.name) || PERSON_COLUMNS.includes(column.name)) ||
        config.foreignKeys.some((fk) => ROOTS.includes(getTableConfig(fk.reference().foreignTable).name)),
    )
    .map((config) => config.name)
    .sort();
}

type Id = string | number;

describe.each(testDatabases())('the family’s data export on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  /** A family with a row in every table that concerns it; its rows' ids by table. */
  async function familyInEveryTable(
    commune: Commune,
    agent: Awaited<ReturnType<typeof createAgent>>,
    label: string,
    set: TestServices & { sessionId: string },
  ) {
    const { db } = database;
    const parent = await linkedParent(t, commune);
    const { family, representative, coRepresentative, child, citizen } = parent;
    const author = citizenAuthor(citizen);
    // A pick-up person, written by an agent (history and audit), and a change waiting as a request.
    await t.container.familyFile.change(
      commune,
      family.id,
      { kind: 'member', id: child.id },
      'contacts',
      { pickup: [{ name: `Mamie ${label}`, phone: '06 12 34 56 78', relation: 'grand-mère' }], emergency: [] },
      { kind: 'agent', id: agent.agent.id, label: 'Camille BERNARD' },
      '10.0.0.9',
    );
    const asked = await t.container.familyFile.change(
      commune,
      family.id,
      { kind: 'family' },
      'address',
      { street: `1 rue ${label}`, streetComplement: '', postcode: '78570', city: 'Andrésy' },
      author,
      '127.0.0.1',
    );
    if (!asked.ok || asked.done !== 'requested') throw new Error('the address change should wait for validation');
    const [message] = await db
      .insert(requestMessages)
      .values({
        communeId: commune.id,
        requestId: asked.requestId,
        at: t.clock.now(),
        authorKind: 'citizen',
        authorId: citizen.id,
        authorLabel: author.label,
        body: `Message ${label}`,
      })
      .returning();
    await t.container.childKeys.issue(commune, coRepresentative.id, agentActor(agent.agent), '10.0.0.9');
    const [token] = await db
      .insert(accountTokens)
      .values({
        communeId: commune.id,
        realm: 'citizen',
        subjectId: citizen.id,
        purpose: 'reset',
        tokenHash: randomBytes(32).toString('hex'),
        expiresAt: new Date(t.clock.now().getTime() + 3600_000),
      })
      .returning();
    const secretLink = `https://portail.example.org/${commune.slug}/mot-de-passe-oublie/nouveau?jeton=${randomBytes(16).toString('hex')}`;
    const [mail] = await db
      .insert(mailbox)
      .values({
        communeId: commune.id,
        from: 'portail@example.org',
        to: citizen.email,
        subject: `Mail ${label}`,
        text: `Suivez ce lien : ${secretLink}`,
        html: `<a href="${secretLink}">lien</a>`,
      })
      .returning();

    // Its reservations: an inscription, a booked day, a holiday session, an absence, a pointage, a calendar link.
    const canteen = set.services.restauration;
    const enrolment = await enrol(t.container, commune, {
      familyId: family.id,
      memberId: child.id,
      serviceId: canteen.id,
      schoolYearId: set.schoolYear.id,
    });
    const [booking] = await db
      .insert(bookings)
      .values({
        communeId: commune.id,
        familyId: family.id,
        memberId: child.id,
        serviceId: canteen.id,
        day: '2026-11-17',
        unit: 'jour',
        status: 'reserve',
        unitPriceCents: 355,
        bookedAt: t.clock.now(),
        bookedByKind: 'agent',
        bookedById: agent.agent.id,
        source: 'guichet',
      })
      .returning();
    const [place] = await db
      .insert(sessionBookings)
      .values({
        communeId: commune.id,
        sessionId: set.sessionId,
        familyId: family.id,
        memberId: child.id,
        status: 'inscrit',
        priceCents: 6000,
        createdAt: t.clock.now(),
      })
      .returning();
    const [absence] = await db
      .insert(absences)
      .values({
        communeId: commune.id,
        familyId: family.id,
        memberId: child.id,
        firstDay: '2026-11-17',
        lastDay: '2026-11-17',
        serviceIds: [canteen.id],
        reason: 'autre',
        note: `Absence ${label}`,
        reportedAt: t.clock.now(),
      })
      .returning();
    const [presence] = await db
      .insert(attendance)
      .values({
        communeId: commune.id,
        serviceId: canteen.id,
        memberId: child.id,
        day: '2026-11-17',
        present: true,
        bookingId: booking!.id,
        markedAt: t.clock.now(),
        markedById: agent.agent.id,
      })
      .returning();
    const feedToken = randomBytes(32).toString('hex');
    const [feed] = await db
      .insert(calendarFeeds)
      .values({
        communeId: commune.id,
        familyId: family.id,
        memberId: child.id,
        tokenHash: feedToken,
        createdAt: t.clock.now(),
      })
      .returning();

    // Its documents: a justificatif de domicile sent.
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const domicile = (await t.container.documentTypes.types(commune)).find((type) => type.code === 'domicile')!;
    const sent = await t.container.documents.upload(
      commune,
      family.id,
      { citizenId: citizen.id, actor: { kind: 'citizen', id: citizen.id } },
      { typeId: domicile.id, memberId: null, files: [{ name: `domicile-${label}.pdf`, bytes: await pdfOf(label) }] },
    );
    if (!sent.ok) throw new Error(sent.reason);

    // Its billing: a QF and its residence entered at the guichet, an issued invoice with its lines, a
    // credit note on one of them, and a payment at the guichet.
    const [quotient] = await db
      .insert(familyQuotients)
      .values({
        communeId: commune.id,
        familyId: family.id,
        value: 820,
        source: 'caf',
        validFrom: '2026-09-01',
        validTo: '2027-08-31',
        enteredAt: t.clock.now(),
      })
      .returning();
    await db
      .insert(familyResidence)
      .values({ communeId: commune.id, familyId: family.id, nonResident: false, changedAt: t.clock.now() });
    const invoice = await issuedInvoice(t.container, commune, {
      familyId: family.id,
      memberId: child.id,
      memberName: child.firstName,
    });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const [creditNote] = await db
      .insert(creditNotes)
      .values({
        communeId: commune.id,
        familyId: family.id,
        invoiceId: invoice.id,
        number: `AV-2026-${randomBytes(3).toString('hex')}`,
        issuedOn: '2026-11-10',
        amountCents: 100,
        reason: 'Journée comptée deux fois',
        createdAt: t.clock.now(),
      })
      .returning();
    const paid = await t.container.payments.record(
      commune,
      family.id,
      {
        means: 'especes',
        amountCents: 100,
        receivedOn: '2026-11-12',
        payer: representative.firstName,
        chequeNumber: null,
        chequeBank: null,
        allocations: null,
      },
      { kind: 'system' },
      '',
    );
    if (!paid.ok) throw new Error(`the payment: ${paid.reason}`);
    // A payment kept whole as credit, then refunded.
    const kept = await t.container.payments.record(
      commune,
      family.id,
      {
        means: 'especes',
        amountCents: 300,
        receivedOn: '2026-11-12',
        payer: representative.firstName,
        chequeNumber: null,
        chequeBank: null,
        allocations: [],
        remainderToCredit: true,
      },
      { kind: 'system' },
      '',
    );
    if (!kept.ok) throw new Error(`the payment: ${kept.reason}`);
    const refunded = await t.container.payments.refundCredit(
      commune,
      family.id,
      { means: 'virement', amountCents: 300, refundedOn: '2026-11-13', reason: 'Trop-perçu' },
      { kind: 'system' },
      '',
    );
    if (!refunded.ok) throw new Error(`the refund: ${refunded.reason}`);
    // An online payment started and not yet settled (PayFiP's own flow is tested in onlinePayments).
    const [attempt] = await db
      .insert(payfipAttempts)
      .values({
        communeId: commune.id,
        idOp: randomUUID(),
        invoiceId: invoice.id,
        familyId: family.id,
        amountCents: 100,
        mode: 'T',
        createdAt: t.clock.now(),
        payer: 'famille@example.org',
        state: 'pending',
      })
      .returning();

    const ids = <T extends { id: Id }>(rows: T[]) => rows.map((row) => row.id);
    const [contact] = await db.select().from(memberContacts).where(eq(memberContacts.memberId, child.id));
    const changes = await db.select().from(familyChanges).where(eq(familyChanges.familyId, family.id));
    const events = await db.select().from(requestEvents).where(eq(requestEvents.requestId, asked.requestId));
    const keys = await db.select().from(childKeys).where(eq(childKeys.adultId, coRepresentative.id));
    const login = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, citizen.id), eq(auditEvents.action, 'citizen.login.succeeded')));
    const changed = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, family.id), eq(auditEvents.action, 'family.changed')));
    const written: Record<string, Id[]> = {
      families: [family.id],
      family_adults: [representative.id, coRepresentative.id],
      family_members: [child.id],
      member_contacts: [contact!.id],
      family_changes: ids(changes),
      requests: [asked.requestId],
      request_events: ids(events),
      request_messages: [message!.id],
      citizens: [citizen.id],
      child_keys: ids(keys),
      account_tokens: [token!.id],
      audit_events: [...ids(login), ...ids(changed)],
      mailbox: [mail!.id],
      enrolments: [enrolment.id],
      bookings: [booking!.id],
      session_bookings: [place!.id],
      absences: [absence!.id],
      attendance: [presence!.id],
      calendar_feeds: [feed!.id],
      documents: [sent.document.id],
      family_quotients: [quotient!.id],
      // One row per family, keyed by the family itself.
      family_residence: [family.id],
      invoices: [invoice.id],
      invoice_lines: ids(lines),
      credit_notes: [creditNote!.id],
      payments: [paid.paymentId, kept.paymentId],
      credit_refunds: [refunded.refundId],
      payfip_attempts: [attempt!.id],
    };
    for (const [table, list] of Object.entries(written))
      if (list.length === 0) throw new Error(`nothing written in ${table}`);
    return { ...parent, written, secrets: { token: token!.tokenHash, link: secretLink, feed: feedToken } };
  }

  it('holds every row of every table about the family, and none of another family', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const services = await setUpServices(t.container, commune);
    const session = await createSession(t.container, commune, services.services.vacances.id, { places: 10 });
    const set = { ...services, sessionId: session.id };
    const mine = await familyInEveryTable(commune, agent, 'Nous', set);
    const theirs = await familyInEveryTable(commune, agent, 'Voisins', set);
    // An agent's view of the health notes: in the export, without the agent's address.
    const desk = await loggedInAgent(t, commune, agent);
    expect(
      (await desk.get(`/${commune.slug}/guichet/familles/${mine.family.id}/membres/${mine.child.id}/sante`)).status,
    ).toBe(200);

    const response = await mine.client.get(`/${commune.slug}/ma-famille/mes-donnees.json`);
    expect(response.status).toBe(200);
    const exported = JSON.parse(response.html) as Record<string, { id: Id }[]>;

    const expected = linkedTables().filter((table) => !(table in EXCLUDED));
    expect(Object.keys(EXCLUDED).every((table) => linkedTables().includes(table))).toBe(true);
    // Every table that concerns a family is in the export, and the export holds nothing else.
    expect(Object.keys(exported).sort()).toEqual(expected);
    // This test writes a row in each of them: a new table must be added here too.
    expect(Object.keys(mine.written).sort()).toEqual(expected);
    for (const table of expected) {
      const exportedIds = exported[table]!.map((row) => row.id ?? (row as { familyId?: Id }).familyId);
      for (const id of mine.written[table]!) expect(exportedIds, `${table}: our row ${id}`).toContain(id);
      for (const id of theirs.written[table]!) expect(exportedIds, `${table}: their row ${id}`).not.toContain(id);
    }

    const text = response.html;
    for (const secret of [
      'passwordHash',
      'keyHash',
      'tokenHash',
      'idHash',
      'csrfToken',
      'wrappedKey',
      'noncePrefix',
      mine.secrets.token,
      mine.secrets.link,
      mine.secrets.feed,
      mine.citizen.password,
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    const [account] = await database.db.select().from(citizens).where(eq(citizens.id, mine.citizen.id));
    expect(text).not.toContain(account!.passwordHash);
    expect(text).toContain('jeton=[masqué]');
    expect(text).not.toContain('Voisins');

    const audit = exported.audit_events as unknown as {
      action: string;
      actorKind: string;
      actorId: string | null;
      actorLabel: string;
      ip: string;
    }[];
    expect(audit.some((e) => e.action === 'health.viewed')).toBe(true);
    // Agents are « Guichet unique » to the family, without their address or their login name.
    expect(
      audit
        .filter((e) => e.actorKind === 'agent')
        .every((e) => e.ip === '' && e.actorId === null && e.actorLabel === 'Guichet unique'),
    ).toBe(true);
    expect(text).not.toContain(agent.agent.email);
    // Who of the agents booked or pointed a day is the commune's business.
    expect(JSON.stringify([exported.bookings, exported.attendance])).not.toContain(agent.agent.id);
    expect(audit.find((e) => e.actorId === mine.citizen.id && e.action === 'citizen.login.succeeded')!.ip).not.toBe('');
  });

  it('gives each parent their own account, links, mails and logins, and the other parent only as the file’s adult', async () => {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const other = await activeCitizen(t, commune, {
      firstName: 'Xavier',
      street: '9 rue Cachée',
      mobilePhone: '06 99 99 99 99',
    });
    expect(await t.container.families.linkCitizen(commune.id, parent.coRepresentative.id, other.id)).toBe(true);
    const otherClient = await loggedIn(t, commune, other.username, other.password);
    await database.db.insert(mailbox).values({
      communeId: commune.id,
      from: 'portail@example.org',
      to: other.email,
      subject: 'Mail de Xavier',
      text: 'privé',
      html: 'privé',
    });

    const mine = JSON.parse((await parent.client.get(`/${commune.slug}/ma-famille/mes-donnees.json`)).html) as Record<
      string,
      Record<string, unknown>[]
    >;
    expect(mine.citizens!.map((c) => c.id)).toEqual([parent.citizen.id]);
    expect(JSON.stringify(mine)).not.toContain('9 rue Cachée');
    expect(JSON.stringify(mine)).not.toContain('Mail de Xavier');
    expect(mine.audit_events!.some((e) => e.actorId === other.id && e.action === 'citizen.login.succeeded')).toBe(
      false,
    );
    expect(mine.family_adults!.map((a) => a.id).sort()).toEqual(
      [parent.representative.id, parent.coRepresentative.id].sort(),
    );

    const theirs = JSON.parse((await otherClient.get(`/${commune.slug}/ma-famille/mes-donnees.json`)).html) as Record<
      string,
      Record<string, unknown>[]
    >;
    expect(theirs.citizens!.map((c) => c.id)).toEqual([other.id]);
    expect(JSON.stringify(theirs)).toContain('Mail de Xavier');
    expect(
      theirs.audit_events!.find((e) => e.actorId === other.id && e.action === 'citizen.login.succeeded')!.ip,
    ).not.toBe('');
    expect(
      theirs.audit_events!.some((e) => e.actorId === parent.citizen.id && e.action === 'citizen.login.succeeded'),
    ).toBe(false);
  });
});
