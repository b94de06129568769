import { z } from 'zod';
import { formatDay, formatShortDay } from '../../shared/localDays.js';
import { RequestNotApplicable, type RequestDetail, type RequestType } from '../requests/requestTypes.js';
import type { AbsencesRepository } from './absencesRepository.js';
import { justifiesWhenAccepted } from './domain/absenceRules.js';

export const ABSENCE_REASON_LABELS = { maladie: 'Maladie', autre: 'Autre motif' } as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What the family reported, with the names as it read them, and the booked days the absence covered then. */
export const absencePayload = z.object({
  memberId: z.uuid(),
  memberName: z.string(),
  firstDay: day,
  lastDay: day,
  services: z.array(z.object({ id: z.uuid(), name: z.string() })),
  reason: z.enum(['maladie', 'autre']),
  note: z.string(),
  bookedDays: z.array(z.object({ day, services: z.array(z.string()) })),
});
export type AbsencePayload = z.infer<typeof absencePayload>;

export const ABSENCE = 'absence';

/** « le mardi 17 novembre 2026 », or « du mardi 17 novembre 2026 au vendredi 20 novembre 2026 ». */
export function absenceDates(range: { firstDay: string; lastDay: string }): string {
  return range.firstDay === range.lastDay
    ? `le ${formatDay(range.firstDay)}`
    : `du ${formatDay(range.firstDay)} au ${formatDay(range.lastDay)}`;
}

/** « Signalement d’absence : Rémi DUPONT, du 17/11/2026 au 20/11/2026 »: the line the lists of requests show. */
export function absenceSummary(p: Pick<AbsencePayload, 'memberName' | 'firstDay' | 'lastDay'>): string {
  const dates =
    p.firstDay === p.lastDay
      ? `le ${formatShortDay(p.firstDay)}`
      : `du ${formatShortDay(p.firstDay)} au ${formatShortDay(p.lastDay)}`;
  return `Signalement d’absence : ${p.memberName}, ${dates}`;
}

function absenceDetails(p: AbsencePayload): RequestDetail[] {
  const dates = absenceDates(p);
  return [
    { label: 'Enfant', after: p.memberName },
    { label: 'Dates', after: dates.charAt(0).toLocaleUpperCase('fr-FR') + dates.slice(1) },
    { label: 'Services', after: p.services.map((s) => s.name).join(', ') },
    { label: 'Motif', after: ABSENCE_REASON_LABELS[p.reason] },
    { label: 'Note', after: p.note || 'Aucune' },
    {
      label: 'Jours réservés concernés',
      after:
        p.bookedDays.length > 0
          ? p.bookedDays.map((b) => `${formatShortDay(b.day)} : ${b.services.join(', ')}`).join(' ; ')
          : 'Aucun jour réservé sur cette période',
    },
  ];
}

const gone =
  'L’absence n’existe plus (l’enfant ne fait plus partie du dossier famille) : refusez la demande en l’expliquant à la famille.';

/**
 * « Signalement d’absence »: the absence is recorded as soon as the family reports it. Accepting an
 * illness (the guichet unique has seen the medical certificate) justifies it, so its days are not
 * billed; another reason, accepted or not, and any refused report, stay billable.
 */
export function absenceRequestType(absences: AbsencesRepository): RequestType<AbsencePayload> {
  return {
    type: ABSENCE,
    label: 'Signalement d’absence',
    payload: absencePayload,
    details: absenceDetails,
    async apply({ tx, communeId, request }) {
      const absence = await absences.ofRequest(communeId, request.id, tx);
      if (!absence) throw new RequestNotApplicable(gone);
      if (justifiesWhenAccepted(absence.reason)) await absences.markJustified(communeId, absence.id, tx);
    },
  };
}
