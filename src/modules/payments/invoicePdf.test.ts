import { describe, expect, it } from 'vitest';
import { viewInvoice } from '../../../test/invoiceView.js';
import { pdfText } from '../../../test/pdfText.js';
import { invoicePdf } from './invoicePdf.js';

describe('the invoice’s PDF', () => {
  it('is the same bytes each time for the same invoice, and other bytes once a payment is added', async () => {
    const invoice = viewInvoice();
    const first = await invoicePdf(invoice);
    const second = await invoicePdf(viewInvoice());
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.equals(first)).toBe(true);
    const paid = await invoicePdf(
      viewInvoice({
        paidCents: 4633,
        leftToPayCents: 0,
        payments: [...invoice.payments, { receivedOn: '2026-11-20', means: 'cheque', amountCents: 2633 }],
      }),
    );
    expect(paid.equals(first)).toBe(false);
  });

  it('is tagged, in French, titled, with table header cells', async () => {
    const raw = (await invoicePdf(viewInvoice())).toString('latin1');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (fr-FR)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/S \/Table/);
    expect(raw).toMatch(/\/S \/TH/);
  });

  it('shows every mention an invoice needs: who bills, the family, the bases, the amounts, the dates, how to pay, who answers, the appeal', async () => {
    const text = pdfText(await invoicePdf(viewInvoice()));
    for (const mention of [
      'Facture n° 2026-000031',
      'Commune de Chanteloup-les-Vignes — Régie des services périscolaires',
      'Émise le jeudi 5 novembre 2026',
      'période du jeudi 1er octobre 2026 au samedi 31 octobre 2026',
      'Dossier F-0042',
      'Rémi DUPONT',
      '12 rue des Lilas',
      'Quotient familial : 720 (attestation CAF), tranche 3 (QF de 601 à 900)',
      'Léa DUPONT',
      'Restauration scolaire',
      '14 × repas',
      '2,45 €',
      '1,23 €',
      '35,53 €',
      'Total de la facture',
      '46,33 €',
      'Déjà payé',
      '20,00 €',
      'Reste à payer',
      '26,33 €',
      'Espèces',
      'À payer avant le lundi 30 novembre 2026',
      'Paiement en ligne possible jusqu’au mercredi 25 novembre 2026',
      'chèque',
      'Guichet unique',
      '01 39 74 20 20',
      'guichet@chanteloup.example.org',
      'lundi : 08:30–12:00',
      'Claire MOREAU, régisseuse titulaire',
      'deux mois',
      'tribunal administratif de Versailles',
    ]) {
      expect(text).toContain(mention);
    }
  });

  it('says when there is no QF that the highest bracket applies, and when the invoice is cancelled', async () => {
    const text = pdfText(
      await invoicePdf(
        viewInvoice({ cancelled: true, quotient: { value: null, bracketLabel: 'tranche 6', source: null } }),
      ),
    );
    expect(text).toContain('non communiqué, la tranche la plus haute s’applique (tranche 6)');
    expect(text).toContain('Cette facture est annulée');
  });
});
