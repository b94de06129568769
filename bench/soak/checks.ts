import { sql } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/database.js';
import type { SmtpSink } from '../../test/smtpSink.js';
import type { Exchange } from './browser.js';
import type { Ledger } from './traffic.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** A 503 may answer a request sent this long before the cut (it waited for the database) or after it (pools reconnecting). */
const BEFORE_CUT_SECONDS = 30;
const AFTER_CUT_SECONDS = 20;

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Every mail the portal queues, as it queues it: a trigger on `mailbox` (in the soak's own scratch
 * database) copies each row into `soak_mail_log` in the same transaction, so that a mail whose
 * transaction rolled back is not counted, and one that committed is, whatever happens to the row next.
 */
export async function installMailLog(database: Database): Promise<void> {
  await database.db.execute(
    sql.raw(`
    create table soak_mail_log (id bigserial primary key, mail jsonb not null);
    create function soak_log_mail() returns trigger language plpgsql as $$
      begin insert into soak_mail_log (mail) values (to_jsonb(new)); return new; end $$;
    create trigger soak_log_mail after insert on mailbox for each row execute function soak_log_mail();
  `),
  );
}

const mailKey = (to: string, subject: string) => `${to.toLowerCase()} | ${subject}`;

async function queuedMails(database: Database): Promise<Map<string, number>> {
  const logged = await rows<{ to: string; subject: string }>(
    database,
    sql`select mail->>'to_address' as "to", mail->>'subject' as subject from soak_mail_log`,
  );
  return tally(logged.map((mail) => mailKey(mail.to, mail.subject)));
}

function receivedMails(sink: SmtpSink): Map<string, number> {
  return tally(sink.messages.flatMap((mail) => mail.to.map((to) => mailKey(to, mail.subject))));
}

