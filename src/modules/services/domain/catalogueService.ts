import type { DeadlineRule } from './deadlines.js';
import type { MajorationRule } from './majoration.js';
import type { ServiceOpening } from './schoolCalendar.js';

export type ServiceKind = 'matin' | 'soir' | 'restauration' | 'mercredi' | 'vacances';

/** What a day of a service can be booked as: one unit for most, several for the Wednesday centre. */
export interface ServiceUnit {
  code: string;
  label: string;
  priceCents: number;
}

/** A service as the rules read it: its row turned into the domain's opening, deadline and majoration. */
export interface CatalogueService {
  id: string;
  kind: ServiceKind;
  name: string;
  description: string;
  opening: ServiceOpening;
  rule: DeadlineRule;
  majoration: MajorationRule;
  illnessReportTime: string;
  requiredDocuments: string[];
  placesPerDay: number | null;
  units: ServiceUnit[];
  active: boolean;
}
