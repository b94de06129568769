import { formatDay } from '../../../shared/localDays.js';
import type { DocumentState } from './documentState.js';

/** « validée jusqu'au 9 février 2027 », « refusée », … as the family and the agents read a state. */
export function stateText(state: DocumentState, required = true): string {
  switch (state.state) {
    case 'to-provide':
      return required ? 'À fournir' : 'Non fournie';
    case 'pending':
      return 'En attente de validation';
    case 'validated':
      return state.validUntil ? `Validée jusqu’au ${formatDay(state.validUntil)}` : 'Validée';
    case 'refused':
      return 'Refusée';
    case 'expired':
      return `Expirée depuis le ${formatDay(state.validUntil)}`;
  }
}
