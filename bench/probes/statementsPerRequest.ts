// The statements PGlite runs for each request of a family's way through `book-week` (login, calendar,
// summary, confirmation), and the main-thread time inside PGlite. A statement Drizzle sends is parsed
// once into a named statement (`Parse`, `Describe`, `Sync`: one call, `pgliteStatements.ts`) and each
// of its runs is one call (`Bind`, `Execute`, `Sync`); a statement of PGlite's own `query` is six calls
// (parse, describe, bind, describe, execute, sync); `BEGIN`/`COMMIT` are one each.
//   npx tsx bench/probes/statementsPerRequest.ts [demo|production]   (PROBE_VERBOSE=1 prints the SQL)
import type { PGlite } from '@electric-sql/pglite';
import { openScratchPglite, startApp } from '../lib/app.js';
import { NOW, demoChild, fullWeeks } from '../benchmarks/bookWeek.js';
import { communePaths } from '../../src/platform/views/paths.js';
import { CITIZEN_SESSION_COOKIE, CSRF_COOKIE, cookieValue, loginForm } from '../lib/citizenLogin.js';
import { demoLogins } from '../../src/demo/demoPeople.js';
import { monthOf } from '../../src/shared/localDays.js';

const mode = (process.argv[2] ?? 'production') as 'demo' | 'production';
const database = await openScratchPglite();
const client = (database.db as unknown as { $client: PGlite }).$client;
/** One entry per call into PGlite; `statement` is set on the call that runs a statement (not on its preparing). */
let log: { kind: string; text: string; statement: boolean; ms: number }[] | null = null;
/** Per statement (its first words), the time of each of its calls into PGlite, summed, over the repeated requests. */
const perStatement = new Map<string, number[]>();
/** The text of each named statement, from its `Parse`. */
const named = new Map<string, string>();
let current: string | null = null;
const cstring = (body: Buffer, from: number) => body.subarray(from, body.indexOf(0, from)).toString();
const run = client.execProtocolStream.bind(client);
client.execProtocolStream = async (message, options) => {
  const began = performance.now();
  try {
    return await run(message, options);
  } finally {
    // A `Close` of the statement unused longest may come first; look at the message after it.
    let at = 0;
    if (String.fromCharCode(message[0]!) === 'C') at = 1 + Buffer.from(message).readInt32BE(1);
    const kind = String.fromCharCode(message[at]!);
    const batched = at + 1 + Buffer.from(message).readInt32BE(at + 1) < message.length;
    const body = Buffer.from(message.subarray(at + 5));
    let text = '';
    let statement = false;
    if (kind === 'P') {
      // Parse: statement name\0, query\0…: a lone one is PGlite's own `query`, batched is a statement kept.
      const name = cstring(body, 0);
      text = cstring(body, body.indexOf(0) + 1);
      if (name) named.set(name, text);
      statement = !batched;
    } else if (kind === 'Q') {
      text = cstring(body, 0);
      statement = true;
    } else if (kind === 'B' && batched) {
      // Bind: portal\0, statement name\0…: a run of a statement kept.
      text = named.get(cstring(body, body.indexOf(0) + 1)) ?? '';
      statement = true;
    }
    if (text) current = text.replace(/\s+/g, ' ').slice(0, 70);
    if (log) {
      log.push({ kind, text, statement, ms: performance.now() - began });
      if (statement && current) perStatement.set(current, [...(perStatement.get(current) ?? []), 0]);
      if (current && perStatement.has(current)) {
        const times = perStatement.get(current)!;
        times[times.length - 1]! += performance.now() - began;
      }
    }
  }
};

const app = await startApp(database, { now: NOW, trustProxy: true, mode });
try {
  const child = await demoChild(database);
  const [week] = await fullWeeks(database, child);
  const paths = communePaths({ slug: 'chanteloup-les-vignes', version: '' });
  const calendar = paths.memberReservations(child.memberId);
  let quiet = false;
  const observe = async (what: string, request: () => Promise<Response>) => {
    log = [];
    const began = performance.now();
    const response = await request();
    await response.arrayBuffer();
    const ms = performance.now() - began;
    const statements = log.filter((entry) => entry.statement);
    const inPglite = log.reduce((sum, entry) => sum + entry.ms, 0);
    if (!quiet)
      console.log(
        `${what}: ${response.status}, ${statements.length} statements, ${log.length} calls into PGlite, ` +
          `${inPglite.toFixed(1)} of ${ms.toFixed(1)} ms`,
      );
    if (process.env.PROBE_VERBOSE && !quiet)
      for (const entry of statements) console.log(`    ${entry.kind} ${entry.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    log = null;
    return response;
  };
  const form = await loginForm(app.url, '10.9.0.1');
  const login = await observe('login', () =>
    fetch(`${app.url}/chanteloup-les-vignes/connexion`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${CSRF_COOKIE}=${form.cookie}`,
        'x-forwarded-for': '10.9.0.1',
      },
      body: new URLSearchParams({
        identifier: 'aurelie.dupont',
        password: demoLogins.citizen.password,
        _csrf: form.token,
      }).toString(),
      redirect: 'manual',
    }),
  );
  const browser = { cookie: `${CITIZEN_SESSION_COOKIE}=${cookieValue(login.headers, CITIZEN_SESSION_COOKIE)}` };
  await observe('calendar page', () => fetch(`${app.url}${calendar}`, { headers: { cookie: browser.cookie } }));
  const page = await fetch(`${app.url}${calendar}`, { headers: { cookie: browser.cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
  const month = monthOf(week![0]!.day);
  const fields: Record<string, string> = {
    mois: month,
    cellules: week!.map((cell) => `${cell.day}:${cell.serviceId}`).join(' '),
  };
  for (const cell of week!) fields[`r:${cell.day}:${cell.serviceId}`] = cell.unit!;
  const rounds = Number(process.env.PROBE_ROUNDS ?? 1);
  // Booked, then cancelled, in turn; the process's CPU per confirmation (its summary included) after the first pair.
  let cpu = process.cpuUsage();
  for (let n = 0; n < 2 * rounds; n++) {
    quiet = n >= 2;
    if (n === 2) cpu = process.cpuUsage();
    for (const cell of week!) fields[`r:${cell.day}:${cell.serviceId}`] = n % 2 === 0 ? cell.unit! : '';
    const summary = await (await post(paths.reservationsSummary(child.memberId), fields)).text();
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(summary)?.[1] ?? '';
    const confirm = { mois: month, voulu: hidden('voulu'), apercu: hidden('apercu') };
    await observe('summary', () => post(paths.reservationsSummary(child.memberId), fields));
    await observe('confirmation', () => post(paths.confirmReservations(child.memberId), confirm));
  }
  if (rounds > 1) {
    const used = process.cpuUsage(cpu);
    const perPair = (used.user + used.system) / 1000 / (2 * rounds - 2);
    console.log(
      `${mode}: ${perPair.toFixed(2)} ms of CPU per confirmation of a week with its two summaries (${2 * rounds - 2} confirmations)`,
    );
  }
  await observe('« Mon accueil »', () => fetch(`${app.url}${paths.myHome}`, { headers: { cookie: browser.cookie } }));
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log('median ms in PGlite per statement, over the requests above:');
  for (const [text, times] of perStatement) console.log(`  ${median(times).toFixed(3)} ×${times.length}  ${text}`);
} finally {
  await app.close();
}
