import type { InvoiceView } from '../src/modules/payments/invoiceView.js';

/** An invoice as the family's pages and its PDF read it: the DUPONTs' October, paid in part. */
export function viewInvoice(overrides: Partial<InvoiceView> = {}): InvoiceView {
  return {
    id: '7d4f1c2a-3b5e-4c6d-8e9f-0a1b2c3d4e5f',
    number: '2026-000031',
    issuedOn: '2026-11-05',
    issuedAt: new Date('2026-11-05T09:00:00+01:00'),
    period: { from: '2026-10-01', to: '2026-10-31', label: 'octobre 2026' },
    dueOn: '2026-11-30',
    onlinePaymentUntil: '2026-11-25',
    cancelled: false,
    issuer: {
      communeName: 'Chanteloup-les-Vignes',
      regie: 'Régie des services périscolaires',
      responsible: { name: 'Claire MOREAU', position: 'régisseuse titulaire' },
      court: 'tribunal administratif de Versailles',
      desk: {
        name: 'Guichet unique',
        street: '1 place de la Mairie',
        postcode: '78570',
        city: 'Chanteloup-les-Vignes',
        phone: '01 39 74 20 20',
        email: 'guichet@chanteloup.example.org',
        hours: ['lundi : 08:30–12:00, 13:30–17:30'],
      },
    },
    family: {
      reference: 'F-0042',
      representative: 'Rémi DUPONT',
      addressLines: ['12 rue des Lilas', '78570 Chanteloup-les-Vignes'],
    },
    quotient: { value: 720, bracketLabel: 'tranche 3 (QF de 601 à 900)', source: 'attestation CAF' },
    lines: [
      {
        childName: 'Léa DUPONT',
        serviceName: 'Restauration scolaire',
        unitLabel: 'repas',
        quantity: 14,
        unitPriceCents: 245,
        bracketLabel: 'tranche 3',
        majorationCents: 123,
        amountCents: 3553,
      },
      {
        childName: 'Léa DUPONT',
        serviceName: 'Accueil du soir',
        unitLabel: 'soirée',
        quantity: 6,
        unitPriceCents: 180,
        bracketLabel: 'tranche 3',
        majorationCents: 0,
        amountCents: 1080,
      },
    ],
    totalCents: 4633,
    paidCents: 2000,
    creditedCents: 0,
    leftToPayCents: 2633,
    payments: [{ receivedOn: '2026-11-12', means: 'especes', amountCents: 2000 }],
    ...overrides,
  };
}
