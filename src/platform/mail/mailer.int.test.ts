import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import { waitForMail } from '../../../test/mailbox.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtpSink.js';
import type { Database } from '../db/database.js';
import { type Jobs, openJobs } from '../jobs/jobs.js';
import { composeMail } from './composeMail.js';
import { mailbox } from './mailSchema.js';
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
      action: { label: 'Activer mon espace', url: 'https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc' },
      signature: 'La mairie de Chanteloup-les-Vignes',
    }),
    ...overrides,
  };
}

describe.each(testDatabases())('mails through jobs on $name', (testDatabase) => {
  let database: Database;
  let sink: SmtpSink;
  const opened: { jobs: Jobs; schema: string }[] = [];

  // Each test's mailer has a jobs schema of its own: two workers on one mail queue would share
  // its mails whatever their transports. On PostgreSQL the schema also keeps parallel files apart.
  async function startMailer(transport: MailTransport): Promise<Mailer> {
    const schema = `jobs_${randomBytes(4).toString('hex')}`;
    const jobs = await openJobs(database, { schema, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, onError: () => {} });
    opened.push({ jobs, schema });
    await jobs.start();
    const mailer = new Mailer(jobs, transport, database.db);
    await mailer.start();
    return mailer;
  }

  beforeAll(async () => {
    database = await testDatabase.open();
    sink = await startSmtpSink();
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
    const mailer = await startMailer(smtpTransport(sink.url));
    const sent = message();
    await mailer.queue(sent);
    const received = await sink.waitFor((mail) => mail.to.includes(sent.to));
    expect(received.from).toEqual({ name: 'Mairie de Chanteloup-les-Vignes', address: 'ne-pas-repondre@chanteloup.example.org' });
    expect(received.subject).toBe('Activez votre espace citoyens');
    expect(received.text).toContain('https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc');
    expect(received.html).toContain('<html lang="fr">');
    expect(received.html).toContain('href="https://parvis.example.org/chanteloup-les-vignes/activer?jeton=abc"');
    // Once sent, the mail and its link are nowhere in the database: not in the mail box, not in the jobs.
    const deadline = Date.now() + 5000;
    let left = 1;
    while (left > 0 && Date.now() < deadline) {
      left = (await database.db.select().from(mailbox).where(eq(mailbox.to, sent.to))).length;
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(left).toBe(0);
    const { schema } = opened.at(-1)!;
    const jobs = await database.db.execute(sql.raw(`select data::text as data from ${schema}.job where name = 'mail.send'`));
    const payloads = JSON.stringify((jobs as unknown as { rows?: unknown[] }).rows ?? jobs);
    expect(payloads).not.toContain('jeton=abc');
  });

  it('keeps the mail in the mailbox table with the database transport', async () => {
    const mailer = await startMailer(databaseTransport);
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

  it('retries a delivery that fails, and delivers once', async () => {
    const delivered: MailMessage[] = [];
    let attempts = 0;
    const mailer = await startMailer({
      async deliver(mail) {
        attempts++;
        if (attempts <= 2) throw new Error('SMTP server unavailable');
        delivered.push(mail);
      },
    });
    const sent = message({ subject: `Essai ${randomUUID()}` });
    await mailer.queue(sent);
    const deadline = Date.now() + 10_000;
    while (delivered.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // A few more polls: a delivered mail is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toBe(3);
    expect(delivered).toEqual([{ ...sent, communeId: sent.communeId }]);
  });
});
