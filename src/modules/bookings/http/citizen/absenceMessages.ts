import type { FieldErrors } from '../../../../platform/http/forms.js';
import type { OtherRefusal } from '../../../../platform/http/refusals.js';
import { formatLocalTime } from '../../../../shared/dates.js';
import { formatShortDay } from '../../../../shared/localDays.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { requestStatusLabel } from '../../../requests/domain/requestStatus.js';
import type { AbsenceOutcome } from '../../absencesService.js';
import type { AbsenceProblem } from '../../domain/absenceRules.js';

/** The rule refused, said so that the family knows what to change, or whom to call. */
function problemText(problem: AbsenceProblem, commune: Pick<Commune, 'desk'>): string {
  const desk = `contactez le guichet unique au ${commune.desk.phone}`;
  switch (problem.problem) {
    case 'past':
      return `Ce jour est passé : une absence se signale en ligne à partir d’aujourd’hui. Pour un jour passé, ${desk}.`;
    case 'illness-too-late':
      return `Une maladie se signale en ligne jusqu’à ${formatLocalTime(problem.until)} le jour même : pour aujourd’hui, ${desk}. Pour les jours suivants, commencez l’absence demain.`;
    case 'before-first-day':
      return 'Le dernier jour doit être le premier jour ou un jour après.';
    case 'too-long':
      return `Une absence se signale pour ${problem.maxDays} jours au plus : signalez une absence plus longue en plusieurs fois.`;
    case 'no-service':
      return 'Cochez au moins un service concerné par l’absence.';
  }
}

type Refusal = OtherRefusal<Exclude<AbsenceOutcome, { ok: true }>>;

/** The service's refusal of an absence, worded beside the form's fields (the first problem of a field is its text). */
export function absenceFieldErrors(refusal: Refusal, commune: Pick<Commune, 'desk'>): FieldErrors {
  if (refusal.reason === 'already-reported') {
    const { absence, child, serviceNames } = refusal;
    const days =
      absence.firstDay === absence.lastDay
        ? `le ${formatShortDay(absence.firstDay)}`
        : `du ${formatShortDay(absence.firstDay)} au ${formatShortDay(absence.lastDay)}`;
    const services = absence.serviceIds.map((id) => serviceNames.get(id)).filter((name) => name !== undefined);
    const status = requestStatusLabel(absence.requestStatus ?? '').toLocaleLowerCase('fr-FR');
    return {
      firstDay: `Une absence de ${child.firstName} est déjà signalée ${days}${services.length > 0 ? ` pour ${services.join(', ')}` : ''} (demande ${status}) : ces jours n’ont pas à être signalés deux fois. Suivez-la dans « Dernières demandes », ou choisissez d’autres jours ou d’autres services.`,
    };
  }
  const errors: FieldErrors = {};
  for (const problem of refusal.problems) errors[problem.field] ??= problemText(problem, commune);
  if (refusal.unknownService) errors.services = 'Cochez les services parmi ceux auxquels l’enfant est inscrit.';
  return errors;
}
