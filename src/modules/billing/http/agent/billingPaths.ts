import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import type { Commune } from '../../../communes/domain/commune.js';

/** The addresses of billing's desk pages, beside those of `agentPaths`. */
export function billingPaths(commune: Pick<Commune, 'slug'>) {
  const paths = agentPaths(commune);
  return {
    tariffs: paths.tariffs,
    settings: `${paths.tariffs}/reglages`,
    brackets: `${paths.tariffs}/tranches`,
    grids: `${paths.tariffs}/grilles`,
    sessionPrices: (sessionId: string) => `${paths.tariffs}/sessions/${sessionId}`,
    billing: paths.billing,
    month: (month: string) => `${paths.billing}?mois=${month}`,
    run: `${paths.billing}/calcul`,
    issue: `${paths.billing}/emission`,
    invoice: (invoiceId: string) => `${paths.billing}/factures/${invoiceId}`,
    cancel: (invoiceId: string) => `${paths.billing}/factures/${invoiceId}/annuler`,
    creditNote: (invoiceId: string) => `${paths.billing}/factures/${invoiceId}/avoir`,
    quotient: paths.familyQuotient,
    residence: (familyId: string) => `${paths.familyQuotient(familyId)}/residence`,
    family: paths.family,
  };
}
