import { agreed } from '../../../../shared/words.js';
import type { FieldErrors } from '../../../../platform/http/forms.js';
import type { OtherRefusal } from '../../../../platform/http/refusals.js';
import type { ChoiceField, InscriptionOutcome, NamedChoice } from '../../inscriptionsService.js';

/** What « Créer une inscription » says beside each field a choice was refused for. */
const notOffered: Record<ChoiceField, string> = {
  memberId: 'Choisissez l’enfant à inscrire parmi les enfants de votre dossier.',
  serviceId: 'Choisissez un service dans la liste.',
  schoolYearId: 'Choisissez une année scolaire dans la liste.',
};

/** « inscrit » or « inscrite », as the file gives the child's sex. */
const enrolledWord = (child: NamedChoice['child']) => agreed(child.sex, { masculine: 'inscrit', feminine: 'inscrite' });

type Refusal = OtherRefusal<Exclude<InscriptionOutcome, { ok: true }>>;

/** The service's refusal of an inscription, worded beside the form's fields. */
export function inscriptionFieldErrors(refusal: Refusal): FieldErrors {
  switch (refusal.reason) {
    case 'not-offered':
      return Object.fromEntries(refusal.fields.map((field) => [field, notOffered[field]]));
    case 'already-enrolled':
      return {
        serviceId: `${refusal.child.firstName} est déjà ${enrolledWord(refusal.child)} à « ${refusal.serviceName} » pour l’année ${refusal.yearLabel}.`,
      };
    case 'already-requested':
      return {
        serviceId: `Une demande d’inscription de ${refusal.child.firstName} à « ${refusal.serviceName} » pour l’année ${refusal.yearLabel} est déjà en cours : suivez-la dans vos demandes.`,
      };
  }
}
