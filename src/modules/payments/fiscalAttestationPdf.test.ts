import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdfText.js';
import { fiscalAttestationPdf } from './fiscalAttestationPdf.js';
import type { FiscalAttestationView } from './fiscalAttestationView.js';

const view = (overrides: Partial<FiscalAttestationView> = {}): FiscalAttestationView => ({
  year: 2026,
  issuedOn: '2027-03-15',
  issuer: {
    communeName: 'Chanteloup-les-Vignes',
    regie: 'Régie des services périscolaires',
    responsible: { name: 'Claire Martin', position: 'régisseuse titulaire' },
    court: 'tribunal administratif de Versailles',
    desk: {
      name: 'Guichet unique',
      street: '1 place de la Mairie',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
      phone: '01 39 74 29 00',
      email: 'guichet@example.org',
      hours: [],
    },
  },
  family: { reference: 'F-0042', representative: 'Aurélie DUPONT', addressLines: ['12 rue des Lilas'] },
  child: { name: 'Léo DUPONT', birthDate: '2021-06-10', sex: 'M' },
  paidCents: 123456,
  cesuCents: 0,
  ...overrides,
});

describe('the attestation fiscale’s PDF', () => {
  it('is the same bytes for the same attestation, other bytes for another day of issue', async () => {
    const first = await fiscalAttestationPdf(view());
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await fiscalAttestationPdf(view())).equals(first)).toBe(true);
    expect((await fiscalAttestationPdf(view({ issuedOn: '2027-03-16' }))).equals(first)).toBe(false);
  });

  it('is tagged, in French, titled', async () => {
    const raw = (await fiscalAttestationPdf(view())).toString('latin1');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (fr-FR)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toMatch(/\/S \/H1/);
  });

  it('states the provider, the child, the year, the amount, what is counted and the day of issue', async () => {
    const text = pdfText(await fiscalAttestationPdf(view()));
    for (const mention of [
      'Attestation fiscale 2026',
      'article 200 quater B du code général des impôts',
      'Commune de Chanteloup-les-Vignes — Régie des services périscolaires',
      '1 place de la Mairie',
      '78570 Chanteloup-les-Vignes',
      'Léo DUPONT, né le 10/06/2021',
      'Famille : dossier F-0042',
      'Montant payé en 2026 pour la garde de l’enfant : 1 234,56 €',
      'Sont comptés les paiements reçus du 1er janvier au 31 décembre 2026',
      'Ne sont pas comptés : les repas, les majorations pour réservation tardive, les annulations tardives.',
      'plafond des dépenses retenues (3 500 € par enfant',
      'Attestation délivrée le lundi 15 mars 2027',
      'Claire Martin, régisseuse titulaire',
    ]) {
      expect(text).toContain(mention);
    }
    expect(text).not.toContain('CESU');
  });

  it('says what of the amount was paid with CESU', async () => {
    const text = pdfText(await fiscalAttestationPdf(view({ cesuCents: 5000 })));
    expect(text).toContain('Dont 50,00 € payés en CESU');
  });
});
