/**
 * The counts of a day list (issue « the desk »): the kitchen cooks for the children who will come. A
 * child whose absence stands — reported and still waiting for the guichet unique, or accepted (an
 * illness is then justified) — is listed apart and counted out of « Enfants attendus », the meals,
 * the PAI and the late bookings. A refused or withdrawn report does not stand: the child is expected
 * as booked. The pointage counts everyone marked, absent children who came anyway included.
 */
import { dietLabel } from '../../families/domain/diets.js';
import { OPEN_STATUSES } from '../../requests/domain/requestStatus.js';

/** The request statuses under which a reported absence takes the child off the day's list. */
export const STANDING_ABSENCE_STATUSES: readonly string[] = [...OPEN_STATUSES, 'acceptee'];

/**
 * Whether an absence counts on the lists, from its request's status; an absence with no request left
 * (recorded at the guichet unique, or its request removed) stands.
 */
export function absenceStands(requestStatus: string | null): boolean {
  return requestStatus === null || STANDING_ABSENCE_STATUSES.includes(requestStatus);
}

/** What a count reads of a child on a list. */
export interface CountedChild {
  diet: string;
  pai: boolean;
  late: boolean;
  absence: unknown;
  mark: boolean | null;
}

export interface DayCounts {
  /** Children who will come: booked, and no standing absence. */
  expected: number;
  /** Children booked whose absence stands: listed apart. */
  absences: number;
  late: number;
  pai: number;
  present: number;
  absent: number;
  /** The meals to cook, per meal, for the expected children only. */
  diets: { label: string; count: number }[];
}

export function dayCounts(children: readonly CountedChild[]): DayCounts {
  const coming = children.filter((child) => !child.absence);
  const diets = new Map<string, number>();
  for (const child of coming) diets.set(dietLabel(child.diet), (diets.get(dietLabel(child.diet)) ?? 0) + 1);
  return {
    expected: coming.length,
    absences: children.length - coming.length,
    late: coming.filter((child) => child.late).length,
    pai: coming.filter((child) => child.pai).length,
    present: children.filter((child) => child.mark === true).length,
    absent: children.filter((child) => child.mark === false).length,
    diets: [...diets]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr')),
  };
}
