import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import type { CommuneCalendar } from '../services/serviceCatalogue.js';
import type { ServiceCatalogue } from '../services/serviceCatalogue.js';
import { dayOpening, factsFor } from '../services/domain/schoolCalendar.js';
import { describeMajoration, majorationAmount } from '../services/domain/majoration.js';
import type { RunService } from './domain/invoiceRun.js';

/**
 * What the run reads of the commune's set-up, in the rules' shapes: each service's name, units and
 * majoration (the services module's own rule, so a day is surcharged as it was at booking), and whether
 * a service opened on a day (a closure added after a booking makes the day free).
 */
export async function setUpForBilling(catalogue: ServiceCatalogue, communeId: string, tx?: Db) {
  const services = await catalogue.services(communeId, { includeInactive: true }, tx);
  const calendar = await catalogue.calendar(communeId, tx);
  const runServices = new Map<string, RunService>(
    services.map((service) => [
      service.id,
      {
        name: service.name,
        units: service.units.map((unit) => ({ code: unit.code, label: unit.label })),
        majoration: {
          amountOf: (unitPriceCents: number) => majorationAmount(unitPriceCents, service.majoration),
          words: describeMajoration(service.majoration),
        },
      },
    ]),
  );
  const openings = new Map(services.map((service) => [service.id, service.opening]));
  const known = new Map<string, boolean>();
  const isOpen = (serviceId: string, day: LocalDay): boolean => {
    const key = `${serviceId}|${day}`;
    let open = known.get(key);
    if (open === undefined) {
      const facts = factsFor(calendar, day);
      const opening = openings.get(serviceId);
      open = facts !== null && opening !== undefined && dayOpening(day, facts, opening).open;
      known.set(key, open);
    }
    return open;
  };
  return { services: runServices, serviceList: services, calendar, isOpen };
}

/** Whether any school year of the commune holds a day of the month. */
export function monthHasSchoolYear(calendar: CommuneCalendar, first: LocalDay, last: LocalDay): boolean {
  return calendar.years.some((year) => year.startsOn <= last && first <= year.endsOn);
}
