import { formatLocalDate, formatLocalTime } from '../../../../../shared/dates.js';
import { formatDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { PlannedChange } from '../../../domain/bookingPlan.js';
import type { ReservationChange } from '../../../domain/lateCancellations.js';

/** « 16/11 à 10:00 »: a deadline of this school year, as the calendar's cells tell it. */
export function shortDateTime(instant: Date): string {
  return `${formatLocalDate(instant).slice(0, 5)} à ${formatLocalTime(instant)}`;
}

/** « Rémi DUPONT » */
export function childName(member: { firstName: string; lastName: string }): string {
  return `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;
}

export function serviceName(services: ReadonlyMap<string, CatalogueService>, serviceId: string): string {
  return services.get(serviceId)?.name ?? 'Service inconnu';
}

/** A unit's label (« Journée »); nothing for a service of one unit, whose name says it all. */
export function unitLabel(service: CatalogueService | undefined, code: string): string | null {
  if (!service || service.units.length < 2) return null;
  return service.units.find((unit) => unit.code === code)?.label ?? code;
}

/** « Réserver », « Réserver : Journée », « Annuler », « Changer : Journée → Matin avec repas ». */
export function actionText(
  service: CatalogueService | undefined,
  change: Pick<PlannedChange, 'action' | 'unit' | 'previousUnit'>,
): string {
  const unit = unitLabel(service, change.unit);
  if (change.action === 'cancel') return 'Annuler';
  if (change.action === 'change-unit')
    return `Changer : ${unitLabel(service, change.previousUnit ?? '') ?? change.previousUnit} → ${unit ?? change.unit}`;
  return unit ? `Réserver : ${unit}` : 'Réserver';
}

/**
 * What a change costs or keeps billable, in words: the parent reads it before confirming. A day whose
 * booking was cancelled late, booked again, is put back as it was: it was billable all along, so no
 * majoration comes with it.
 */
export function conditionsText(
  change: Pick<
    ReservationChange,
    'action' | 'timing' | 'majorationRule' | 'majorationCents' | 'billableIfCancelled' | 'lateCancelled'
  >,
  /** The majoration at the family's tariff, when known: the one the invoice applies. */
  familyMajorationCents?: number,
): string {
  const replaced =
    change.action === 'change-unit' && change.billableIfCancelled ? ' ; la formule remplacée reste facturée' : '';
  if (change.lateCancelled?.effect === 'restore')
    return `${change.timing === 'late' ? 'Après la date limite : réservation' : 'Réservation'} rétablie, sans majoration${replaced}`;
  if (change.timing === 'on-time') return 'Dans les délais';
  if (change.action === 'cancel') return 'Annulé après la date limite : reste facturé';
  return `Avec majoration ${change.majorationRule ?? ''} soit ${formatEuros(familyMajorationCents ?? change.majorationCents)}${replaced}`;
}

/** « mardi 17 » in a month's table, whose caption gives the month and the year. */
export function dayInMonth(day: string): string {
  return formatDay(day).split(' ').slice(0, 2).join(' ');
}
