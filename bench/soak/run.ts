// `npm run soak [-- --minutes 3]`: two Parvis instances on a fresh PostgreSQL database, each through a
// relay the soak can cut, mails to an SMTP sink; mixed traffic at a bounded rate during which one
// instance is killed (SIGKILL) and started again and the database is cut for 10 s; then the checks.
// Exits non-zero when a check fails. Everything on 127.0.0.1, free ports only; not part of npm test.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startSmtpSink } from '../../test/smtpSink.js';
import { startTcpProxy } from '../../test/tcpProxy.js';
import { demoChild, fullWeeks, NOW } from '../benchmarks/bookWeek.js';
import { createScratchDatabase, redactUrl } from '../lib/postgres.js';
import { openPostgres } from '../../src/platform/db/database.js';
import type { Exchange } from './browser.js';
import { type Check, checkDatabase, checkExchanges, checkMails, installMailLog, waitForMails } from './checks.js';
import { Instance } from './instance.js';
import { type Ledger, runTraffic } from './traffic.js';
const CUT_SECONDS = 10;
const DEPLOYMENT_SECRET = randomBytes(32).toString('base64url');

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { minutes: { type: 'string', default: '3' } },
  strict: true,
});
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes < 0.5 || minutes > 60) {
  console.error('--minutes must be a number between 0.5 and 60 (3 by default).');
  process.exit(2);
}
const serverUrl = process.env.SOAK_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const started = Date.now();
const clock = () => (Date.now() - started) / 1000;
const log = (message: string) => console.log(`[${clock().toFixed(1).padStart(6)} s] ${message}`);

async function main(): Promise<number> {
  const scratch = await createScratchDatabase(serverUrl);
  const target = new URL(scratch.url);
  log(`database ${target.pathname.slice(1)} on ${redactUrl(serverUrl)}`);
  const sink = await startSmtpSink();
  const database = { host: target.hostname, port: Number(target.port || 5432) };
  // Each instance through a relay that is cut with resets, as a network failure or a fail-over does.
  const relays = [await startTcpProxy(database, { reset: true }), await startTcpProxy(database, { reset: true })];
  const instances = relays.map((relay, index) => {
    const url = new URL(scratch.url);
    url.host = `127.0.0.1:${relay.port}`;
    return new Instance(
      index === 0 ? 'A' : 'B',
      {
        NODE_ENV: 'production',
        PARVIS_MODE: 'demo',
        PARVIS_NOW: NOW.toISOString(),
        DATABASE_URL: url.toString(),
        SMTP_URL: sink.url,
        TRUST_PROXY: '1',
        // One deployment: a form shown by one instance is posted to the other.
        PARVIS_SECRET: DEPLOYMENT_SECRET,
        LOG_LEVEL: 'warn',
      },
      clock,
    );
  });
  const direct = await openPostgres(scratch.url, { max: 2 });
  const exchanges: Exchange[] = [];
  const ledger: Ledger = { bookings: [], filings: [], decisions: new Map() };
  const events: { what: string; at: number }[] = [];
  const checks: Check[] = [];
  try {
    // Together on a new database, as a rolling deploy on a fresh one: both must come up.
    log('starting instances A and B together');
    const starts = await Promise.allSettled(instances.map((instance) => instance.start()));
    for (const [index, start] of starts.entries()) {
      checks.push({
        name: `instance ${instances[index]!.label} starts alongside the other on a new database`,
        ok: start.status === 'fulfilled',
        detail: start.status === 'rejected' ? firstCause((start.reason as Error).message) : instances[index]!.origin!,
      });
      if (start.status === 'rejected') console.log((start.reason as Error).message);
    }
    // As an orchestrator would, an instance that failed to start is started again, so that the rest of the soak has two.
    for (const instance of instances.filter((i) => !i.alive)) {
      log(`starting instance ${instance.label} again`);
      await instance.start().catch((error: Error) => log(error.message));
    }
    if (!instances.some((instance) => instance.alive)) throw new Error('no instance started: nothing to soak');

    await installMailLog(direct);
    const child = await demoChild(direct);
    const days = (await fullWeeks(direct, child)).flatMap((week) => [0, 2, 4, 6].map((i) => week.slice(i, i + 2)));

    let turn = 0;
    const pick = () => {
      const up = instances.filter((instance) => instance.alive && instance.origin);
      return up.length === 0 ? null : up[turn++ % up.length]!;
    };
    const seconds = minutes * 60;
    const until = Date.now() + seconds * 1000;
    log(`traffic for ${seconds} s; ${days.length} school days to book`);
    const traffic = runTraffic(
      { pick, record: (exchange) => exchanges.push(exchange), clock, until, memberId: child.memberId, days },
      ledger,
    );

    const trafficStart = until - seconds * 1000;
    const at = (fraction: number) => sleep(Math.max(0, trafficStart + fraction * seconds * 1000 - Date.now()));
    const timeline = (async () => {
      await at(0.25);
      const victim =
        instances.find((instance) => instance.label === 'B' && instance.alive) ??
        instances.find((instance) => instance.alive);
      if (victim) {
        log(`SIGKILL instance ${victim.label}`);
        events.push({ what: `kill ${victim.label}`, at: clock() });
        await victim.kill();
        await victim.start().then(
          () => log(`instance ${victim.label} up again on ${victim.origin}`),
          (error: Error) => log(`instance ${victim.label} did not come back: ${error.message}`),
        );
        events.push({ what: `restart ${victim.label}`, at: clock() });
      }
      await at(0.55);
      log(`database cut for ${CUT_SECONDS} s`);
      events.push({ what: 'cut', at: clock() });
      for (const relay of relays) relay.cut();
      await sleep(CUT_SECONDS * 1000);
      for (const relay of relays) relay.restore();
      events.push({ what: 'restore', at: clock() });
      log('database back');
    })();
    await Promise.all([traffic, timeline]);
    log(`traffic over: ${exchanges.length} requests`);

    // Mails queued during the cut wait for their job's next try: give them time to leave.
    await waitForMails(direct, sink, 180_000);
    for (const instance of instances) {
      const health = instance.origin
        ? await fetch(`${instance.origin}/healthz`).then(
            (r) => r.status,
            () => 0,
          )
        : 0;
      checks.push({
        name: `instance ${instance.label} alive at the end`,
        ok: instance.alive && health === 200,
        detail: `${instance.alive ? 'running' : 'exited'}, /healthz ${health || 'no answer'}`,
      });
      for (const exit of instance.unexpectedExits) {
        checks.push({
          name: `instance ${instance.label} never exits by itself`,
          ok: false,
          detail: `generation ${exit.generation} exited at ${exit.at.toFixed(1)} s (code ${exit.code}, signal ${exit.signal})`,
        });
      }
    }
    const cut = { from: events.find((e) => e.what === 'cut')!.at, to: events.find((e) => e.what === 'restore')!.at };
    const killed = new Set(
      instances.flatMap((instance) =>
        instance.exits.filter((exit) => exit.killed).map((exit) => `${instance.label}${exit.generation}`),
      ),
    );
    checks.push(...checkExchanges(exchanges, cut, killed));
    checks.push(...(await checkDatabase(direct, ledger, child.memberId)));
    checks.push(...(await checkMails(direct, sink)));

    printTraffic(exchanges, ledger);
    printChecks(checks);
    for (const instance of instances.filter((i) => i.unexpectedExits.length > 0))
      console.log(`\nLast lines of instance ${instance.label}:\n${instance.tail(40)}`);
    return checks.every((check) => check.ok) ? 0 : 1;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await direct.close().catch(() => {});
    for (const relay of relays) await relay.close();
    await sink.close();
    await scratch
      .drop()
      .catch((error: unknown) => console.error(`could not drop the scratch database: ${(error as Error).message}`));
  }
}

