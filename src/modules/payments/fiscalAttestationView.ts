import type { LocalDay } from '../../shared/localDays.js';
import type { InvoiceView } from './invoiceView.js';

/** A child under 6 on 1 January of a year, and the care paid for them that year. */
export interface AttestationChild {
  memberId: string;
  childName: string;
  birthDate: LocalDay;
  /** « F », « M » or empty: « née », « né » or « né(e) » before the birth date. */
  sex: string;
  paidCents: number;
}

/**
 * A year on the attestation page: its eligible children, or why there is nothing to attest
 * (`no-child-under-six`: no child under 6 on 1 January; `nothing-paid`: nothing paid for their care).
 */
export interface AttestationYear {
  year: number;
  children: AttestationChild[];
  nothingBecause: 'no-child-under-six' | 'nothing-paid' | null;
}

/** Everything the attestation's PDF states. */
export interface FiscalAttestationView {
  year: number;
  issuedOn: LocalDay;
  issuer: InvoiceView['issuer'];
  family: InvoiceView['family'];
  child: { name: string; birthDate: LocalDay; sex: string };
  paidCents: number;
  /** Of `paidCents`, what was paid with CESU (the employer's part is an aid the family deducts). */
  cesuCents: number;
}
