/**
 * A request's life (PRODUCT.md « Demandes »): déposée → en cours de traitement → acceptée or
 * refusée, with « à compléter » when the guichet unique needs more from the family, and « annulée »
 * by the family while nobody has started on it yet.
 */
export const REQUEST_STATUSES = ['deposee', 'en-cours', 'a-completer', 'acceptee', 'refusee', 'annulee'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const requestStatusLabels: Record<RequestStatus, string> = {
  deposee: 'Déposée',
  'en-cours': 'En cours de traitement',
  'a-completer': 'À compléter',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
  annulee: 'Annulée',
};

export function isRequestStatus(value: string): value is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(value);
}

export function requestStatusLabel(status: string): string {
  return isRequestStatus(status) ? requestStatusLabels[status] : status;
}

/** Still waiting for a decision: the family may write, the agents may decide. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['deposee', 'en-cours', 'a-completer'];

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** What someone does to a request. */
export type RequestAction =
  /** The family withdraws it. */
  | 'cancel'
  /** An agent takes it on. */
  | 'take'
  /** The family writes (an answer to « à compléter » puts it back in the agents' hands). */
  | 'family-message'
  | 'accept'
  | 'refuse'
  /** An agent asks the family for more. */
  | 'ask-more';

/**
 * The status after an action, or null when the action is not allowed in this status. Deciding is
 * allowed from every open status (an agent may decide without taking the request first); nothing
 * moves a closed request.
 */
export function nextStatus(status: string, action: RequestAction): RequestStatus | null {
  if (!isOpen(status)) return null;
  switch (action) {
    case 'cancel':
      return status === 'deposee' ? 'annulee' : null;
    case 'take':
      return status === 'deposee' ? 'en-cours' : (status as RequestStatus);
    case 'family-message':
      return status === 'a-completer' ? 'en-cours' : (status as RequestStatus);
    case 'accept':
      return 'acceptee';
    case 'refuse':
      return 'refusee';
    case 'ask-more':
      return status === 'a-completer' ? null : 'a-completer';
  }
}

/** The decisions an agent makes, as the form sends them. */
export const DECISIONS = { accepter: 'accept', refuser: 'refuse', 'a-completer': 'ask-more' } as const satisfies Record<
  string,
  RequestAction
>;
export type Decision = keyof typeof DECISIONS;
