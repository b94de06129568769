import type { Commune } from '../../communes/domain/commune.js';

/** The addresses of the attestation fiscale, on the family's door and at the desk. */
export function attestationPaths(commune: Pick<Commune, 'slug'>) {
  const base = `/${commune.slug}/ma-famille/factures/attestations-fiscales`;
  return {
    list: base,
    pdf: (year: number, memberId: string) => `${base}/${year}/${memberId}/attestation.pdf`,
  };
}

export function deskAttestationPaths(commune: Pick<Commune, 'slug'>) {
  const base = (familyId: string) => `/${commune.slug}/guichet/familles/${familyId}/paiements/attestations-fiscales`;
  return {
    list: base,
    pdf: (familyId: string, year: number, memberId: string) => `${base(familyId)}/${year}/${memberId}/attestation.pdf`,
  };
}

/** A year in an address: four digits within the calendar's years, or nothing (the route's 404). */
export function yearParam(text: string): number | null {
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}
