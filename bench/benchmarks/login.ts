import { verify } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import type { Benchmark, BenchmarkContext, BenchmarkLine } from '../lib/benchmark.js';
import { compareSideBySide, formatRps } from '../lib/compare.js';
import { benchMode, startApp } from '../lib/app.js';
import {
  CITIZEN_LOGIN_PATH,
  CITIZEN_SESSION_COOKIE,
  CSRF_COOKIE,
  DEMO_COMMUNE,
  loginForm,
} from '../lib/citizenLogin.js';
import { onEachDatabase } from '../lib/databases.js';
import type { RunningServer } from '../lib/floor.js';
import { LoadGenerator } from '../lib/load.js';
import { measureVerifications } from '../lib/verifyFloor.js';
import { demoLogins } from '../../src/demo/demoPeople.js';
import { citizens } from '../../src/modules/accounts/accountsSchema.js';
import { CitizensRepository } from '../../src/modules/accounts/citizensRepository.js';
import { ARGON2_OPTIONS } from '../../src/modules/accounts/passwordHasher.js';
import { communes } from '../../src/modules/communes/communesSchema.js';
import type { Database } from '../../src/platform/db/database.js';

const COMMUNE = DEMO_COMMUNE;
const LOGIN_PATH = CITIZEN_LOGIN_PATH;
const HOME_AFTER_LOGIN = `/${COMMUNE}/mon-accueil`;
const SESSION_COOKIE = CITIZEN_SESSION_COOKIE;
/** As many verifications in flight as the load generator keeps requests in flight. */
const CONNECTIONS = 10;
/**
 * The demo citizen and copies of her account (same password, same stored hash), logged into in turn.
 * Tries of one account are counted before its password is checked (SECURITY.md: tries sent at the
 * same instant cannot pass the limit), so ten logins of one account in flight would be refused as
 * brute force; in turn over 50 accounts, no account ever has more than one or two in flight.
 */
const ACCOUNTS = 5 * CONNECTIONS;

/**
 * Successful logins through the real form, against argon2id verifications of the same stored hash,
 * as many in flight, in the same process: a login cannot be faster than its password check, and the
 * ratio says how much the rest of the login (queries, session, cookies, HTTP) costs on top of it.
 */
export const login: Benchmark = {
  name: 'login',
  target: 0.7,
  async run(context) {
    const load = new LoadGenerator();
    await load.start();
    try {
      return await onEachDatabase('login', context, (label, database) => measureOn(label, database, load, context));
    } finally {
      await load.close();
    }
  },
};

async function measureOn(
  label: string,
  database: Database,
  load: LoadGenerator,
  context: BenchmarkContext,
): Promise<BenchmarkLine> {
  let app: RunningServer;
  try {
    // Behind a trusted proxy, so that each request can come from its own address (30 logins per 15 minutes per address).
    app = await startApp(database, { trustProxy: true, mode: benchMode('production') });
  } catch (error) {
    await database.close();
    throw error;
  }
  try {
    const { password } = demoLogins.citizen;
    const hash = await storedHash(database);
    if (!(await verify(hash, password))) throw new Error('the demo password does not match the stored hash');
    const usernames = await copiesOfTheDemoCitizen(database, ACCOUNTS);

    const form = await loginForm(app.url);
    const bodies = usernames.map((identifier) =>
      new URLSearchParams({ identifier, password, _csrf: form.token }).toString(),
    );
    const request = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${CSRF_COOKIE}=${form.cookie}` },
    };
    await checkOneLogin(app.url, { ...request, body: bodies[0]! });
    context.log(
      `    ${hash.slice(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1))} · ${CONNECTIONS} in flight · ${ACCOUNTS} accounts in turn`,
    );

    const result = await compareSideBySide(context, {
      app: (seconds) =>
        load.run({
          url: `${app.url}${LOGIN_PATH}`,
          seconds,
          connections: CONNECTIONS,
          pipelining: 1,
          request,
          bodies,
          distinctForwardedFor: true,
          expect: { status: 303, location: HOME_AFTER_LOGIN, newCookie: SESSION_COOKIE },
        }),
      floor: (seconds) => measureVerifications({ hash, password, concurrency: CONNECTIONS, seconds }),
    });
    const failures = result.app.errors + result.app.unexpected + result.floor.errors + result.floor.unexpected;
    return {
      label,
      ratio: result.ratio,
      details: {
        'app rps': formatRps(result.app.rps),
        'floor rps': formatRps(result.floor.rps),
        'app p50/p99 ms': `${result.app.p50}/${result.app.p99}`,
        'floor p50/p99 ms': `${result.floor.p50}/${result.floor.p99}`,
        'errors/unexpected': `${result.app.errors + result.floor.errors}/${result.app.unexpected + result.floor.unexpected}`,
        'round ratios': result.roundRatios.map((ratio) => ratio.toFixed(3)).join(' '),
        ...(failures > 0 ? { warning: 'failed logins or checks: figures not comparable' } : {}),
      },
    };
  } finally {
    await app.close();
  }
}

/** The demo citizen's row as the seed stored it. */
async function demoCitizen(database: Database) {
  const [row] = await database.db
    .select({ citizen: citizens })
    .from(citizens)
    .innerJoin(communes, eq(communes.id, citizens.communeId))
    .where(and(eq(communes.slug, COMMUNE), eq(citizens.username, demoLogins.citizen.username)));
  if (!row) throw new Error(`no demo citizen ${demoLogins.citizen.username} in ${COMMUNE}`);
  return row.citizen;
}

/** Her hash, checked to carry the app's own argon2id parameters. */
async function storedHash(database: Database): Promise<string> {
  const hash = (await demoCitizen(database)).passwordHash;
  const expected = `$argon2id$v=19$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;
  if (!hash.startsWith(expected))
    throw new Error(`the stored hash does not use ARGON2_OPTIONS (${expected}): ${hash.slice(0, 40)}…`);
  return hash;
}

/** The demo citizen and `count - 1` active copies of her account, same hash: their usernames. */
async function copiesOfTheDemoCitizen(database: Database, count: number): Promise<string[]> {
  const {
    id: _id,
    usernameKey: _usernameKey,
    emailKey: _emailKey,
    createdAt: _createdAt,
    ...original
  } = await demoCitizen(database);
  const repository = new CitizensRepository(database.db);
  const usernames = [original.username];
  for (let n = 2; n <= count; n++) {
    const username = `${original.username}.${n}`;
    const copy = await repository.insert({ ...original, username, email: original.email.replace('@', `+${n}@`) });
    if (!copy) throw new Error(`could not add the bench account ${username}`);
    usernames.push(username);
  }
  return usernames;
}

/** One login before the load, to fail with the app's answer rather than with a count of errors. */
async function checkOneLogin(
  origin: string,
  request: { method: 'POST'; headers: Record<string, string>; body: string },
): Promise<void> {
  const response = await fetch(`${origin}${LOGIN_PATH}`, {
    ...request,
    headers: { ...request.headers, 'x-forwarded-for': '192.0.2.1' },
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  const session = response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`));
  if (response.status !== 303 || location !== HOME_AFTER_LOGIN || !session) {
    throw new Error(
      `POST ${LOGIN_PATH} answered ${response.status} (location ${location}, session cookie ${session}): ${(await response.text()).slice(0, 300)}`,
    );
  }
}
