import { isUuid } from '../../../../shared/ids.js';
import { isRequestStatus } from '../../domain/requestStatus.js';
import type { QueueFilter } from '../../requestsService.js';

/** The ages the queue filters on, in days: « déposées depuis plus de N jours ». */
export const QUEUE_AGES = [0, 2, 7, 15, 30] as const;

/** How many requests the queue shows at once: the oldest first, so the rest waits for these. */
export const QUEUE_SIZE = 100;

/** The queue's filters as the form shows them (its field names and values) and as the repository takes them. */
export interface QueueQuery {
  values: { type: string; statut: string; anciennete: string; attribuee: string; nonlues: string };
  filter: QueueFilter;
}

/**
 * Reads the queue's GET form. Every field is a choice in a list: a value that is not one of the
 * choices (an old bookmark, a hand-made address) falls back to the default rather than an error.
 */
export function queueQuery(
  query: Record<string, string | undefined>,
  known: { types: string[]; agentIds: string[] },
): QueueQuery {
  const type = known.types.includes(query.type ?? '') ? query.type! : '';
  const statut = query.statut === 'toutes' || isRequestStatus(query.statut ?? '') ? query.statut! : 'ouvertes';
  const age = QUEUE_AGES.find((days) => String(days) === query.anciennete) ?? 0;
  const asked = query.attribuee ?? '';
  const attribuee =
    asked === 'moi' || asked === 'personne' || (isUuid(asked) && known.agentIds.includes(asked)) ? asked : '';
  const nonlues = query.nonlues === 'oui' ? 'oui' : '';
  return {
    values: { type, statut, anciennete: String(age), attribuee, nonlues },
    filter: {
      type: type || undefined,
      status: statut as QueueFilter['status'],
      olderThanDays: age || undefined,
      assigned: attribuee || undefined,
      unreadOnly: nonlues === 'oui',
      // One more than shown: whether there are others to tell about.
      limit: QUEUE_SIZE + 1,
    },
  };
}