function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Waits until every queued mail has reached the sink, or `timeoutMs`. */
export async function waitForMails(database: Database, sink: SmtpSink, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const queued = await queuedMails(database);
    const received = receivedMails(sink);
    if ([...queued].every(([key, n]) => (received.get(key) ?? 0) >= n)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function checkMails(database: Database, sink: SmtpSink): Promise<Check[]> {
  const queued = await queuedMails(database);
  const received = receivedMails(sink);
  let lost = 0;
  let extra = 0;
  for (const key of new Set([...queued.keys(), ...received.keys()])) {
    const difference = (received.get(key) ?? 0) - (queued.get(key) ?? 0);
    if (difference < 0) lost -= difference;
    else extra += difference;
  }
  const total = [...queued.values()].reduce((a, b) => a + b, 0);
  return [
    {
      name: 'every mail queued reaches the SMTP sink',
      ok: lost === 0,
      detail: `${total} queued, ${sink.messages.length} received, ${lost} missing`,
    },
    { name: 'no mail delivered twice', ok: extra === 0, detail: `${extra} received more often than queued` },
  ];
}

/** What the answers themselves must show: no 500, 503 only around the cut, no connection lost but to the killed instance. */
export function checkExchanges(exchanges: Exchange[], cut: { from: number; to: number }, killed: Set<string>): Check[] {
  const errors = exchanges.filter((e) => e.status !== undefined && e.status >= 500 && e.status !== 503);
  const outside = exchanges.filter(
    (e) => e.status === 503 && (e.at < cut.from - BEFORE_CUT_SECONDS || e.at > cut.to + AFTER_CUT_SECONDS),
  );
  const lost = exchanges.filter((e) => e.error && !killed.has(`${e.instance}${e.generation}`));
  const during = exchanges.filter((e) => e.at >= cut.from && e.at <= cut.to);
  const describe = (list: Exchange[]) =>
    list
      .slice(0, 5)
      .map((e) => `${e.action} on ${e.instance}${e.generation} at ${e.at.toFixed(1)} s: ${e.status ?? e.error}`)
      .join('; ');
  return [
    {
      name: 'no 500 (or other 5xx than 503)',
      ok: errors.length === 0,
      detail: errors.length === 0 ? `${exchanges.length} answers` : `${errors.length}: ${describe(errors)}`,
    },
    {
      name: 'only 503s during the cut, none elsewhere',
      ok: outside.length === 0,
      detail: `${during.filter((e) => e.status === 503).length} × 503 of ${during.length} requests sent during the cut${outside.length ? `; ${outside.length} outside: ${describe(outside)}` : ''}`,
    },
    {
      name: 'no connection lost except to the killed instance',
      ok: lost.length === 0,
      detail:
        lost.length === 0
          ? `${exchanges.filter((e) => e.error).length} to the killed one`
          : `${lost.length}: ${describe(lost)}`,
    },
  ];
}

/** What the database must hold: every success, no refusal, nothing twice. */
export async function checkDatabase(database: Database, ledger: Ledger, memberId: string): Promise<Check[]> {
  const checks: Check[] = [];
  const booked = await rows<{ day: string; service_id: string; status: string }>(
    database,
    sql`select day::text as day, service_id, status from bookings where member_id = ${memberId}`,
  );
  const live = new Set(booked.filter((b) => b.status === 'reserve').map((b) => `${b.day}|${b.service_id}`));
  const any = new Set(booked.map((b) => `${b.day}|${b.service_id}`));
  const cellsOf = (entry: Ledger['bookings'][number]) => entry.cells.map((cell) => `${cell.day}|${cell.serviceId}`);
  const missing = ledger.bookings.filter((e) => e.verdict === 'success' && !cellsOf(e).every((cell) => live.has(cell)));
  const written = ledger.bookings.filter((e) => e.verdict === 'refused' && cellsOf(e).some((cell) => any.has(cell)));
  checks.push({
    name: 'every booking confirmed is in the database',
    ok: missing.length === 0,
    detail: `${ledger.bookings.filter((e) => e.verdict === 'success').length} confirmed${missing.length ? `; missing: ${missing.map((e) => e.cells[0]!.day).join(', ')}` : ''}`,
  });
  checks.push({
    name: 'no booking refused is in the database',
    ok: written.length === 0,
    detail: `${ledger.bookings.filter((e) => e.verdict === 'refused').length} refused${written.length ? `; written: ${written.map((e) => `${e.cells[0]!.day} (${e.answer})`).join(', ')}` : ''}`,
  });
  const doubled = await rows<{ n: number }>(
    database,
    sql`select count(*)::int as n from (select 1 from bookings where status = 'reserve' group by member_id, service_id, day having count(*) > 1) d`,
  );
  checks.push({
    name: 'no booking twice',
    ok: doubled[0]!.n === 0,
    detail: `${doubled[0]!.n} (child, service, day) with more than one live booking`,
  });

  const filed = await rows<{ id: string; name: string; status: string }>(
    database,
    sql`select id, payload::text as name, status from requests where type is not null`,
  );
  const filingsMissing: string[] = [];
  const filingsWritten: string[] = [];
  const filingsTwice: string[] = [];
  for (const filing of ledger.filings) {
    const found = filed.filter((r) => r.name.toLowerCase().includes(`"${filing.firstName.toLowerCase()}"`));
    if (found.length > 1) filingsTwice.push(filing.firstName);
    if (filing.verdict === 'success' && found.length === 0) filingsMissing.push(filing.firstName);
    if (filing.verdict === 'refused' && found.length > 0) filingsWritten.push(`${filing.firstName} (${filing.answer})`);
  }
  checks.push({
    name: 'every family request filed is in the database, once',
    ok: filingsMissing.length + filingsTwice.length === 0,
    detail: `${ledger.filings.filter((f) => f.verdict === 'success').length} filed${filingsMissing.length ? `; missing: ${filingsMissing.join(', ')}` : ''}${filingsTwice.length ? `; twice: ${filingsTwice.join(', ')}` : ''}`,
  });
  checks.push({
    name: 'no family request refused is in the database',
    ok: filingsWritten.length === 0,
    detail: `${ledger.filings.filter((f) => f.verdict === 'refused').length} refused${filingsWritten.length ? `; written: ${filingsWritten.join(', ')}` : ''}`,
  });

  const statusOf = new Map(filed.map((r) => [r.id, r.status]));
  const wrong: string[] = [];
  let decided = 0;
  for (const [requestId, attempts] of ledger.decisions) {
    const status = statusOf.get(requestId);
    const success = attempts.find((a) => a.verdict === 'success');
    if (success) {
      decided++;
      const expected = success.decision === 'accepter' ? 'acceptee' : 'refusee';
      if (status !== expected) wrong.push(`${requestId.slice(0, 8)} decided « ${success.decision} » but ${status}`);
    } else if (
      attempts.length > 0 &&
      attempts.every((a) => a.verdict === 'refused') &&
      (status === 'acceptee' || status === 'refusee')
    ) {
      wrong.push(`${requestId.slice(0, 8)} refused (${attempts.map((a) => a.answer).join(', ')}) but ${status}`);
    }
  }
  checks.push({
    name: 'every decision answered with success is recorded, none refused',
    ok: wrong.length === 0,
    detail: `${decided} decided${wrong.length ? `; ${wrong.slice(0, 5).join('; ')}` : ''}`,
  });
  const twice = await rows<{ n: number }>(
    database,
    sql`select count(*)::int as n from (select 1 from request_events where to_status in ('acceptee', 'refusee') group by request_id having count(*) > 1) d`,
  );
  checks.push({
    name: 'no request decided twice',
    ok: twice[0]!.n === 0,
    detail: `${twice[0]!.n} requests with more than one decision`,
  });
  return checks;
}
