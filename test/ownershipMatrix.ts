import type { FastifyInstance } from 'fastify';
import { type Table, getTableName, sql } from 'drizzle-orm';
import { accountTokens, childKeys } from '../src/modules/accounts/accountsSchema.js';
import { auditEvents } from '../src/modules/audit/auditSchema.js';
import { bookings, serviceDayPlaces, sessionBookings } from '../src/modules/bookings/bookingsSchema.js';
import { familyQuotients, familyResidence } from '../src/modules/billing/billingSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { demarches } from '../src/modules/demarches/demarchesSchema.js';
import {
  families,
  familyAdults,
  familyChanges,
  familyFieldPolicies,
  familyMembers,
  memberContacts,
} from '../src/modules/families/familiesSchema.js';
import { requestEvents, requestMessages, requests } from '../src/modules/requests/requestsSchema.js';
import { documentFiles, documents } from '../src/modules/documents/documentsSchema.js';
import { activitySessions } from '../src/modules/services/servicesSchema.js';
import { creditRefunds, paymentAllocations, payments } from '../src/modules/payments/paymentsSchema.js';
import { payfipAttempts, payfipSettings } from '../src/modules/onlinePayments/onlinePaymentsSchema.js';
import type { TestApp } from './testApp.js';

/**
 * What the ownership matrix needs besides the pages: the routes the app really registered (so that a
 * new route cannot escape the matrix), and a fingerprint of everything a family's pages or the desk
 * can write, to prove that a refused request wrote nothing.
 */

export interface RegisteredRoute {
  method: string;
  /** The path as the route declares it, e.g. `/:commune/ma-famille/membres/:id`. */
  url: string;
}

/**
 * Every route of the app with its methods, read from Fastify's own tree (`printRoutes`): each line
 * is a node whose label continues its parent's, four characters of drawing per level.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const found: RegisteredRoute[] = [];
  const labels: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    if (line.trim() === '') continue;
    const drawing = /^[│├└─ ]*/.exec(line)![0];
    if (drawing.length % 4 !== 0) throw new Error(`unexpected line in Fastify's route tree: ${JSON.stringify(line)}`);
    const depth = drawing.length / 4;
    const node = /^(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(drawing.length));
    if (!node) throw new Error(`unexpected line in Fastify's route tree: ${JSON.stringify(line)}`);
    labels.length = depth - 1;
    labels.push(node[1]!);
    const url = labels.join('');
    for (const method of node[2]?.split(', ') ?? []) found.push({ method, url });
  }
  return found;
}

/** The routes whose path holds a parameter besides the commune's slug, HEAD left aside (it is the GET). */
export function routesWithParameters(app: FastifyInstance): string[] {
  return registeredRoutes(app)
    .filter((route) => route.method !== 'HEAD' && route.url.replace(/^\/:commune(?=\/|$)/, '').includes(':'))
    .map((route) => `${route.method} ${route.url}`)
    .sort();
}

/**
 * The tables a family page or a desk page can write. The mail box is left out: mails are written by
 * a job, a moment after the request that queued them, and a refused request writes no request,
 * message or event for a mail to follow.
 */
const written: Table[] = [
  families,
  familyAdults,
  familyMembers,
  memberContacts,
  familyChanges,
  familyFieldPolicies,
  requests,
  requestEvents,
  requestMessages,
  childKeys,
  accountTokens,
  auditEvents,
  bookings,
  serviceDayPlaces,
  sessionBookings,
  activitySessions,
  familyQuotients,
  familyResidence,
  payments,
  paymentAllocations,
  creditRefunds,
  payfipAttempts,
  payfipSettings,
  demarches,
  documents,
  documentFiles,
];

export type Fingerprint = Record<string, { rows: number; digest: string }>;

/** The database's snapshot each fingerprint was read in (`xmin:xmax:transactions in progress`). */
const snapshots = new WeakMap<Fingerprint, string>();

type Rows<T> = { rows: T[] };

/**
 * Each table's rows of these communes, counted and hashed whole (an update shows as well as an
 * insert), in one query.
 *
 * Given the fingerprint of an earlier moment, it is returned as it is when the database's snapshot
 * is still the one it was read in: no transaction took an id since (every insert, update or delete
 * takes one) and the same ones are still running, so every row reads the same. A refused request
 * mostly writes nothing, and the matrix then skips hashing every table again after each call.
 */
export async function fingerprintOf(t: TestApp, communes: Commune[], earlier?: Fingerprint): Promise<Fingerprint> {
  const db = t.container.database.db;
  const seen = earlier && snapshots.get(earlier);
  if (seen) {
    const result = await db.execute(sql`select pg_current_snapshot()::text as snapshot`);
    if ((result as unknown as Rows<{ snapshot: string }>).rows[0]?.snapshot === seen) return earlier;
  }
  const ids = sql.join(
    communes.map((commune) => sql`${commune.id}`),
    sql`, `,
  );
  const parts = written.map((table) => {
    // Table names are the schema's constants, never input.
    const name = getTableName(table);
    return sql`select ${sql.raw(`'${name}'`)} as name, count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, pg_current_snapshot()::text as snapshot from ${sql.raw(`"${name}"`)} t where t.commune_id in (${ids})`;
  });
  // One statement, one snapshot: every table is read in the one its rows give.
  const result = await db.execute(sql.join(parts, sql` union all `));
  const rows = (result as unknown as Rows<{ name: string; rows: number; digest: string; snapshot: string }>).rows;
  const fingerprint: Fingerprint = Object.fromEntries(
    rows.map((row) => [row.name, { rows: Number(row.rows), digest: row.digest }]),
  );
  if (rows[0]) snapshots.set(fingerprint, rows[0].snapshot);
  return fingerprint;
}

/** The tables whose rows differ between two fingerprints, with their row counts before → after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(before)
    .filter((name) => before[name]!.digest !== after[name]?.digest)
    .map((name) => `${name} (${before[name]!.rows} → ${after[name]?.rows ?? '?'} rows)`);
}
