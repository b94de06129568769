import { agentPaths } from '../../doors/agent/agentPaths.js';
import type { Commune } from '../communes/domain/commune.js';

/** The addresses of online payment, in one place so that links, PayFiP's return addresses and routes agree. */
export function onlinePaymentPaths(commune: Pick<Commune, 'slug'>) {
  const family = `/${commune.slug}/ma-famille/factures`;
  const desk = `/${commune.slug}/guichet`;
  return {
    pay: (invoiceId: string) => `${family}/${invoiceId}/payer-en-ligne`,
    /** Where PayFiP sends the family back (`urlredirect`). */
    returnPage: (invoiceId: string) => `${family}/${invoiceId}/paiement-en-ligne`,
    invoice: (invoiceId: string) => `${family}/${invoiceId}`,
    /** Where PayFiP tells that a payment ended (`urlnotif`): public, a trigger only. */
    notification: `/${commune.slug}/paiement-en-ligne/notification`,
    settings: agentPaths(commune).onlinePaymentSettings,
    testSettings: `${agentPaths(commune).onlinePaymentSettings}/tester`,
    deskAttempts: (invoiceId: string) => `${desk}/facturation/factures/${invoiceId}/paiements-en-ligne`,
    recordMissing: (invoiceId: string) => `${desk}/facturation/factures/${invoiceId}/paiements-en-ligne/manquant`,
  };
}