/** The line of a failed start that says why (`Parvis cannot start: …`), rather than the soak's own. */
function firstCause(message: string): string {
  const lines = message.split('\n');
  return (lines.find((line) => /cannot start|Error/.test(line)) ?? lines[0] ?? '')
    .replace(/^\[\w+\] /, '')
    .slice(0, 160);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function printTraffic(exchanges: Exchange[], ledger: Ledger): void {
  const actions = [...new Set(exchanges.map((e) => e.action))];
  const rows = actions.map((action) => {
    const mine = exchanges.filter((e) => e.action === action);
    const count = (test: (e: Exchange) => boolean) => String(mine.filter(test).length);
    return [
      action,
      String(mine.length),
      count((e) => !!e.status && e.status < 400),
      count((e) => !!e.status && e.status >= 400 && e.status < 500),
      count((e) => e.status === 503),
      count((e) => !!e.status && e.status >= 500 && e.status !== 503),
      count((e) => !!e.error),
    ];
  });
  console.log('\nTraffic');
  table(['action', 'requests', '2xx/3xx', '4xx', '503', 'other 5xx', 'no answer'], rows);
  const verdicts = (list: { verdict: string }[]) =>
    ['success', 'refused', 'unknown'].map((v) => String(list.filter((e) => e.verdict === v).length));
  const attempts = [...ledger.decisions.values()].flat();
  console.log('\nOutcomes (success / refused / unknown)');
  table(
    ['what', 'success', 'refused', 'unknown'],
    [
      ['booked days', ...verdicts(ledger.bookings)],
      ['family requests', ...verdicts(ledger.filings)],
      ['decision attempts', ...verdicts(attempts)],
    ],
  );
}

function printChecks(checks: Check[]): void {
  console.log('\nChecks');
  table(
    ['check', 'result', 'detail'],
    checks.map((check) => [check.name, check.ok ? 'PASS' : 'FAIL', check.detail]),
  );
  const failed = checks.filter((check) => !check.ok).length;
  console.log(
    `\n${failed === 0 ? 'SOAK PASSED' : `SOAK FAILED: ${failed} check(s)`} (${minutes} min of traffic, ${clock().toFixed(0)} s in all)`,
  );
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(format(row));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak crashed:', error);
    process.exit(1);
  },
);
