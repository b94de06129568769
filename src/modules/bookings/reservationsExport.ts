import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { familyMembers } from '../families/familiesSchema.js';
import { enrolments } from '../services/servicesSchema.js';
import { absences, attendance, bookings, calendarFeeds, sessionBookings } from './bookingsSchema.js';

// A feed's hash is the key of a live link: left out, like every other secret of the export.
const { tokenHash: _feedToken, ...feedColumns } = getTableColumns(calendarFeeds);

/**
 * The family's reservations in « Télécharger mes données »: inscriptions, booked days, holiday sessions,
 * absences, attendance and calendar links. Agents stay « Guichet unique »: who of them booked or pointed a
 * day is the commune's business, so their ids are left out.
 */
export async function reservationsExport(db: Db, communeId: string, familyId: string) {
  const [familyEnrolments, familyBookings, familySessions, familyAbsences, presence, feeds] = await Promise.all([
    db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.communeId, communeId), eq(enrolments.familyId, familyId)))
      .orderBy(asc(enrolments.createdAt)),
    db
      .select()
      .from(bookings)
      .where(and(eq(bookings.communeId, communeId), eq(bookings.familyId, familyId)))
      .orderBy(asc(bookings.day), asc(bookings.bookedAt)),
    db
      .select()
      .from(sessionBookings)
      .where(and(eq(sessionBookings.communeId, communeId), eq(sessionBookings.familyId, familyId)))
      .orderBy(asc(sessionBookings.createdAt)),
    db
      .select()
      .from(absences)
      .where(and(eq(absences.communeId, communeId), eq(absences.familyId, familyId)))
      .orderBy(asc(absences.firstDay)),
    db
      .select(getTableColumns(attendance))
      .from(attendance)
      .innerJoin(familyMembers, eq(familyMembers.id, attendance.memberId))
      .where(and(eq(attendance.communeId, communeId), eq(familyMembers.familyId, familyId)))
      .orderBy(asc(attendance.day)),
    db
      .select(feedColumns)
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.communeId, communeId), eq(calendarFeeds.familyId, familyId)))
      .orderBy(asc(calendarFeeds.createdAt)),
  ]);
  return {
    enrolments: familyEnrolments,
    bookings: familyBookings.map((booking) =>
      booking.bookedByKind === 'agent' ? { ...booking, bookedById: null } : booking,
    ),
    session_bookings: familySessions,
    absences: familyAbsences,
    attendance: presence.map((row) => ({ ...row, markedById: null })),
    calendar_feeds: feeds,
  };
}
