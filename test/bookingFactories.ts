import { eq } from 'drizzle-orm';
import type { Container } from '../src/container.js';
import { absences, attendance, bookings, sessionBookings } from '../src/modules/bookings/bookingsSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { familyMembers } from '../src/modules/families/familiesSchema.js';

type Child = { familyId: string; memberId: string };

/** A day booked straight into the table, as the reservations would have written it. */
export async function bookDay(
  container: Container,
  commune: Commune,
  child: Child,
  booking: { serviceId: string; day: string } & Partial<typeof bookings.$inferInsert>,
) {
  const [row] = await container.database.db
    .insert(bookings)
    .values({
      communeId: commune.id,
      familyId: child.familyId,
      memberId: child.memberId,
      unit: 'jour',
      status: 'reserve',
      unitPriceCents: 355,
      bookedAt: container.clock.now(),
      bookedByKind: 'citizen',
      source: 'famille',
      ...booking,
    })
    .returning();
  return row!;
}

/** A place at a holiday session, or a waiting-list ticket. */
export async function bookSession(
  container: Container,
  commune: Commune,
  child: Child,
  booking: { sessionId: string; status: 'inscrit' | 'attente' | 'annule'; position?: number | null },
) {
  const [row] = await container.database.db
    .insert(sessionBookings)
    .values({
      communeId: commune.id,
      familyId: child.familyId,
      memberId: child.memberId,
      priceCents: 6000,
      createdAt: container.clock.now(),
      position: null,
      ...booking,
    })
    .returning();
  return row!;
}

/** An absence the family reported. */
export async function reportAbsence(
  container: Container,
  commune: Commune,
  child: Child,
  absence: {
    firstDay: string;
    lastDay: string;
    serviceIds: string[];
    reason?: 'maladie' | 'autre';
    justified?: boolean;
  },
) {
  const [row] = await container.database.db
    .insert(absences)
    .values({
      communeId: commune.id,
      familyId: child.familyId,
      memberId: child.memberId,
      reason: 'maladie',
      justified: false,
      reportedAt: container.clock.now(),
      ...absence,
    })
    .returning();
  return row!;
}

/** A pointage already taken. */
export async function markAttendance(
  container: Container,
  commune: Commune,
  memberId: string,
  mark: { serviceId: string; day: string; present: boolean; bookingId?: string | null },
) {
  await container.database.db
    .insert(attendance)
    .values({ communeId: commune.id, memberId, markedAt: container.clock.now(), ...mark });
}

/** The school, class, meal and health facts of a child's file, set as the family would. */
export async function setChildFile(
  container: Container,
  memberId: string,
  values: Partial<typeof familyMembers.$inferInsert>,
) {
  await container.database.db.update(familyMembers).set(values).where(eq(familyMembers.id, memberId));
}
