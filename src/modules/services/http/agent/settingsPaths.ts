import type { Commune } from '../../../communes/domain/commune.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';

/** The addresses of the set-up pages beside those of `agentPaths`: each year, day off and session, and the one-click catalogue. */
export function settingsPaths(commune: Pick<Commune, 'slug'>) {
  const paths = agentPaths(commune);
  return {
    schoolYears: paths.schoolYears,
    schoolYear: (yearId: string) => `${paths.schoolYears}/${yearId}`,
    calendar: paths.calendar,
    calendarOf: (yearId: string | null, done?: string) => {
      const query = new URLSearchParams([
        ...(yearId ? [['annee', yearId]] : []),
        ...(done ? [['fait', done]] : []),
      ]).toString();
      return query ? `${paths.calendar}?${query}` : paths.calendar;
    },
    period: (periodId: string) => `${paths.calendar}/periodes/${periodId}`,
    removePeriod: (periodId: string) => `${paths.calendar}/periodes/${periodId}/supprimer`,
    services: paths.servicesSettings,
    service: paths.serviceSettings,
    standardCatalogue: `${paths.servicesSettings}/catalogue-standard`,
    sessions: paths.sessionsSettings,
    session: paths.sessionSettings,
    newSession: `${paths.sessionsSettings}/nouvelle`,
    fieldPolicies: paths.fieldPolicies,
    documentTypes: paths.documentTypes,
  };
}
