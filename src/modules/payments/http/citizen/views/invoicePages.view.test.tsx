import { describe, expect, it } from 'vitest';
import { viewInvoice } from '../../../../../../test/invoiceView.js';
import { pageContext, renderView, viewCommune } from '../../../../../../test/renderView.js';
import type { FamilyAccount } from '../../../paymentsService.js';
import { InvoicePage } from './InvoicePage.js';
import { MyInvoicesPage } from './MyInvoicesPage.js';

const commune = viewCommune({
  desk: { ...viewCommune().desk, hours: [{ days: 'lundi au vendredi', hours: '8 h 30 – 12 h, 13 h 30 – 17 h 30' }] },
});
const context = pageContext({ commune });

const account = (overrides: Partial<FamilyAccount> = {}): FamilyAccount => ({
  balanceCents: 2633,
  creditCents: 0,
  quotient: {
    value: 720,
    source: 'attestation CAF',
    bracketLabel: 'tranche 3 (QF de 601 à 900 €)',
    validTo: '2026-12-31',
  },
  invoices: [
    {
      id: 'i2',
      number: '2026-000031',
      periodLabel: 'octobre 2026',
      issuedOn: '2026-11-05',
      dueOn: '2026-11-30',
      totalCents: 4633,
      paidCents: 2000,
      leftToPayCents: 2633,
      status: 'a-payer',
    },
    {
      id: 'i1',
      number: '2026-000012',
      periodLabel: 'septembre 2026',
      issuedOn: '2026-10-05',
      dueOn: '2026-10-30',
      totalCents: 4260,
      paidCents: 4260,
      leftToPayCents: 0,
      status: 'payee',
    },
  ],
  ...overrides,
});

describe('« Mes factures »', () => {
  it('lists the invoices with their amounts and statuses, the balance, the QF and its bracket until when', () => {
    const page = renderView(MyInvoicesPage({ context, account: account() }));
    expect(page.title).toContain('Mes factures');
    expect(page.headers).toEqual([['Numéro', 'Période', 'Montant', 'Payé', 'Reste à payer', 'Statut']]);
    expect(page.text).toContain('Il vous reste 26,33 € à payer.');
    expect(page.text).toContain(
      'Quotient familial : 720 (attestation CAF), tranche 3 (QF de 601 à 900 €), valable jusqu’au jeudi 31 décembre 2026.',
    );
    expect(page.text).toContain('Facture 2026-000031 octobre 2026 46,33 € 20,00 € 26,33 € avant le 30/11/2026 À payer');
    expect(page.text).toContain('Facture 2026-000012 septembre 2026 42,60 € 42,60 € 0,00 € Payée');
    expect(page.html).toContain('href="/chanteloup/ma-famille/factures/i2"');
  });

  it('shows the family’s credit when it has some, and says nothing of it otherwise', () => {
    expect(renderView(MyInvoicesPage({ context, account: account() })).text).not.toContain('de crédit');
    const { text } = renderView(MyInvoicesPage({ context, account: account({ creditCents: 1250 }) }));
    expect(text).toContain('Vous avez 12,50 € de crédit');
  });

  it('says how to pay at the guichet: the means, the address, the hours', () => {
    const { text } = renderView(MyInvoicesPage({ context, account: account() }));
    for (const part of [
      'Payer au guichet unique',
      'Espèces',
      'Chèque, à l’ordre du Trésor public',
      'Carte bancaire au guichet',
      'Virement',
      'CESU',
      '1 place de la Mairie',
      '01 39 74 20 20',
      'lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h 30',
    ])
      expect(text).toContain(part);
  });

  it('without a QF says the highest bracket applies and how to change that; without invoices says when they come', () => {
    const { text } = renderView(
      MyInvoicesPage({
        context,
        account: account({
          invoices: [],
          balanceCents: 0,
          quotient: { value: null, source: null, bracketLabel: 'tranche 6 (QF au-delà de 1 600 €)', validTo: null },
        }),
      }),
    );
    expect(text).toContain('la tranche la plus haute s’applique (tranche 6 (QF au-delà de 1 600 €))');
    expect(text).toContain('Vous n’avez rien à payer.');
    expect(text).toContain('Vous n’avez encore aucune facture.');
  });
});

describe('an invoice’s page', () => {
  it('shows the bases of the calculation by child and service, the amounts, the dates, the payments and the PDF', () => {
    const page = renderView(
      InvoicePage({
        context,
        invoice: viewInvoice(),
        status: 'a-payer',
        pdfSize: '21 Ko',
        online: { offer: 'available', leftToPayCents: 2633 },
      }),
    );
    expect(page.title).toContain('Facture 2026-000031');
    expect(page.headers).toEqual([
      ['Enfant', 'Service', 'Jours ou unités', 'Prix unitaire', 'Tranche', 'Majorations', 'Montant'],
    ]);
    expect(page.text).toContain('Léa DUPONT Restauration scolaire 14 × repas 2,45 € tranche 3 1,23 € 35,53 €');
    expect(page.text).toContain('Léa DUPONT Accueil du soir 6 × soirée 1,80 € tranche 3 aucune 10,80 €');
    expect(page.text).toContain('Total de la facture 46,33 € Déjà payé 20,00 € Reste à payer 26,33 €');
    expect(page.text).toContain('À payer avant le lundi 30 novembre 2026');
    expect(page.text).toContain('Paiement en ligne jusqu’au mercredi 25 novembre 2026');
    expect(page.text).toContain('12/11/2026 : Espèces, 20,00 €');
    expect(page.text).toContain('Télécharger la facture (PDF, 21 Ko)');
    expect(page.text).toContain('Vous paierez 26,33 €. Payer en ligne');
    expect(page.html).toContain(
      'action="/chanteloup/ma-famille/factures/7d4f1c2a-3b5e-4c6d-8e9f-0a1b2c3d4e5f/payer-en-ligne"',
    );
    expect(page.text).toContain('Claire MOREAU, régisseuse titulaire.');
    expect(page.text).toContain('tribunal administratif de Versailles');
    expect(page.html).toContain(
      'href="/chanteloup/ma-famille/factures/7d4f1c2a-3b5e-4c6d-8e9f-0a1b2c3d4e5f/facture.pdf"',
    );
  });

  it('of a paid or cancelled invoice does not ask to pay', () => {
    const paid = renderView(
      InvoicePage({
        context,
        invoice: viewInvoice({ paidCents: 4633, leftToPayCents: 0 }),
        status: 'payee',
        pdfSize: '21 Ko',
        online: { offer: 'closed', leftToPayCents: 0 },
      }),
    );
    expect(paid.text).toContain('Payée');
    expect(paid.text).not.toContain('Payer au guichet unique');
    expect(paid.text).not.toContain('Payer en ligne');
    const cancelled = renderView(
      InvoicePage({
        context,
        invoice: viewInvoice({ cancelled: true, leftToPayCents: 0 }),
        status: 'annulee',
        pdfSize: '21 Ko',
        online: { offer: 'closed', leftToPayCents: 0 },
      }),
    );
    expect(cancelled.text).toContain('Annulée');
    expect(cancelled.text).not.toContain('À payer avant le');
  });
});
