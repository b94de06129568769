import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { sessionBookings } from '../src/modules/bookings/bookingsSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { familyMembers } from '../src/modules/families/familiesSchema.js';
import { activitySessions } from '../src/modules/services/servicesSchema.js';
import { sessions } from '../src/platform/sessions/sessionsSchema.js';
import { PASSWORD, passwordHashOf } from './citizenFactories.js';
import { insertFamilies } from './familyBatch.js';
import { linkedParent } from './familyFactories.js';
import { type TestServices, createSession, enrol } from './serviceFactories.js';
import type { TestApp } from './testApp.js';

/**
 * The holiday sessions' test data: a family whose child is enrolled to « Activités vacances », many
 * families logged in at once for the rushes, and readers of a session's counters and bookings.
 */

/** A logged-in family (linkedParent) whose child, Rémi (born 2018-05-14), holds the inscription to the sessions' service. */
export async function sessionFamily(
  t: TestApp,
  commune: Commune,
  setUp: TestServices,
  options: { enrolled?: boolean; birthDate?: string } = {},
) {
  const family = await linkedParent(t, commune);
  const db = t.container.database.db;
  if (options.birthDate)
    await db.update(familyMembers).set({ birthDate: options.birthDate }).where(eq(familyMembers.id, family.child.id));
  if (options.enrolled !== false) {
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: family.child.id,
      serviceId: setUp.services.vacances.id,
      schoolYearId: setUp.schoolYear.id,
    });
  }
  return family;
}

export const sessionRow = async (t: TestApp, id: string) =>
  (await t.container.database.db.select().from(activitySessions).where(eq(activitySessions.id, id)))[0]!;

export const bookingsOfSession = (t: TestApp, id: string) =>
  t.container.database.db
    .select()
    .from(sessionBookings)
    .where(eq(sessionBookings.sessionId, id))
    .orderBy(asc(sessionBookings.createdAt), asc(sessionBookings.position));

/** A family of a rush: its child, and the cookie and CSRF token of its représentante's live session. */
export interface RushFamily {
  familyId: string;
  memberId: string;
  reference: string;
  cookie: string;
  csrf: string;
}

/**
 * `count` families written in a few statements (file, représentante with an active account, a child
 * of 8 enrolled to the sessions' service) and each account given a live session on the citizen door,
 * as a login leaves it: the rushes start from families already logged in.
 */
export async function loggedInFamilies(
  t: TestApp,
  commune: Commune,
  setUp: TestServices,
  count: number,
): Promise<RushFamily[]> {
  const db = t.container.database.db;
  const passwordHash = await passwordHashOf(PASSWORD);
  const now = t.clock.now();
  const tag = randomBytes(3).toString('hex');
  const written = await insertFamilies(db, {
    communeId: commune.id,
    label: 'rush',
    keys: Array.from({ length: count }, (_, n) => `${tag}-${n}`),
    passwordHash,
    now,
    birthDate: '2018-05-14',
    serviceIds: [setUp.services.vacances.id],
    schoolYearId: setUp.schoolYear.id,
  });
  const opened = written.map((family) =>
    t.container.sessions.prepare({ communeId: commune.id, realm: 'citizen', subjectId: family.accountId }),
  );
  await db.insert(sessions).values(opened.map((o) => o.session));
  return written.map((family, n) => ({
    familyId: family.familyId,
    memberId: family.memberId,
    reference: family.reference,
    cookie: `parvis-citizen-${commune.slug}=${opened[n]!.token}`,
    csrf: opened[n]!.session.csrfToken,
  }));
}

/** One booking confirmed over HTTP as the confirmation step posts it: the status and where it leads. */
export async function postBooking(
  origin: string,
  commune: Commune,
  family: RushFamily,
  sessionId: string,
): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${origin}/${commune.slug}/ma-famille/activites-vacances/${sessionId}/reserver`, {
    method: 'POST',
    headers: { cookie: family.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: family.csrf, memberId: family.memberId, confirmation: 'oui' }).toString(),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}

/**
 * For the ownership matrix: the child enrolled to the sessions' service, waiting on a session where a
 * place has since opened (the desk can give it, the family can leave the list), and another session
 * the child has not booked yet.
 */
export async function sessionsOfFamily(
  t: TestApp,
  commune: Commune,
  setUp: TestServices,
  family: { familyId: string; memberId: string; name: string },
) {
  const { container } = t;
  await enrol(container, commune, {
    familyId: family.familyId,
    memberId: family.memberId,
    serviceId: setUp.services.vacances.id,
    schoolYearId: setUp.schoolYear.id,
  });
  const session = await createSession(container, commune, setUp.services.vacances.id, {
    name: `Session ${family.name}`,
    places: 0,
  });
  const bookable = await createSession(container, commune, setUp.services.vacances.id, {
    name: `Session ouverte ${family.name}`,
  });
  const outcome = await container.sessionBookings.book(commune, family.familyId, session.id, family.memberId, {
    acceptsMajoration: true,
  });
  if (!outcome.ok || outcome.status !== 'attente') throw new Error(`sessionsOfFamily: ${JSON.stringify(outcome)}`);
  await container.database.db.update(activitySessions).set({ places: 1 }).where(eq(activitySessions.id, session.id));
  const [booking] = await container.database.db
    .select()
    .from(sessionBookings)
    .where(eq(sessionBookings.sessionId, session.id));
  return { session: session.id, bookableSession: bookable.id, sessionBooking: booking!.id };
}
