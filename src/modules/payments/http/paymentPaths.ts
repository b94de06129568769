import type { Commune } from '../../communes/domain/commune.js';

/** The addresses of « Mes factures » and of the desk's payments, in one place so that links and routes agree. */
export function invoicePaths(commune: Pick<Commune, 'slug'>) {
  const base = `/${commune.slug}/ma-famille/factures`;
  return {
    list: base,
    invoice: (invoiceId: string) => `${base}/${invoiceId}`,
    pdf: (invoiceId: string) => `${base}/${invoiceId}/facture.pdf`,
  };
}

export function deskPaymentPaths(commune: Pick<Commune, 'slug'>) {
  const base = `/${commune.slug}/guichet`;
  return {
    payments: (familyId: string) => `${base}/familles/${familyId}/paiements`,
    record: (familyId: string) => `${base}/familles/${familyId}/paiements/nouveau`,
    credit: (familyId: string) => `${base}/familles/${familyId}/paiements/credit`,
    useCredit: (familyId: string) => `${base}/familles/${familyId}/paiements/credit/utiliser`,
    refundCredit: (familyId: string) => `${base}/familles/${familyId}/paiements/credit/rembourser`,
    cancel: (familyId: string, paymentId: string) => `${base}/familles/${familyId}/paiements/${paymentId}/annuler`,
    exports: `${base}/exports-comptables`,
    invoicesCsv: `${base}/exports-comptables/factures.csv`,
    paymentsCsv: `${base}/exports-comptables/paiements.csv`,
  };
}
