import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import { waitForMail } from '../../../test/mailbox.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtpSink.js';
import type { Database } from '../db/database.js';
import { TestClock } from '../clock.js';
import { type Jobs, openJobs } from '../jobs/jobs.js';
import { composeMail } from './composeMail.js';
import { mailbox } from './mailSchema.js';
import type { MailboxEntry } from './mailboxRepository.js';
import { type MailMessage, type MailTransport, Mailer, databaseTransport, smtpTransport } from './mailer.js';

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  const to = `habitant-${randomBytes(4).toString('hex')}@example.org`;
  return {
    communeId: null,
    from: { name: 'Mairie de Chanteloup-les-Vignes', address: 'ne-pas-repondre@chanteloup.example.org' },
    to,
    subject: 'Activez votre espace citoyens',
    ...composeMail({
      greeting: 'Bonjour Camille,',
      paragraphs: ['Votre espace citoyens est presque prêt.'],
      action: {
        label: 'Activer mon espace',
        url: 'https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc',
      },
      signature: 'La mairie de Chanteloup-les-Vignes',
    }),
    ...overrides,
  };
}

const HOUR = 3600_000;

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

describe.each(testDatabases())('mails through jobs on $name', (testDatabase) => {
  let database: Database;
  let sink: SmtpSink;
  const opened: { jobs: Jobs; schema: string }[] = [];

  // Each test's mailer has a jobs schema of its own: two workers on one mail queue would share
  // its mails whatever their transports. On PostgreSQL the schema also keeps parallel files apart.
  // Retries wait a fraction of a second here; the clock decides when a link dies or the window ends.
  async function startMailer(
    transport: MailTransport,
    options: { clock?: TestClock; schema?: string } = {},
  ): Promise<{ mailer: Mailer; jobs: Jobs }> {
    const schema = options.schema ?? `jobs_${randomBytes(4).toString('hex')}`;
    const jobs = await openJobs(database, {
      schema,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 0,
      onError: () => {},
    });
    opened.push({ jobs, schema });
    await jobs.start();
    const mailer = new Mailer(jobs, transport, database.db, options.clock ?? new TestClock(), {
      backoff: { firstSeconds: 0.2, maxSeconds: 0.5 },
    });
    await mailer.start();
    return { mailer, jobs };
  }

  const rowTo = async (to: string): Promise<MailboxEntry | undefined> =>
    (await database.db.select().from(mailbox).where(eq(mailbox.to, to)))[0];
  const received = (to: string) => sink.messages.filter((mail) => mail.to.includes(to));

  beforeAll(async () => {
    database = await testDatabase.open();
    sink = await startSmtpSink();
  });

  afterEach(() => {
    sink.answerRecipient = () => null;
  });

  afterAll(async () => {
    for (const { jobs, schema } of opened) {
      await jobs.stop();
      await database.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    }
    await sink.close();
    await database.close();
  });

  it('delivers a queued mail over SMTP with its text and HTML parts and its sender', async () => {
    const { mailer } = await startMailer(smtpTransport(sink.url));
    const sent = message();
    await mailer.queue(sent);
    const received = await sink.waitFor((mail) => mail.to.includes(sent.to));
    expect(received.from).toEqual({
      name: 'Mairie de Chanteloup-les-Vignes',
      address: 'ne-pas-repondre@chanteloup.example.org',
    });
    expect(received.subject).toBe('Activez votre espace citoyens');
    expect(received.text).toContain('https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc');
    expect(received.html).toContain('<html lang="fr">');
    expect(received.html).toContain('href="https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc"');
    // Once sent, the mail and its link are nowhere in the database: not in the mail box, not in the jobs.
    await until(async () => (await rowTo(sent.to)) === undefined, 'the sent mail to leave the table');
    const { schema } = opened.at(-1)!;
    const jobs = await database.db.execute(
      sql.raw(`select data::text as data from ${schema}.job where name = 'mail.send'`),
    );
    const payloads = JSON.stringify((jobs as unknown as { rows?: unknown[] }).rows ?? jobs);
    expect(payloads).not.toContain('jeton=abc');
  });

  it('keeps the mail in the mailbox table with the database transport', async () => {
    const { mailer } = await startMailer(databaseTransport);
    const sent = message({ communeId: randomUUID() });
    await database.db.transaction(async (tx) => {
      await mailer.queue(sent, { tx });
    });
    const kept = await waitForMail(database.db, (mail) => mail.to === sent.to);
    expect(kept).toMatchObject({
      communeId: sent.communeId,
      from: '"Mairie de Chanteloup-les-Vignes" <ne-pas-repondre@chanteloup.example.org>',
      subject: sent.subject,
      text: sent.text,
      html: sent.html,
    });
  });

  it("dates a mail by the portal's clock and keeps the order mails were queued in", async () => {
    // A clock years away from the database's: the demo's, or a test's.
    const clock = new TestClock(new Date('2031-03-14T08:30:00Z'));
    const { mailer } = await startMailer(databaseTransport, { clock });
    const first = message({ communeId: randomUUID() });
    const second = message({ communeId: first.communeId });
    await mailer.queue(first);
    await mailer.queue(second);
    const kept = await waitForMail(database.db, (mail) => mail.to === first.to);
    const next = await waitForMail(database.db, (mail) => mail.to === second.to);
    expect(kept.createdAt.toISOString()).toBe('2031-03-14T08:30:00.000Z');
    // Both at the same instant of that clock: the sequence still says which came first.
    expect(next.createdAt.getTime()).toBe(kept.createdAt.getTime());
    expect(next.seq).toBeGreaterThan(kept.seq);
  });

  it('retries a delivery that fails, and delivers once', async () => {
    const delivered: MailMessage[] = [];
    let attempts = 0;
    const { mailer } = await startMailer({
      async deliver(mail) {
        attempts++;
        if (attempts <= 2) throw new Error('SMTP server unavailable');
        delivered.push(mail);
      },
    });
    const sent = message({ subject: `Essai ${randomUUID()}` });
    await mailer.queue(sent);
    await until(async () => delivered.length > 0, 'the delivery');
    // A few more polls: a delivered mail is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toBe(3);
    expect(delivered).toEqual([{ ...sent, communeId: sent.communeId }]);
  });

  it('keeps trying while the relay is down (connection refused) and sends the mail once when it is back', async () => {
    const { mailer } = await startMailer(smtpTransport(sink.url));
    const sent = message();
    await sink.stop();
    try {
      await mailer.queue(sent);
      const waiting = await until(async () => {
        const row = await rowTo(sent.to);
        return row && row.attempts >= 3 ? row : undefined;
      }, 'three failed attempts');
      expect(waiting).toMatchObject({
        status: 'pending',
        lastError: 'Le serveur d’envoi des e-mails est injoignable.',
      });
    } finally {
      await sink.resume();
    }
    await sink.waitFor((mail) => mail.to.includes(sent.to), 30_000);
    await until(async () => (await rowTo(sent.to)) === undefined, 'the sent mail to leave the table');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received(sent.to)).toHaveLength(1);
  });

  it('retries a relay that answers 4xx (try later), and sends once it takes the mail', async () => {
    const { mailer } = await startMailer(smtpTransport(sink.url));
    const sent = message();
    let refusals = 0;
    sink.answerRecipient = (address) =>
      address === sent.to && ++refusals <= 2 ? { code: 451, text: '4.3.0 Mailbox busy, try later' } : null;
    await mailer.queue(sent);
    await sink.waitFor((mail) => mail.to.includes(sent.to), 30_000);
    expect(sink.refused.filter((r) => r.address === sent.to).map((r) => r.code)).toEqual([451, 451]);
    await until(async () => (await rowTo(sent.to)) === undefined, 'the sent mail to leave the table');
    expect(received(sent.to)).toHaveLength(1);
  });

  it('does not retry an address the relay refuses (5xx): the mail is failed with its reason, and « Renvoyer » sends it', async () => {
    const { mailer } = await startMailer(smtpTransport(sink.url));
    const communeId = randomUUID();
    const sent = message({ communeId });
    let refuse = true;
    sink.answerRecipient = (address) =>
      address === sent.to && refuse ? { code: 550, text: '5.1.1 Recipient address rejected' } : null;
    await mailer.queue(sent);
    const failed = await until(async () => {
      const row = await rowTo(sent.to);
      return row?.status === 'failed' ? row : undefined;
    }, 'the refusal');
    expect(failed.lastError).toBe(
      'Le serveur d’envoi a refusé l’adresse du destinataire, code 550 (réponse : « 550 5.1.1 Recipient address rejected »).',
    );
    expect(failed.text).toContain('jeton=abc');
    // No second try.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sink.refused.filter((r) => r.address === sent.to)).toHaveLength(1);

    refuse = false;
    expect(await mailer.resend(randomUUID(), failed.id)).toBe('not-found');
    expect(await mailer.resend(communeId, failed.id)).toBe('queued');
    expect(await mailer.resend(communeId, failed.id)).toBe('not-failed');
    await sink.waitFor((mail) => mail.to.includes(sent.to), 30_000);
    await until(async () => (await rowTo(sent.to)) === undefined, 'the sent mail to leave the table');
    expect(received(sent.to)).toHaveLength(1);
  });

  it('sends a mail whose link still lives after 47 hours of outage', async () => {
    const clock = new TestClock();
    const { mailer } = await startMailer(smtpTransport(sink.url), { clock });
    const sent = message();
    await sink.stop();
    try {
      await mailer.queue(sent, { expiresAt: new Date(clock.now().getTime() + 48 * HOUR) });
      await until(async () => ((await rowTo(sent.to))?.attempts ?? 0) >= 1, 'a failed attempt');
      clock.advance(47 * HOUR);
      const before = (await rowTo(sent.to))!.attempts;
      await until(async () => ((await rowTo(sent.to))?.attempts ?? 0) > before, 'an attempt 47 hours later');
      expect((await rowTo(sent.to))!.status).toBe('pending');
    } finally {
      await sink.resume();
    }
    await sink.waitFor((mail) => mail.to.includes(sent.to), 30_000);
  });

  it('never sends a mail whose link died during the outage, and wipes its body', async () => {
    const clock = new TestClock();
    const { mailer } = await startMailer(smtpTransport(sink.url), { clock });
    const sent = message();
    await sink.stop();
    try {
      await mailer.queue(sent, { expiresAt: new Date(clock.now().getTime() + HOUR) });
      await until(async () => ((await rowTo(sent.to))?.attempts ?? 0) >= 1, 'a failed attempt');
      clock.advance(HOUR);
      await until(async () => (await rowTo(sent.to))?.status === 'expired', 'the mail to expire');
    } finally {
      await sink.resume();
    }
    const expired = (await rowTo(sent.to))!;
    expect(expired).toMatchObject({ text: '', html: '', subject: sent.subject });
    expect(expired.lastError).toContain('Le lien du message a expiré');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(received(sent.to)).toEqual([]);
  });

  it('gives up after 72 hours of a relay away, and says so', async () => {
    const clock = new TestClock();
    const { mailer } = await startMailer(smtpTransport(sink.url), { clock });
    const sent = message({ communeId: randomUUID() });
    await sink.stop();
    try {
      await mailer.queue(sent);
      await until(async () => ((await rowTo(sent.to))?.attempts ?? 0) >= 1, 'a failed attempt');
      clock.advance(72 * HOUR);
      await until(async () => (await rowTo(sent.to))?.status === 'failed', 'the mail to be given up');
    } finally {
      await sink.resume();
    }
    expect((await rowTo(sent.to))!.lastError).toBe(
      'Le serveur d’envoi des e-mails est injoignable. Le message n’a pas pu partir pendant 72 heures.',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received(sent.to)).toEqual([]);
  });

  it('sends, after a restart on the same database, a mail that failed before it', async () => {
    const schema = `jobs_${randomBytes(4).toString('hex')}`;
    const clock = new TestClock();
    const before = await startMailer(smtpTransport(sink.url), { clock, schema });
    const sent = message();
    await sink.stop();
    try {
      await before.mailer.queue(sent, { expiresAt: new Date(clock.now().getTime() + 48 * HOUR) });
      await until(async () => ((await rowTo(sent.to))?.attempts ?? 0) >= 1, 'a failed attempt');
      await before.jobs.stop();
      clock.advance(20 * HOUR);
    } finally {
      await sink.resume();
    }
    await startMailer(smtpTransport(sink.url), { clock, schema });
    await sink.waitFor((mail) => mail.to.includes(sent.to), 30_000);
    await until(async () => (await rowTo(sent.to)) === undefined, 'the sent mail to leave the table');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received(sent.to)).toHaveLength(1);
  });
});
